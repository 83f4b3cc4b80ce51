"""People, areas and localities, the vocabularies, and who is acting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from engage_tui.domain import jobs, people, vocab
from engage_tui.domain.directory import offered_areas, offered_people
from engage_tui.domain.jobs import JobRow
from engage_tui.domain.pact import list_series
from engage_tui.domain.people import AreaRow, PersonRow, require_supervisor
from engage_tui.domain.periods import parse_date
from engage_tui.domain.vocab import TermRow
from engage_tui.service.core import Core


@dataclass(frozen=True)
class Vocabulary:
    """The names forms suggest as you type and filters offer."""

    officers: list[str]
    areas: list[str]
    audiences: list[str]
    activities: list[str]
    series: list[str]
    themes: list[str]
    referrals: list[str]


class People:
    def __init__(self, core: Core) -> None:
        self.core = core

    def add(
        self,
        name: str,
        role: str = "officer",
        area: str | None = None,
        login: str | None = None,
        job: str | None = None,
    ) -> PersonRow:
        with self.core.write() as (session, actor):
            require_supervisor(actor, "add people")
            return people.add_person(session, actor, name, role, area, login, job)

    def change_job(self, name: str, job: str, start: str | date) -> JobRow:
        """`name` does `job` from the day `start` (YYYY-MM-DD) on."""
        day = start if isinstance(start, date) else parse_date(start, "from")
        with self.core.write() as (session, actor):
            require_supervisor(actor, "change people's jobs")
            return jobs.change_job(session, actor, people.find_person(session, name), job, day)

    def jobs(self, name: str) -> list[JobRow]:
        """A person's jobs, oldest first."""
        with self.core.read() as (session, _actor):
            return jobs.history(session, people.find_person(session, name).id)

    def everyone(self) -> list[PersonRow]:
        """Everyone, with the job each does today."""
        with self.core.read() as (session, _actor):
            return people.list_people(session, self.core.today())

    def add_area(self, name: str, locality: str | None = None) -> AreaRow:
        with self.core.write() as (session, actor):
            require_supervisor(actor, "add areas")
            return people.add_area(session, actor, name, locality)

    def areas(self) -> list[AreaRow]:
        with self.core.read() as (session, _actor):
            return people.list_areas(session)

    def add_term(self, kind: str, name: str, short: str | None = None) -> TermRow:
        with self.core.write() as (session, actor):
            require_supervisor(actor, "add vocabulary terms")
            return vocab.add_term(session, actor, kind, name, short)

    def terms(self, kind: str | None = None) -> list[TermRow]:
        with self.core.read() as (session, _actor):
            return vocab.list_terms(session, kind)

    def vocabulary(self) -> Vocabulary:
        with self.core.read() as (session, _actor):
            terms = [t for t in vocab.list_terms(session) if t.active]  # a retired word is not offered
            return Vocabulary(
                officers=offered_people(session),  # a retired person or area is no longer offered
                areas=offered_areas(session),
                audiences=[t.name for t in terms if t.kind == "audience"],
                activities=[t.name for t in terms if t.kind == "activity"],
                series=[s.name for s in list_series(session) if s.retired is None],
                themes=[t.name for t in terms if t.kind == "theme"],
                referrals=[t.short or t.name for t in terms if t.kind == "referral"],
            )
