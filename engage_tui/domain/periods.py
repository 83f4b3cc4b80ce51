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


def periods_between(first: Month, last: Month, kind: str, fy: bool = False) -> list[Period]:
    """Every period of `kind` that touches the months first..last, in order."""
    periods, current = [], period_of(first, kind, fy)
    while current.first <= last:
        periods.append(current)
        current = current.shift(1)
    return periods


_QUARTER = re.compile(r"q([1-4])\s+([0-9]{4})(?:[/-]([0-9]{2}))?", re.IGNORECASE)
_FY = re.compile(r"([0-9]{4})/([0-9]{2})")
_FY_DASHED = re.compile(r"([0-9]{4})-([0-9]{2})")


def parse_period(text: str, field: str = "period") -> Period:
    """`2017-10`, `2017`, `2021/22`, `Q4 2021/22` or `Q1 2017`, refused clearly otherwise. A financial
    year may be written with a dash as the reports do (`2013-14`, `Q1 2013-14`) where that cannot be a
    month: `2011-12` is December 2011, so the years 2000/01 to 2011/12 need their slash."""
    raw = " ".join(text.split())
    if (match := _FY_DASHED.fullmatch(raw)) and not 1 <= int(match[2]) <= 12:
        year = check_year(int(match[1]), field)
        if int(match[2]) != (year + 1) % 100:
            raise EngageError(
                f"{field}: {shown(raw)} is neither a month (01–12) nor a financial year "
                f"({year}-{(year + 1) % 100:02d})",
                field=field,
            )
        return period_of(Month(year, FY_START_MONTH), "year", fy=True)
    if match := _QUARTER.fullmatch(raw):
        year = check_year(int(match[2]), field)
        fy = match[3] is not None
        _check_fy_pair(year, match[3], raw, field)
        start = Month(year, FY_START_MONTH if fy else 1).shift((int(match[1]) - 1) * 3)
        return Period(start, start.shift(2), "quarter", fy)
    if match := _FY.fullmatch(raw):
        year = check_year(int(match[1]), field)
        _check_fy_pair(year, match[2], raw, field)
        return period_of(Month(year, FY_START_MONTH), "year", fy=True)
    if re.fullmatch(r"[0-9]{4}", raw):
        return period_of(Month(check_year(int(raw), field), 1), "year")
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}", raw):
        return period_of(Month.parse(raw, field), "month")
    raise EngageError(
        f"{field}: {shown(text)} is not a period; write 2017-10, 2017, 2021/22 (or 2021-22), Q4 2021/22 "
        "or Q1 2017",
        field=field,
    )


def _check_fy_pair(year: int, second: str | None, raw: str, field: str) -> None:
    if second is not None and int(second) != (year + 1) % 100:
        raise EngageError(
            f"{field}: {shown(raw)}: a financial year runs {year}/{(year + 1) % 100:02d}", field=field
        )


def parse_bound(text: str, field: str, end: bool = False) -> date:
    """A day for --from/--to: `YYYY-MM-DD`, or a period's first (or, for --to, last) day."""
    raw = text.strip()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
        return parse_date(raw, field)
    period = parse_period(raw, field)
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
