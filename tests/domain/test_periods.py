from datetime import date

import pytest

from engage_tui.domain.periods import (
    Month,
    Period,
    financial_year_of,
    month_key,
    parse_bound,
    parse_date,
    parse_period,
    period_of,
    periods_between,
    year_label,
    year_months,
)
from engage_tui.errors import EngageError


def test_calendar_year_is_january_to_december():
    months = year_months(2017)
    assert [str(m) for m in (months[0], months[-1])] == ["2017-01", "2017-12"]


def test_financial_year_is_april_to_march():
    months = year_months(2021, fy=True)
    assert [str(m) for m in (months[0], months[8], months[9], months[-1])] == [
        "2021-04",
        "2021-12",
        "2022-01",
        "2022-03",
    ]
    assert len(months) == 12


def test_labels_as_the_reports_write_them():
    assert year_label(2021, fy=True) == "2021/22"
    assert year_label(1999, fy=True) == "1999/00"
    assert year_label(2017) == "2017"


@pytest.mark.parametrize("day, fy", [(date(2022, 3, 31), 2021), (date(2022, 4, 1), 2022)])
def test_financial_year_boundary(day, fy):
    assert financial_year_of(day) == fy


def test_month_shift_crosses_the_year():
    assert Month(2017, 12).shift(1) == Month(2018, 1)
    assert Month(2018, 1).shift(-1) == Month(2017, 12)


def test_month_key_and_days():
    assert month_key(date(2017, 10, 3)) == 201710
    assert Month.from_key(201702).last_day == date(2017, 2, 28)
    assert Month.parse("2017-10").label == "October 2017"


@pytest.mark.parametrize("text", ["2017-13", "17-10", "October", ""])
def test_bad_months_refused(text):
    with pytest.raises(EngageError, match="not a month"):
        Month.parse(text)


@pytest.mark.parametrize(
    "text, why", [("2017-02-30", "not a date"), ("03/10/2017", "not a date"), ("1066-10-14", "plausible")]
)
def test_bad_dates_refused(text, why):
    with pytest.raises(EngageError, match=why):
        parse_date(text)


@pytest.mark.parametrize(
    "text, first, last, label",
    [
        ("2017-10", "2017-10", "2017-10", "2017-10"),
        ("2017", "2017-01", "2017-12", "2017"),
        ("2021/22", "2021-04", "2022-03", "2021/22"),
        ("Q4 2021/22", "2022-01", "2022-03", "Q4 2021/22"),
        ("q1 2013/14", "2013-04", "2013-06", "Q1 2013/14"),
        ("Q3 2017", "2017-07", "2017-09", "Q3 2017"),
        ("2021-22", "2021-04", "2022-03", "2021/22"),  # as the reports write it
        ("Q1 2013-14", "2013-04", "2013-06", "Q1 2013/14"),
        ("2011-12", "2011-12", "2011-12", "2011-12"),  # a month, which 2011/12 would be ambiguous with
    ],
)
def test_parse_period(text, first, last, label):
    period = parse_period(text)
    assert (str(period.first), str(period.last), period.label) == (first, last, label)


@pytest.mark.parametrize("text", ["2021/23", "2021-23", "Q1 2021-23", "Q5 2017", "Oct 2017", "2017-13", ""])
def test_bad_periods_refused(text):
    with pytest.raises(EngageError, match="period"):
        parse_period(text)


def test_financial_quarters_of_a_year():
    quarters = periods_between(Month(2021, 4), Month(2022, 3), "quarter", fy=True)
    assert [q.label for q in quarters] == ["Q1 2021/22", "Q2 2021/22", "Q3 2021/22", "Q4 2021/22"]
    assert period_of(Month(2022, 2), "quarter", fy=True).label == "Q4 2021/22"
    assert period_of(Month(2022, 2), "year", fy=True).shift(-1).label == "2020/21"


def test_bounds_from_periods():
    assert parse_bound("2021/22", "from") == date(2021, 4, 1)
    assert parse_bound("2021/22", "to", end=True) == date(2022, 3, 31)
    assert parse_bound("2017-02", "to", end=True) == date(2017, 2, 28)
    assert parse_bound("2017-02-14", "from") == date(2017, 2, 14)
    assert isinstance(parse_period("2017"), Period)
