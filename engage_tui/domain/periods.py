"""Months and years, calendar or financial (1 April – 31 March, written 2021/22)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from engage_tui.errors import EngageError, shown

FY_START_MONTH = 4
_ISO_MONTH = re.compile(r"[0-9]{4}-[0-9]{1,2}")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month; `key` (YYYYMM) is how entries store it."""

    year: int
    month: int

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def from_key(cls, key: int) -> Month:
        return cls(key // 100, key % 100)

    @classmethod
    def parse(cls, text: str, field: str = "month") -> Month:
        """`YYYY-MM`, refused clearly otherwise (strptime alone would take other scripts' digits)."""
        try:
            if not _ISO_MONTH.fullmatch(text.strip()):
                raise ValueError
            parsed = datetime.strptime(text.strip(), "%Y-%m")
        except ValueError:
            raise EngageError(
                f"{field}: {shown(text)} is not a month; write YYYY-MM, e.g. 2017-10", field=field
            ) from None
        return cls(parsed.year, parsed.month)

    @property
    def key(self) -> int:
        return self.year * 100 + self.month

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def name(self) -> str:
        """The month's name, as T3 prints it: `January`."""
        return calendar.month_name[self.month]

    @property
    def label(self) -> str:
        """`October 2017`."""
        return f"{self.name} {self.year}"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def shift(self, months: int) -> Month:
        return Month.of(self.first_day + relativedelta(months=months))


def month_key(day: date) -> int:
    """The YYYYMM an entry on `day` is stored under."""
    return day.year * 100 + day.month


def year_months(year: int, fy: bool = False) -> list[Month]:
    """The twelve months of calendar year `year`, or of financial year `year`/`year+1`."""
    start = Month(year, FY_START_MONTH if fy else 1)
    return [start.shift(i) for i in range(12)]


def year_label(year: int, fy: bool = False) -> str:
    """`2017`, or `2017/18` for a financial year."""
    return f"{year}/{(year + 1) % 100:02d}" if fy else str(year)


def financial_year_of(day: date) -> int:
    """The starting calendar year of the financial year `day` falls in."""
    return day.year if day.month >= FY_START_MONTH else day.year - 1


def check_year(year: int, field: str = "year") -> int:
    """A plausible year for engagement records."""
    if not 1990 <= year <= 2100:
        raise EngageError(f"{field}: {year} is not a plausible year (1990–2100)", field=field)
    return year


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(text: str, field: str = "date") -> date:
    """`YYYY-MM-DD`, a real day in a plausible year."""
    raw = text.strip()
    try:
        if not _ISO_DAY.fullmatch(raw):
            raise ValueError
        day = date.fromisoformat(raw)
    except ValueError:
        raise EngageError(
            f"{field}: {shown(text)} is not a date; write YYYY-MM-DD, e.g. 2017-10-03", field=field
        ) from None
    check_year(day.year, field)
    return day


PERIOD_KINDS = ("month", "quarter", "year")


@dataclass(frozen=True, order=True)
class Period:
    """A month, quarter or year, calendar or financial: its first and last month and its label."""

    first: Month
    last: Month
    kind: str
    fy: bool = False

    @property
    def label(self) -> str:
        """As the reports write them: `2017-10`, `Q4 2021/22`, `Q1 2017`, `2021/22`, `2017`."""
        if self.kind == "month":
            return str(self.first)
        year = financial_year_of(self.first.first_day) if self.fy else self.first.year
        if self.kind == "year":
            return year_label(year, self.fy)
        start = FY_START_MONTH if self.fy else 1
        quarter = ((self.first.month - start) % 12) // 3 + 1
        return f"Q{quarter} {year_label(year, self.fy)}"

    @property
    def start(self) -> date:
        return self.first.first_day

    @property
    def end(self) -> date:
        return self.last.last_day

    def months(self) -> list[Month]:
        count = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1
        return [self.first.shift(i) for i in range(count)]

    def shift(self, steps: int) -> Period:
        """The period `steps` periods later (earlier when negative), of the same kind."""
        size = {"month": 1, "quarter": 3, "year": 12}[self.kind]
        return Period(self.first.shift(steps * size), self.last.shift(steps * size), self.kind, self.fy)


def period_of(month: Month, kind: str, fy: bool = False) -> Period:
    """The month, quarter or year (calendar or financial) that `month` falls in."""
    if kind == "month":
        return Period(month, month, "month", fy)
    start = FY_START_MONTH if fy else 1
    size = 3 if kind == "quarter" else 12
    offset = ((month.month - start) % 12) // size * size
    year = month.year if month.month >= start else month.year - 1
    first = Month(year, start).shift(offset)
    return Period(first, first.shift(size - 1), kind, fy)


def year_span(around: date | Month, fy: bool = False) -> tuple[date, date]:
    """The first and last days of the year (calendar or financial) a day or month falls in: where a
    report opens when no days are asked for."""
    year = period_of(around if isinstance(around, Month) else Month.of(around), "year", fy)
    return year.start, year.end


def periods_between(first: Month, last: Month, kind: str, fy: bool = False) -> list[Period]:
    """Every period of `kind` that touches the months first..last, in order."""
    periods, current = [], period_of(first, kind, fy)
    while current.first <= last:
        periods.append(current)
        current = current.shift(1)
    return periods


PERIOD_FORMS = (
    "a month (2017-10), a year (2017), a financial year (2021/22 or 2021-22) or a quarter "
    "(Q1 2017, Q4 2021/22, Quarter 4 (Jan-Mar) 2021/22, quarter one 2013-14)"
)
"""What a period may be written as, in the one line an unreadable period is refused with."""

_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—−", "-"))  # the dashes a pasted "2013–14" may carry
_YEAR = r"(?P<year>[0-9]{4})(?:(?P<sep>[/-])(?P<second>[0-9]{4}|[0-9]{2}))?"
_QUARTER_NAME = r"(?:q(?P<digit>[0-9])|quarter (?P<number>[0-9]|one|two|three|four))"
_QUARTER_MONTHS = r"(?: ?\((?P<opens>[a-z]+) ?- ?(?P<closes>[a-z]+)\))?"
_QUARTER_FIRST = re.compile(rf"{_QUARTER_NAME}{_QUARTER_MONTHS} {_YEAR}")
_YEAR_FIRST = re.compile(rf"{_YEAR} {_QUARTER_NAME}{_QUARTER_MONTHS}")
_YEAR_ENDING = re.compile(
    r"(?:the )?year end(?:ing|ed)? 31(?:st)? (?P<ends>march|december) (?P<year>[0-9]{4})"
)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4}
QUOTED = 40
"""The most characters of a typed period a refusal quotes: `Quarter 4 (Jan-Mar) 2021/22` whole."""


