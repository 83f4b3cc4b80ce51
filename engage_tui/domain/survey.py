"""The confidence survey (T4): variables with a direction, ordered waves, scores by locality, and
the movement between two waves.

Scores are kept as integer tenths (one decimal, as the survey reports them), so "equal to one decimal"
is plain integer equality and no float ever decides a movement word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, aliased

from engage_tui.domain.actor import Actor
from engage_tui.domain.audit import record, values_of
from engage_tui.domain.imports import (
    ImportFile,
    RowsDigest,
    check_force,
    earlier_imports,
    import_data,
    lock_imports,
    new_batch,
    open_import,
    refuse_repeat,
)
from engage_tui.domain.names import clean_name, ensure_new, suggestion
from engage_tui.domain.numbers import decimal
from engage_tui.errors import EngageError, ImportRefused, NotFound, shown
from engage_tui.store.keys import name_key
from engage_tui.store.models import Locality, SurveyPeriod, SurveyScore, SurveyVariable

IMPROVED, WORSENED, NO_CHANGE = "Improved", "Worsened", "No Change"
# The Durham model's 13 variables, in the report's order; True where lower is better.
DEFAULT_VARIABLES = (
    ("CONFIDENCE", False),
    ("Community Cohesion", False),
    ("Community Control", False),
    ("Community Engagement", False),
    ("PACT", False),
    ("Visibility", False),
    ("Police Effectiveness", False),
    ("Informed", False),
    ("Service Behaviour", False),
    ("Co-operation", False),
    ("Fear", True),
    ("Perception of Crime & ASB", True),
    ("Victim of Crime", True),
)
SURVEY_COLUMNS = ("locality", "variable", "period", "score")


@dataclass(frozen=True)
class VariableRow:
    id: int
    name: str
    lower_is_better: bool


def movement(baseline: int, compared: int, lower_is_better: bool) -> str:
    """Improved, Worsened or No Change, by the variable's direction (scores in tenths)."""
    if compared == baseline:
        return NO_CHANGE
    return IMPROVED if (compared < baseline) == lower_is_better else WORSENED


def parse_score(text: str, field: str = "score") -> int:
    """`6.9` → 69 tenths; 0–10 with at most one decimal."""
    raw = text.strip()
    if re.fullmatch(r"[0-9]+,[0-9]", raw):
        raise EngageError(f"{field}: {shown(raw)} is not a score; use a point for decimals: 6.9", field=field)
    return int(decimal(raw, field, 10, places=1, what="a score") * 10)


def seed_variables(session: Session) -> int:
    """Add the default variables that are missing; returns how many were added."""
    have = {n.lower() for n in session.scalars(select(SurveyVariable.name))}
    start = session.scalar(select(func.coalesce(func.max(SurveyVariable.position), 0))) or 0
    new = [
        SurveyVariable(name=n, lower_is_better=low, position=start + i + 1)
        for i, (n, low) in enumerate(v for v in DEFAULT_VARIABLES if v[0].lower() not in have)
    ]
    session.add_all(new)
    session.flush()
    return len(new)


def add_variable(session: Session, actor: Actor, name: str, lower_is_better: bool) -> VariableRow:
    name = clean_name(name, "variable")
    ensure_new(session, SurveyVariable, name, "variable")
    position = (session.scalar(select(func.max(SurveyVariable.position))) or 0) + 1
    variable = SurveyVariable(name=name, lower_is_better=lower_is_better, position=position)
    session.add(variable)
    session.flush()
    record(session, actor, "create", "survey_variables", variable.id, after=values_of(variable))
    return VariableRow(variable.id, name, lower_is_better)


def list_variables(session: Session) -> list[VariableRow]:
    rows = session.execute(
        select(SurveyVariable.id, SurveyVariable.name, SurveyVariable.lower_is_better).order_by(
            SurveyVariable.position
        )
    )
    return [VariableRow(*row) for row in rows]


def list_periods(session: Session) -> list[str]:
    """Wave labels in order."""
    return list(session.scalars(select(SurveyPeriod.label).order_by(SurveyPeriod.position)))


