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
    parse_range,
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
        ("2012-13", "2012-04", "2013-03", "2012/13"),  # 13 is no month: the first dashed year read so
        ("1999-00", "1999-04", "2000-03", "1999/00"),
    ],
)
def test_parse_period(text, first, last, label):
    period = parse_period(text)
    assert (str(period.first), str(period.last), period.label) == (first, last, label)


@pytest.mark.parametrize(
    "text, label",
    [  # every way the five source reports write a period (002_… ¶7, 004_… ¶1, ¶23, ¶30, 003_…)
        ("2013-14", "2013/14"),
        ("2013/14", "2013/14"),
        ("2015-16", "2015/16"),
        ("2018-19", "2018/19"),
        ("2021/22", "2021/22"),
        ("Quarter 4 (Jan-Mar) 2021/22", "Q4 2021/22"),
        ("Quarter 4 2021/22", "Q4 2021/22"),
        ("Quarter 1 2022/23", "Q1 2022/23"),
        ("quarter one 2013-14", "Q1 2013/14"),
        ("2013-14 Q1", "Q1 2013/14"),  # the survey's own label for that wave
        ("year ending 31st March 2016", "2015/16"),
        # and as people type them
        ("Q1 2013-14", "Q1 2013/14"),
        ("Q4 2021/22", "Q4 2021/22"),
        ("QUARTER FOUR (JAN - MAR) 2021-22", "Q4 2021/22"),
        ("Quarter 2 (July-September) 2017/18", "Q2 2017/18"),
        ("Q3 (Jul-Sep) 2017", "Q3 2017"),
        ("quarter  three\t2017", "Q3 2017"),
        ("2013–14", "2013/14"),  # an en dash, pasted from a report
        ("2021/2022", "2021/22"),
        ("2021-2022", "2021/22"),
        ("Q1 2011-12", "Q1 2011/12"),  # after a quarter, a dashed year is a year even where 12 is a month
        ("2011/12", "2011/12"),
        ("year ending 31 December 2017", "2017"),
    ],
)
def test_periods_as_the_reports_write_them(text, label):
    assert parse_period(text).label == label


@pytest.mark.parametrize(
    "text, why",
    [
        ("2021/23", "a financial year runs 2021/22"),
        ("2021-23", "neither a month (01–12) nor a financial year (2021-22)"),
        ("2015-17", "neither a month (01–12) nor a financial year (2015-16)"),  # the 2015-17 plan: two years
        ("2017-2020", "a financial year runs 2017/18"),
        ("Q1 2021-23", "a financial year runs 2021/22"),
        ("Q5 2017", "four quarters"),
        ("quarter 0 2017", "four quarters"),
        ("Quarter 1 (Jan-Mar) 2021/22", "Q1 2021/22 is Apr-Jun"),
        ("Quarter 4 (Jan-Mar) 2021", "Q4 2021 is Oct-Dec"),  # the /22 left off
        ("Q4 (Ja-Mar) 2021/22", "Q4 2021/22 is Jan-Mar"),
        ("2017-13", "neither a month (01–12) nor a financial year (2017-18)"),
        ("Q1 1066", "plausible"),
        ("Q3 (Oct-Dec) 2017", "Q3 2017 is Jul-Sep"),  # Oct-Dec is the third quarter of a financial year
        ("year ending 30 June 2016", "is not a period; write a month"),
        ("quarter five 2017", "is not a period; write a month"),
        ("Oct 2017", "is not a period; write a month"),
        ("2017-1", "is not a period; write a month"),
        ("٢٠١٧", "is not a period; write a month"),  # another script's digits
        ("", "is not a period; write a month"),
    ],
)
def test_bad_periods_refused(text, why):
    with pytest.raises(EngageError) as refused:
        parse_period(text)
    assert refused.value.message.startswith("period: ") and why in refused.value.message


def test_an_unreadable_period_lists_the_accepted_forms_in_one_line():
    with pytest.raises(EngageError) as refused:
        parse_period("last spring")
    message = refused.value.message
    assert "\n" not in message and message.startswith("period: 'last spring' is not a period; write ")
    for form in (
        "2017-10",
        "2017",
        "2021/22",
        "2021-22",
        "Q1 2017",
        "Q4 2021/22",
        "Quarter 4 (Jan-Mar) 2021/22",
    ):
        assert form in message
    with pytest.raises(EngageError) as bound:
        parse_bound("last spring", "from")
    assert bound.value.message.startswith(
        "from: 'last spring' is not a day or a period; write a day (2017-10-03)"
    )
    assert "quarter one 2013-14" in bound.value.message


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
    assert parse_bound("Quarter 4 (Jan-Mar) 2021/22", "from") == date(2022, 1, 1)
    assert parse_bound("quarter one 2013-14", "to", end=True) == date(2013, 6, 30)
    assert parse_range("2013-14", "Q4 2021/22") == (date(2013, 4, 1), date(2022, 3, 31))
    assert isinstance(parse_period("2017"), Period)
