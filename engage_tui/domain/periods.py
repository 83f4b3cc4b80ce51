"""Months and years, calendar or financial (1 April – 31 March, written 2021/22)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from engage_tui.errors import EngageError

FY_START_MONTH = 4


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
        """`YYYY-MM`, refused clearly otherwise."""
        try:
            parsed = datetime.strptime(text.strip(), "%Y-%m")
        except ValueError:
            raise EngageError(f"{field}: {text!r} is not a month; write YYYY-MM, e.g. 2017-10",
                              field=field) from None
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


def parse_date(text: str, field: str = "date") -> date:
    """`YYYY-MM-DD`, a real day in a plausible year."""
    try:
        day = datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise EngageError(f"{field}: {text!r} is not a date; write YYYY-MM-DD, e.g. 2017-10-03",
                          field=field) from None
    check_year(day.year, field)
    return day