class _Unreadable(EngageError):
    """A period in none of the accepted forms (as against one that names no real period)."""


def parse_year(text: str, field: str = "year") -> Period:
    """A calendar or financial year, written any way `parse_period` reads one; a month or quarter is
    refused naming what it is."""
    period = parse_period(text, field)
    if period.kind != "year":
        raise EngageError(
            f"{field}: {shown(text, QUOTED)} is a {period.kind} ({period.label}); give a year: 2017, "
            "or 2021/22 for a financial year",
            field=field,
        )
    return period


def parse_period(text: str, field: str = "period") -> Period:
    """A period as the reports write it, refused clearly otherwise (an unreadable one with the forms
    accepted, in one line):

    - a month `2017-10`; a calendar year `2017`;
    - a financial year `2021/22`, `2021/2022`, `2021-2022`, or `2013-14` with a dash where that cannot
      be a month: `YYYY-MM` is a month whenever MM is 01–12, so `2011-12` is December 2011 and the
      financial years 2000/01 to 2011/12 need their slash (`2011/12`);
    - a quarter, calendar (`Q1 2017`, `Quarter 1 2017`) or financial (`Q4 2021/22`, `Q1 2013-14`,
      `Quarter 4 (Jan-Mar) 2021/22`, `quarter one 2013-14`, `2013-14 Q1`): after a quarter the year
      is a year, so a dash always means a financial year there; months in brackets must be the
      quarter's;
    - `year ending 31 March 2016` (the financial year 2015/16) or `… 31 December 2016` (2016).

    Case, spacing and the kind of dash do not matter."""
    raw = " ".join(text.split())
    spoken = raw.casefold().translate(_DASHES)
    for pattern in (_QUARTER_FIRST, _YEAR_FIRST):
        if match := pattern.fullmatch(spoken):
            return _quarter(match, raw, field)
    if match := _YEAR_ENDING.fullmatch(spoken):
        year = check_year(int(match["year"]), field)
        if match["ends"] == "march":
            return period_of(Month(year - 1, FY_START_MONTH), "year", fy=True)
        return period_of(Month(year, 1), "year")
    if match := re.fullmatch(_YEAR, spoken):
        second = match["second"]
        if second is None:
            return period_of(Month(check_year(int(match["year"]), field), 1), "year")
        if match["sep"] == "-" and len(second) == 2 and 1 <= int(second) <= 12:
            return period_of(Month.parse(spoken, field), "month")
        return period_of(Month(_financial_year(match, raw, field), FY_START_MONTH), "year", fy=True)
    raise _Unreadable(f"{field}: {shown(raw, QUOTED)} is not a period; write {PERIOD_FORMS}", field=field)


