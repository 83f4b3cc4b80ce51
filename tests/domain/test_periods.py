from datetime import date

import pytest

from engage_tui.domain.periods import (Month, financial_year_of, month_key, parse_date, year_label,
                                       year_months)
from engage_tui.errors import EngageError


def test_calendar_year_is_january_to_december():
    months = year_months(2017)
    assert [str(m) for m in (months[0], months[-1])] == ["2017-01", "2017-12"]


def test_financial_year_is_april_to_march():
    months = year_months(2021, fy=True)
    assert [str(m) for m in (months[0], months[8], months[9], months[-1])] == [
        "2021-04", "2021-12", "2022-01", "2022-03"]
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


@pytest.mark.parametrize("text, why", [("2017-02-30", "not a date"), ("03/10/2017", "not a date"),
                                       ("1066-10-14", "plausible")])
def test_bad_dates_refused(text, why):
    with pytest.raises(EngageError, match=why):
        parse_date(text)
