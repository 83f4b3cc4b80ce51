"""The names forms suggest as you type: officers, areas, audiences, activity (event) types, PACT series,
issue themes and referrals."""

from __future__ import annotations

from dataclasses import dataclass

from engage_tui.domain.pact import list_series
from engage_tui.domain.people import list_areas, list_people
from engage_tui.domain.vocab import list_terms
from engage_tui.store import Store


@dataclass(frozen=True)
class Vocabulary:
    officers: list[str]
    areas: list[str]
    audiences: list[str]
    activities: list[str]
    series: list[str]
    themes: list[str]
    referrals: list[str]


def load_vocabulary(store: Store) -> Vocabulary:
    with store.read() as session:
        terms = list_terms(session)
        return Vocabulary(officers=[p.name for p in list_people(session)],
                          areas=[a.name for a in list_areas(session)],
                          audiences=[t.name for t in terms if t.kind == "audience"],
                          activities=[t.name for t in terms if t.kind == "activity"],
                          series=[s.name for s in list_series(session) if s.retired is None],
                          themes=[t.name for t in terms if t.kind == "theme"],
                          referrals=[t.short or t.name for t in terms if t.kind == "referral"])