def find_period(session: Session, label: str, field: str) -> SurveyPeriod:
    """The wave named `label` (ignoring case), or the only wave whose label contains it (`Q1`)."""
    wanted = label.strip()
    period = session.scalar(select(SurveyPeriod).where(SurveyPeriod.name_key == name_key(wanted)))
    if period is None and wanted:
        partial = session.scalars(
            select(SurveyPeriod).where(SurveyPeriod.name_key.contains(name_key(wanted)))
        ).all()
        period = partial[0] if len(partial) == 1 else None
    if period is None:
        raise NotFound(
            f"{field}: unknown survey period {shown(wanted)}{suggestion(wanted, list_periods(session))}",
            field=field,
        )
    return period


class _Names:
    """Localities and variables by lower-cased name, read once for a whole import."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.localities = {n.lower(): i for i, n in session.execute(select(Locality.id, Locality.name))}
        self.variables = {
            n.lower(): i for i, n in session.execute(select(SurveyVariable.id, SurveyVariable.name))
        }
        self.variable_names = [v.name for v in list_variables(session)]

    def locality(self, name: str) -> int:
        found = self.localities.get(name.strip().lower())
        if found is None:
            known = list(self.session.scalars(select(Locality.name)))
            raise EngageError(
                f"locality: unknown locality {shown(name.strip())}{suggestion(name, known)}", field="locality"
            )
        return found

    def variable(self, name: str) -> int:
        found = self.variables.get(name.strip().lower())
        if found is None:
            raise EngageError(
                f"variable: unknown variable {shown(name.strip())}; the variables are "
                f"{', '.join(self.variable_names)} (add one with: engage survey "
                "variable add NAME)",
                field="variable",
            )
        return found

    def period(self, label: str) -> str:
        """The period's label; a new label becomes the next wave when stored, in the order first seen."""
        return clean_name(label, "period", 40)


@dataclass
class PreparedSurvey:
    """A survey file read and checked, ready to store: scores as (locality id, variable id, period
    label, tenths), and the labels of waves it adds."""

    source: str
    digest: str
    byte_digest: str
    rows: list[tuple[int, int, str, int]]
    force: str | None = None


def import_survey(
    session: Session,
    actor: Actor,
    path: Path,
    dry_run: bool = False,
    sheet: str | None = None,
    force: str | None = None,
) -> int:
    """Import `locality,variable,period,score` whole or not at all, in one transaction (the service
    checks and stores in two); returns the number of scores."""
    return import_survey_file(session, actor, open_import(path, sheet), dry_run, force)


def import_survey_data(session: Session, actor: Actor, data: bytes, source: str) -> int:
    """The survey import on bytes already read: the demo loads its table through here."""
    return import_survey_file(session, actor, import_data(data, source))


def import_survey_file(
    session: Session, actor: Actor, file: ImportFile, dry_run: bool = False, force: str | None = None
) -> int:
    prepared = prepare_survey(session, file, force)
    return len(prepared.rows) if dry_run else store_survey(session, actor, prepared)


def prepare_survey(session: Session, file: ImportFile, force: str | None = None) -> PreparedSurvey:
    """Phase 1 (a read transaction): every row checked — names, scores, no score twice in the file
    or already stored — every problem listed, and the earlier import of the same rows refused."""
    force = check_force(force)
    names, problems = _Names(session), []
    seen: dict[tuple[int, int, str], int] = {}
    rows: list[tuple[int, int, str, int]] = []
    digest = RowsDigest()
    for number, cells in file.cells(SURVEY_COLUMNS, SURVEY_COLUMNS):
        if isinstance(cells, str):
            problems.append(cells)
            continue
        digest.add(cells)
        locality, variable, period, score_text = cells
        try:
            key = (names.locality(locality), names.variable(variable), names.period(period))
            score = parse_score(score_text)
        except EngageError as error:
            problems.append(f"row {number}, {error.message}")
            continue
        if key in seen:
            problems.append(f"row {number}: the same locality, variable and period as row {seen[key]}")
        seen[key] = number
        rows.append((*key, score))
    prepared = PreparedSurvey(file.source, digest.hexdigest(), file.byte_digest, rows, force)
    refuse_repeat(earlier_imports(session, "survey", prepared.digest, file.byte_digest), file.source, force)
    problems += _already_scored(session, rows)
    if not rows and not problems:
        problems.append("the file has a header but no rows")
    if problems:
        raise ImportRefused(file.source, problems)
    return prepared