def _financial_year(match: re.Match[str], raw: str, field: str, quarter: bool = False) -> int:
    """The first calendar year of a financial year written `YYYY/YY`, `YYYY-YY` or `YYYY/YYYY`,
    refused where the second year does not follow the first (alone, `YYYY-NN` might have been
    meant as a month; after a quarter it cannot)."""
    year = check_year(int(match["year"]), field)
    second, follows = match["second"], year + 1
    if int(second) == (follows if len(second) == 4 else follows % 100):
        return year
    if match["sep"] == "-" and len(second) == 2 and not quarter:
        raise EngageError(
            f"{field}: {shown(raw, QUOTED)} is neither a month (01–12) nor a financial year "
            f"({year}-{follows % 100:02d})",
            field=field,
        )
    raise EngageError(
        f"{field}: {shown(raw, QUOTED)} is not a period: a financial year runs {year_label(year, fy=True)}",
        field=field,
    )


def _quarter(match: re.Match[str], raw: str, field: str) -> Period:
    """A quarter of a calendar year (`Q1 2017`) or a financial one (`Quarter 4 (Jan-Mar) 2021/22`)."""
    number = int(match["digit"]) if match["digit"] else _WORDS.get(match["number"]) or int(match["number"])
    if not 1 <= number <= 4:
        raise EngageError(
            f"{field}: {shown(raw, QUOTED)} is not a period: a year has four quarters, Q1 to Q4", field=field
        )
    fy = match["second"] is not None
    year = _financial_year(match, raw, field, quarter=True) if fy else check_year(int(match["year"]), field)
    first = Month(year, FY_START_MONTH if fy else 1).shift((number - 1) * 3)
    quarter = Period(first, first.shift(2), "quarter", fy)
    if match["opens"] is not None:
        named = (_month_named(match["opens"]), _month_named(match["closes"]))
        if named != (first.month, quarter.last.month):
            span = f"{calendar.month_abbr[first.month]}-{calendar.month_abbr[quarter.last.month]}"
            raise EngageError(
                f"{field}: {shown(raw, QUOTED)} is not a period: {quarter.label} is {span}", field=field
            )
    return quarter


def _month_named(word: str) -> int | None:
    """The month a word names: its English name, or the name's start (`jan`, `sept`), 3 letters or more."""
    return next(
        (i for i in range(1, 13) if len(word) >= 3 and calendar.month_name[i].lower().startswith(word)),
        None,
    )


BOUND_FORMS = f"a day (2017-10-03), {PERIOD_FORMS}"
"""What --from and --to may be: a day, or a period (its first or last day)."""


def parse_bound(text: str, field: str, end: bool = False) -> date:
    """A day for --from/--to: `YYYY-MM-DD`, or a period's first (or, for --to, last) day."""
    raw = text.strip()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
        return parse_date(raw, field)
    try:
        period = parse_period(raw, field)
    except _Unreadable:
        raise EngageError(
            f"{field}: {shown(raw, QUOTED)} is not a day or a period; write {BOUND_FORMS}", field=field
        ) from None
    return period.end if end else period.start


def parse_range(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """--from and --to (each a day or a period, either may be missing: None), refused when they are
    the wrong way round (an empty table would look like nothing happened). One given empty is
    refused, not taken for missing."""
    first = parse_bound(start, "from") if start is not None else None
    last = parse_bound(end, "to", end=True) if end is not None else None
    if first is not None and last is not None and first > last:
        raise EngageError(f"to: {last} is before from: {first}; give the earlier day first", field="to")
    return first, last
