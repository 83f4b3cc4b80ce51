from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engage_tui.domain.durations import MAX_MINUTES, check_precision, format_hours, hours_decimal, parse_hours
from engage_tui.errors import EngageError


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("2.5", 150),
        ("2:30", 150),
        ("150m", 150),
        ("150 min", 150),
        ("0:05", 5),
        (".25", 15),
        ("24", 1440),
        ("24:00", 1440),
        ("1.1", 66),
        ("0.3333", 20),
        (" 3 ", 180),
        ("2.", 120),
    ],
)
def test_parse_hours_accepts(text, minutes):
    assert parse_hours(text) == minutes


@pytest.mark.parametrize(
    "text, why",
    [
        ("-1", "negative"),
        ("-0:30", "negative"),
        ("24:01", "more than 24 hours"),
        ("25", "more than 24 hours"),
        ("2:60", "past 59"),
        ("2:75", "past 59"),
        ("two", "not a time"),
        ("", "a time is needed"),
        ("0", "more than 0"),
        ("0:00", "more than 0"),
        ("1,5", "use a point"),
        ("2.51", "not a whole number"),
        ("0.33", "not a whole number"),
        ("1e3", "not a time"),
        ("nan", "not a time"),
    ],
)
def test_parse_hours_refuses(text, why):
    with pytest.raises(EngageError) as refused:
        parse_hours(text)
    assert why in refused.value.message
    assert refused.value.field == "hours"


@given(st.integers(min_value=1, max_value=MAX_MINUTES))
def test_h_mm_round_trips(minutes):
    assert parse_hours(f"{minutes // 60}:{minutes % 60:02d}") == minutes


@given(st.integers(min_value=1, max_value=MAX_MINUTES))
def test_four_place_decimal_hours_read_back_exactly(minutes):
    assert parse_hours(str(hours_decimal(minutes, 4))) == minutes


@pytest.mark.parametrize(
    "minutes, precision, shown",
    [
        (30, 0, "1"),
        (29, 0, "0"),
        (89, 0, "1"),
        (90, 0, "2"),
        (3, 1, "0.1"),
        (2, 1, "0.0"),
        (150, 2, "2.50"),
        (20, 2, "0.33"),
        (40, 2, "0.67"),
        (14767, 0, "246"),
        (1913, 0, "32"),
    ],
)
def test_rounding_is_half_up_and_exact(minutes, precision, shown):
    assert format_hours(minutes, precision) == shown


def test_blank_is_blank_not_zero():
    assert format_hours(None) == ""


def test_hours_decimal_is_a_bare_number():
    assert hours_decimal(150, 1) == Decimal("2.5")


def test_precision_out_of_range():
    with pytest.raises(EngageError, match="precision"):
        check_precision(9)
