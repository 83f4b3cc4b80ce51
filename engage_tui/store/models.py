"""The tables, as typed SQLAlchemy models.

Time is integer minutes. `Entry.month_key` (YYYYMM) is stored beside the date so that monthly
reports group and range-scan a covering index instead of calling a date function on every row.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
    true,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, validates

from engage_tui.store.keys import name_key

Day = date
"""`date` by another name, for a model whose own `date` column hides the type."""

LINKS = ("event_id", "pact_meeting_id")
"""An entry logged at an event or a PACT meeting names it (most entries name neither)."""
AUTOINCREMENT = {"sqlite_autoincrement": True}
"""SQLite otherwise gives a deleted row's id to the next row; the audit trail names rows by id."""


def utcnow() -> datetime:
    """The time a row was written, in UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base with stable constraint names, so migrations can name what they alter."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


def _key_of(column: str):
    """The default of a key column: the key of the name inserted beside it (Core inserts too)."""

    def default(context: DefaultExecutionContext) -> str:
        return name_key(context.get_current_parameters()[column])

    return default


class Named:
    """A row people name: `name_key` (its name in any alphabet, `store.keys.name_key`) is what it is
    matched and kept unique by; kept in step whenever the name is set."""

    name_key: Mapped[str] = mapped_column(String(120), default=_key_of("name"))

    @validates("name")
    def _keep_key(self, _column: str, value: str) -> str:
        self.name_key = name_key(value)
        return value


class Locality(Named, Base):
    """A group of areas (East, West, South, Darlington in the 2013 report)."""

    __tablename__ = "localities"
    __table_args__ = AUTOINCREMENT
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))


class Area(Named, Base):
    """A neighbourhood policing area; which locality it sits in is the user's data."""

    __tablename__ = "areas"
    __table_args__ = AUTOINCREMENT
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    locality_id: Mapped[int | None] = mapped_column(ForeignKey("localities.id"))
    active: Mapped[bool] = mapped_column(default=True)


