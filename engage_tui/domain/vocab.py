"""The user-extensible vocabularies: audiences reached, activity (event) types, and the themes and
referrals of PACT issues (kept in their own table, `issue_terms`).

`init` seeds the words the source reports use; matching ignores case and accepts the short forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from engage_tui.domain.actor import Actor
from engage_tui.domain.audit import record, values_of
from engage_tui.domain.names import clean_name, ensure_new, suggestion
from engage_tui.errors import EngageError, NotFound, shown
from engage_tui.store.choices import ISSUE_TERM_KINDS, TERM_KINDS
from engage_tui.store.keys import name_key
from engage_tui.store.models import IssueTerm, Term

CYP = "children and young people"

SEED_AUDIENCES: tuple[tuple[str, str | None], ...] = (
    ("faith groups", None),
    ("Eastern European communities", None),
    ("Gypsy, Roma and Traveller communities", "GRT"),
    ("disabled people", None),
    ("LGBT communities", None),
    ("older people", None),
    (CYP, "C&YP"),
    ("rural and farming communities", None),
    ("businesses", None),
    ("councillors", None),
    ("victims of crime", None),
    ("general public", None),
)

SEED_ACTIVITIES: tuple[str, ...] = (
    "PACT meeting",
    "street surgery",
    "community event (fair, show, carnival, community day)",
    "coffee morning",
    "older people's wellbeing visit (Age UK)",
    "livestock auction (cattle market)",
    "school session (cyber-crime, bullying, grooming, sexting)",
    "mini police or cadets",
    "youth forum",
    "business breakfast",
    "faith group meeting",
    "IAG or scrutiny panel",
    "hate crime awareness event",
    "BikeWise or DriveWise",
    "Operation Aries",
    "public accountability meeting",
    "door knocking",
    "social media ('In the Know')",
)

SEED_THEMES: tuple[str, ...] = (
    "ASB",
    "speeding",
    "parking",
    "drugs",
    "burglary",
    "criminal damage",
    "fly-tipping",
    "dog fouling",
    "noise",
    "street lighting",
    "youth nuisance",
    "off-road bikes",
    "scams and fraud",
    "hate crime",
)
SEED_REFERRALS: tuple[tuple[str, str | None], ...] = (
    ("Local Multi-Agency Problem-solving group", "LMAP"),
    ("Area Action Partnership", "AAP"),
    ("council", None),
    ("housing provider", "housing"),
    ("highways", None),
    ("fire and rescue", None),
    ("neighbourhood team", None),
)
KINDS = TERM_KINDS + ISSUE_TERM_KINDS


def model_of(kind: str) -> type[Term] | type[IssueTerm]:
    """Audiences and activities are `terms`; PACT issue themes and referrals are `issue_terms`."""
    return IssueTerm if kind in ISSUE_TERM_KINDS else Term


@dataclass(frozen=True)
class TermRow:
    id: int
    kind: str
    name: str
    short: str | None
    active: bool = True


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise EngageError(f"kind: {shown(kind)} is not a vocabulary; give {', '.join(KINDS)}", field="kind")
    return kind


def seed_terms(session: Session) -> int:
    """Add the seed words that are missing; returns how many were added (0 on a second run)."""
    wanted = [("audience", name, short) for name, short in SEED_AUDIENCES]
    wanted += [("activity", name, None) for name in SEED_ACTIVITIES]
    have = {(kind, name.lower()) for kind, name in session.execute(select(Term.kind, Term.name))}
    wanted += [("theme", name, None) for name in SEED_THEMES]
    wanted += [("referral", name, short) for name, short in SEED_REFERRALS]
    have |= {(kind, name.lower()) for kind, name in session.execute(select(IssueTerm.kind, IssueTerm.name))}
    new = [model_of(k)(kind=k, name=n, short=s) for k, n, s in wanted if (k, n.lower()) not in have]
    session.add_all(new)
    session.flush()
    return len(new)


def add_term(session: Session, actor: Actor, kind: str, name: str, short: str | None = None) -> TermRow:
    kind = check_kind(kind)
    model = model_of(kind)
    name = clean_name(name, kind, max_length=120)
    ensure_new(session, model, name, kind, model.kind == kind)
    term = model(kind=kind, name=name, short=clean_name(short, "short", 16) if short else None)
    session.add(term)
    session.flush()
    record(session, actor, "create", model.__tablename__, term.id, after=values_of(term))
    return TermRow(term.id, kind, name, term.short)


def list_terms(session: Session, kind: str | None = None) -> list[TermRow]:
    rows: list[TermRow] = []
    for model in (Term, IssueTerm):
        query = select(model.id, model.kind, model.name, model.short, model.active)
        if kind:
            query = query.where(model.kind == check_kind(kind))
        rows += [TermRow(*row) for row in session.execute(query)]
    return sorted(rows, key=lambda t: (KINDS.index(t.kind), t.name.lower()))


def find_term(session: Session, kind: str, text: str) -> Term | IssueTerm:
    """The term named `text` (or its short form, or a unique prefix such as `school session`)."""
    model = model_of(kind)
    wanted = name_key(clean_name(text, kind, max_length=120))
    terms = session.scalars(
        select(model).where(
            model.kind == kind, or_(model.name_key == wanted, func.lower(model.short) == wanted)
        )
    ).all()
    if terms:
        return cast(Term | IssueTerm, terms[0])
    known = list(session.scalars(select(model.name).where(model.kind == kind)))
    prefixed = [name for name in known if name_key(name).startswith(wanted)]
    if len(prefixed) == 1:
        return cast(
            Term | IssueTerm,
            session.scalars(select(model).where(model.kind == kind, model.name == prefixed[0])).one(),
        )
    raise NotFound(
        f"{kind}: unknown {kind} {shown(text.strip())}{suggestion(wanted, known)}; "
        f'add it with: engage term add {kind} "{text.strip()}"',
        field=kind,
    )
