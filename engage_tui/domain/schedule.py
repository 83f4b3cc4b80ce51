"""When a PACT series meets: a rule such as "last tue" or "2nd wed", monthly or every other month.

The dates come from `dateutil.rrule`, counted from the series' start (so a bi-monthly series meets
in the start's month, two months later, and so on) and ending the day before it retired. A series
with no rule meets on the weekday of its start date, in the same week of the month.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil.rrule import FR, MO, MONTHLY, SA, SU, TH, TU, WE, rrule, weekday

from engage_tui.errors import EngageError, shown

WEEKDAYS: dict[str, weekday] = {"mon": MO, "tue": TU, "wed": WE, "thu": TH, "fri": FR, "sat": SA, "sun": SU}
ORDINALS = {
    "1st": 1,
    "first": 1,
    "2nd": 2,
    "second": 2,
    "3rd": 3,
    "third": 3,
    "4th": 4,
    "fourth": 4,
    "last": -1,
}
INTERVAL = {"monthly": 1, "bimonthly": 2}
NAMES = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}
WINDOW = {"monthly": 15, "bimonthly": 30}
"""Days either side of a due date within which a recorded meeting counts as that one."""


def parse_schedule(text: str) -> str:
    """`last Tuesday`, `2nd wed`, `first monday` → the stored form, `last tue`."""
    words = text.strip().lower().split()
    if len(words) == 2 and words[0] in ORDINALS and words[1][:3] in WEEKDAYS:
        return f"{NAMES[ORDINALS[words[0]]]} {words[1][:3]}"
    raise EngageError(
        f"schedule: {shown(text)} is not a schedule; give e.g. 'last tue' or '2nd wed'", field="schedule"
    )


def schedule_of(start: date, schedule: str | None) -> str:
    """The series' rule, or the one its start date implies (the 29th–31st count as the last)."""
    if schedule:
        return schedule
    week = (start.day - 1) // 7 + 1
    return f"{NAMES[-1 if week == 5 else week]} {list(WEEKDAYS)[start.weekday()]}"


def due_dates(
    frequency: str, schedule: str | None, start: date, retired: date | None, first: date, last: date
) -> list[date]:
    """The days from `first` to `last` (inclusive) on which the series was due to meet."""
    ordinal, day = schedule_of(start, schedule).split()
    end = min(last, retired - timedelta(days=1)) if retired else last
    if end < max(first, start):
        return []
    rule = rrule(
        MONTHLY,
        interval=INTERVAL[frequency],
        byweekday=WEEKDAYS[day](ORDINALS[ordinal]),
        dtstart=datetime.combine(start, datetime.min.time()),
    )
    return [
        d.date()
        for d in rule.between(
            datetime.combine(max(first, start), datetime.min.time()),
            datetime.combine(end, datetime.min.time()),
            inc=True,
        )
    ]