class Person(Named, Base):
    """An officer or supervisor (the role: a permission); `login` ties an operating-system account (or
    a database role) to the person. What they do is their job, dated (`PersonJob`)."""

    __tablename__ = "people"
    __table_args__ = (CheckConstraint("role IN ('officer', 'supervisor')", name="role"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    login: Mapped[str | None] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16), default="officer")
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PersonJob(Base):
    """What a person does from a day on (co, pcso, pc, sergeant, inspector, staff): moving a PCSO into
    the cohesion unit in June does not rewrite January. T3 counts the hours of those whose job on the
    day is `co`."""

    __tablename__ = "person_jobs"
    __table_args__ = (
        UniqueConstraint("person_id", "effective_from"),
        CheckConstraint("job IN ('co', 'pcso', 'pc', 'sergeant', 'inspector', 'staff')", name="job"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    job: Mapped[str] = mapped_column(String(16))
    effective_from: Mapped[date] = mapped_column(Date)


class Word(Named):
    """The columns of a vocabulary word: which vocabulary, the word, and a short form also accepted."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(120))
    short: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    """False once retired: no longer offered; the records that use it keep it."""


class Term(Word, Base):
    """A word of a user-extensible vocabulary: an audience or an activity type."""

    __tablename__ = "terms"
    __table_args__ = (CheckConstraint("kind IN ('audience', 'activity')", name="kind"),)


class ImportBatch(Base):
    """One imported file (or the demo load), known by a digest of its parsed rows: the same rows are
    refused a second time, naming the first import, unless forced with a reason (`forced`) — a forced
    repeat keeps the digest and points at the first (`repeats_id`)."""

    __tablename__ = "import_batches"
    __table_args__ = (
        Index(
            "ux_import_batches_kind_sha256",
            "kind",
            "sha256",
            unique=True,
            sqlite_where=text("repeats_id IS NULL"),
            postgresql_where=text("repeats_id IS NULL"),
        ),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(400))
    sha256: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer)
    imported_by: Mapped[int] = mapped_column(ForeignKey("people.id"))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    forced: Mapped[str | None] = mapped_column(String(500))
    repeats_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"), index=True)


class Entry(Base):
    """Engagement time: one officer, one day, a whole number of minutes in one category."""

    __tablename__ = "entries"
    __table_args__ = (
        CheckConstraint("minutes > 0 AND minutes <= 1440", name="minutes"),
        CheckConstraint("category IN ('community', 'cyp')", name="category"),
        Index("ix_entries_month_cover", "month_key", "category", "minutes"),
        Index("ix_entries_officer_month", "officer_id", "month_key", "category", "minutes"),
        *(  # partial: most entries belong to neither, and a planner judging by all the NULLs
            # turned away from the index (a year of PACT meetings' officers: 2.3 s at 1M; 0014)
            Index(
                f"ix_entries_{column}",
                column,
                sqlite_where=text(f"{column} IS NOT NULL"),
                postgresql_where=text(f"{column} IS NOT NULL"),
            )
            for column in LINKS
        ),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    date: Mapped[date] = mapped_column(Date)
    month_key: Mapped[int] = mapped_column(Integer)
    minutes: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(16), default="community")
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"))
    audience_id: Mapped[int | None] = mapped_column(ForeignKey("terms.id"))
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("terms.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    import_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"))
    pact_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("pact_meetings.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class MonthReturn(Base):
    """An officer's monthly return: submitted, then approved (figures frozen) or sent back."""

    __tablename__ = "returns"
    __table_args__ = (
        UniqueConstraint("officer_id", "month_key"),
        CheckConstraint("state IN ('draft', 'submitted', 'approved', 'sent back', 'reopened')", name="state"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    month_key: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    community_minutes: Mapped[int | None] = mapped_column(Integer)
    cyp_minutes: Mapped[int | None] = mapped_column(Integer)
    updated_by: Mapped[int] = mapped_column(ForeignKey("people.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEvent(Base):
    """One change, append-only and hash-chained: `hash` covers this row and the previous row's hash."""

    __tablename__ = "audit_log"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[str] = mapped_column(String(40))  # ISO text, hashed exactly as stored
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(80))  # "Sue Grant as Amira Khan" when acting as someone
    action: Mapped[str] = mapped_column(String(16))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    real_id: Mapped[int | None] = mapped_column(Integer)  # the supervisor acting as `actor_id`, if so


class SurveyVariable(Named, Base):
    """A confidence-survey variable; for some (Fear, Victim of Crime) lower is better."""

    __tablename__ = "survey_variables"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    lower_is_better: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(Integer)


class SurveyPeriod(Base):
    """A survey wave: a free label (`Baseline`, `2013-14 Q1`) and its place in the order."""

    __tablename__ = "survey_periods"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(40))
    name_key: Mapped[str] = mapped_column(String(120), default=_key_of("label"))

    @validates("label")
    def _keep_key(self, _column: str, value: str) -> str:
        self.name_key = name_key(value)
        return value

    position: Mapped[int] = mapped_column(Integer)


class SurveyScore(Base):
    """One locality's score for one variable in one wave, kept exactly as tenths (6.9 → 69)."""

    __tablename__ = "survey_scores"
    __table_args__ = (
        UniqueConstraint("locality_id", "variable_id", "period_id"),
        CheckConstraint("tenths >= 0 AND tenths <= 100", name="tenths"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    locality_id: Mapped[int] = mapped_column(ForeignKey("localities.id"))
    variable_id: Mapped[int] = mapped_column(ForeignKey("survey_variables.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("survey_periods.id"))
    tenths: Mapped[int] = mapped_column(Integer)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))


class Event(Base):
    """A community event: what, where, when, for whom, and how many people it reached.

    The officers' time at it is kept as their engagement entries (`Entry.event_id`), so it is logged
    once and counted once wherever hours are shown.
    """

    __tablename__ = "events"
    __table_args__ = (CheckConstraint("reached IS NULL OR reached >= 0", name="reached"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[Day | None] = mapped_column(Date)
    type_id: Mapped[int] = mapped_column(ForeignKey("terms.id"))
    title: Mapped[str] = mapped_column(String(200))
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"))
    venue: Mapped[str] = mapped_column(String(200), default="")
    partners: Mapped[str] = mapped_column(Text, default="")
    reached: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EventAudience(Base):
    """One of an event's audiences."""

    __tablename__ = "event_audiences"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id"), primary_key=True)


class PactSeries(Named, Base):
    """A PACT meeting series in the register; retiring it keeps its history and stops it counting."""

    __tablename__ = "pact_series"
    __table_args__ = (
        CheckConstraint("frequency IN ('monthly', 'bimonthly')", name="frequency"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id"))
    name: Mapped[str] = mapped_column(String(120))
    venue: Mapped[str] = mapped_column(String(200), default="")
    frequency: Mapped[str] = mapped_column(String(16), default="monthly")
    super_pact: Mapped[bool] = mapped_column(default=False)
    start: Mapped[date] = mapped_column(Date)
    retired: Mapped[date | None] = mapped_column(Date)
    schedule: Mapped[str | None] = mapped_column(String(40))  # "last tue"; None: as the start date


class PactMeeting(Base):
    """A meeting of a series as it happened (attendance counts) or a cancelled one (no counts).

    The officers' hours at it are their engagement entries (`Entry.pact_meeting_id`); the rank each
    attended in is kept in `PactOfficer`, which prices the actual cost.
    """

    __tablename__ = "pact_meetings"
    __table_args__ = (
        UniqueConstraint("series_id", "date"),
        CheckConstraint("public IS NULL OR public >= 0", name="public"),
        CheckConstraint("partners IS NULL OR partners >= 0", name="partners"),
        CheckConstraint("cancelled OR public IS NOT NULL", name="held_counts"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("pact_series.id"))
    date: Mapped[date] = mapped_column(Date)
    cancelled: Mapped[bool] = mapped_column(default=False)
    public: Mapped[int | None] = mapped_column(Integer)
    partners: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    import_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PactOfficer(Base):
    """The rank an officer attended a meeting in (pcso, pc, inspector)."""

    __tablename__ = "pact_officers"
    __table_args__ = (CheckConstraint("rank IN ('pcso', 'pc', 'inspector')", name="rank"),)

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("pact_meetings.id", ondelete="CASCADE"), primary_key=True
    )
    officer_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    rank: Mapped[str] = mapped_column(String(16))


class IssueTerm(Word, Base):
    """A word of the PACT issue vocabularies: themes (ASB, speeding…) and referrals (LMAP, council…).
    Its own table, since `terms` checks its kinds and SQLite cannot change a check in place."""

    __tablename__ = "issue_terms"
    __table_args__ = (CheckConstraint("kind IN ('theme', 'referral')", name="kind"),)


class PactIssue(Base):
    """An issue residents raised at a meeting, followed up until it is reported back and closed."""

    __tablename__ = "pact_issues"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'in hand', 'resolved', 'closed')", name="status"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("pact_meetings.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    theme_id: Mapped[int] = mapped_column(ForeignKey("issue_terms.id"))
    owner: Mapped[str] = mapped_column(String(120), default="")
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("issue_terms.id"))
    status: Mapped[str] = mapped_column(String(16), default="open")
    outcome: Mapped[str] = mapped_column(Text, default="")
    reported_back_id: Mapped[int | None] = mapped_column(ForeignKey("pact_meetings.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Setting(Base):
    """A setting that takes effect from a day (a pay rate), so a new value does not rewrite the past."""

    __tablename__ = "settings"
    __table_args__ = (UniqueConstraint("key", "effective_from"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(200))
    effective_from: Mapped[date] = mapped_column(Date)


# Names are unique as a person reads them, in any alphabet: "durham area" is "Durham area", and
# "ÉMILE ÖZTÜRK" is "Émile Öztürk" (the key column, `store.keys.name_key`).
NAME_KEYS = {
    "localities": Locality,
    "areas": Area,
    "people": Person,
    "survey_variables": SurveyVariable,
    "survey_periods": SurveyPeriod,
    "pact_series": PactSeries,
}
for _table, _model in NAME_KEYS.items():
    Index(f"ux_{_table}_name_key", _model.__table__.c.name_key, unique=True)
Index("ux_terms_kind_name_key", Term.kind, Term.name_key, unique=True)
Index("ux_issue_terms_kind_name_key", IssueTerm.kind, IssueTerm.name_key, unique=True)
Index("ux_people_login", func.lower(Person.login), unique=True)
