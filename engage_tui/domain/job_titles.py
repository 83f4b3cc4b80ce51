"""The jobs people do, how a report's title names the people of each, and reading a job typed in (free
of SQLAlchemy: the fast read path of T3 checks and names them too)."""

from __future__ import annotations

from datetime import date

from engage_tui.errors import EngageError, shown

BEGINNING = date(1900, 1, 1)
"""The day a person's first job takes effect: all of their history."""

JOB_TITLES = {
    "co": "cohesion officers",
    "pcso": "PCSOs",
    "pc": "PCs",
    "sergeant": "sergeants",
    "inspector": "inspectors",
    "staff": "staff",
}
JOBS = tuple(JOB_TITLES)
WORDS = {
    "cohesion officer": "co",
    "police community support officer": "pcso",
    "constable": "pc",
    "police constable": "pc",
}


def whose(job: str | None) -> str:
    """`Cohesion officers'`, `PCSOs'`, or `Everyone's`: whose hours a report's title says it counts."""
    return f"{heading(job)}'" if job else "Everyone's"


def file_part(job: str | None) -> str:
    """What a return's file name adds for whose hours it counts: nothing for the cohesion officers
    (the reports' own tables), `-pcso` for another job, `-all` for everyone's."""
    return "" if job == "co" else f"-{job or 'all'}"


def heading(job: str) -> str:
    """A job's people as a heading: `Cohesion officers`, `PCSOs`."""
    title = JOB_TITLES[job]
    return title[0].upper() + title[1:]


def check_job(text: str, field: str = "job") -> str:
    value = " ".join(text.strip().lower().split())
    value = WORDS.get(value, value)
    if value not in JOBS:
        raise EngageError(f"{field}: {shown(text)} is not a job; give one of {', '.join(JOBS)}", field=field)
    return value