def store_survey(session: Session, actor: Actor, prepared: PreparedSurvey) -> int:
    """Phase 2 (the write transaction): the earlier imports and the scores stored meanwhile checked
    again, then the new waves, the batch and the scores stored."""
    lock_imports(session)
    earlier = earlier_imports(session, "survey", prepared.digest, prepared.byte_digest)
    refuse_repeat(earlier, prepared.source, prepared.force)
    problems = _already_scored(session, prepared.rows)
    if problems:
        raise ImportRefused(prepared.source, [f"{p} (since the file was checked)" for p in problems])
    periods = _store_periods(session, prepared.rows)
    batch = new_batch(
        session,
        actor,
        "survey",
        prepared.source,
        prepared.digest,
        len(prepared.rows),
        prepared.force,
        earlier,
    )
    session.execute(
        insert(SurveyScore),
        [
            {
                "locality_id": loc,
                "variable_id": var,
                "period_id": periods[label.lower()],
                "tenths": score,
                "import_id": batch.id,
            }
            for loc, var, label, score in prepared.rows
        ],
    )
    return len(prepared.rows)


def _period_ids(session: Session) -> dict[str, int]:
    return {n.lower(): i for i, n in session.execute(select(SurveyPeriod.id, SurveyPeriod.label))}


def _already_scored(session: Session, rows: list[tuple[int, int, str, int]]) -> list[str]:
    periods = _period_ids(session)
    existing = set(
        session.execute(select(SurveyScore.locality_id, SurveyScore.variable_id, SurveyScore.period_id)).all()
    )
    return [
        f"{label}: a score for this locality and variable is already stored"
        for locality, variable, label, _ in rows
        if (locality, variable, periods.get(label.lower())) in existing
    ]


def _store_periods(session: Session, rows: list[tuple[int, int, str, int]]) -> dict[str, int]:
    """Every wave the rows name, the new ones added after the last in the order first seen."""
    periods = _period_ids(session)
    position = session.scalar(select(func.coalesce(func.max(SurveyPeriod.position), 0))) or 0
    for label in dict.fromkeys(label for _, _, label, _ in rows):
        if label.lower() not in periods:
            position += 1
            period = SurveyPeriod(label=label, position=position)
            session.add(period)
            session.flush()
            periods[label.lower()] = period.id
    return periods


@dataclass(frozen=True)
class Comparison:
    locality: str
    variable: str
    baseline: int
    compared: int
    movement: str
    lower_is_better: bool = False


def compare(session: Session, baseline: str, compared: str) -> tuple[str, str, list[Comparison]]:
    """The two waves' labels, and every locality and variable scored in both, in the variables'
    order (one SQL join)."""
    base = find_period(session, baseline, "baseline")
    later = find_period(session, compared, "compare")
    first, second = aliased(SurveyScore), aliased(SurveyScore)
    rows = session.execute(
        select(
            Locality.name, SurveyVariable.name, SurveyVariable.lower_is_better, first.tenths, second.tenths
        )
        .join(first, first.locality_id == Locality.id)
        .join(second, (second.locality_id == first.locality_id) & (second.variable_id == first.variable_id))
        .join(SurveyVariable, SurveyVariable.id == first.variable_id)
        .where(first.period_id == base.id, second.period_id == later.id)
        .order_by(Locality.id, SurveyVariable.position)
    )
    return (
        base.label,
        later.label,
        [Comparison(loc, var, b, c, movement(b, c, low), low) for loc, var, low, b, c in rows],
    )
