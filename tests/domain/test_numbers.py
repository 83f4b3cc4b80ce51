"""One reading of every typed number: ASCII digits, a length judged before conversion, bounds stated."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engage_tui.domain.numbers import decimal, whole
from engage_tui.errors import EngageError, shown

FOREIGN_DIGITS = ["٣", "𝟑", "３", "²", "١٢", "۳", "३"]


@pytest.mark.parametrize(
    "text, value", [("0", 0), ("7", 7), (" 42 ", 42), ("007", 7), ("100000", 100_000), ("0" * 5000 + "5", 5)]
)
def test_whole_numbers(text, value):
    assert whole(text, "public", 100_000) == value


@pytest.mark.parametrize(
    "text", ["", "-1", "1.0", "1e3", "+3", "1_000", "100001", "9" * 5000, "0x10", *FOREIGN_DIGITS]
)
def test_whole_refusals_name_the_field_and_the_bounds(text):
    with pytest.raises(EngageError) as refused:
        whole(text, "public", 100_000, what="a number of people")
    assert refused.value.message.startswith("public: ")
    assert "(0 to 100,000)" in refused.value.message and refused.value.field == "public"
    assert len(refused.value.message) < 120


@pytest.mark.parametrize("text", FOREIGN_DIGITS)
def test_digits_of_other_scripts_are_named(text):
    for parse in (lambda t: whole(t, "n", 10), lambda t: decimal(t, "n", 10)):
        with pytest.raises(EngageError, match=r"type the digits 0-9"):
            parse(text)


@pytest.mark.parametrize(
    "text, value",
    [
        ("2.5", Decimal("2.5")),
        (".5", Decimal("0.5")),
        ("2.", Decimal(2)),
        ("125", Decimal(125)),
        ("2.50", Decimal("2.5")),
        ("024", Decimal(24)),
    ],
)
def test_decimals(text, value):
    parsed = decimal(text, "rate", 1_000_000)
    assert parsed == value and str(parsed) == str(value)  # `125` stays 125, not 125.0


@pytest.mark.parametrize(
    "text, says",
    [
        ("1e5", "is not a number from 0 to 24"),
        ("-2", "is not a number from 0 to 24"),
        ("1.2.3", "is not a number"),
        (".", "is not a number"),
        ("NaN", "is not a number"),
        ("Infinity", "is not a number"),
        ("24.0001", "is more than 24"),
        ("9" * 5000, "(5,000 characters) is more than 24"),
        ("1." + "1" * 18, "more than 17 decimal places"),
        ("１.5", "type the digits 0-9"),
    ],
)
def test_decimal_refusals(text, says):
    with pytest.raises(EngageError, match=f"^hours: .*{says.replace('(', '[(]').replace(')', '[)]')}"):
        decimal(text, "hours", 24)


def test_trailing_zeros_are_not_decimal_places():
    assert decimal("1.5" + "0" * 5000, "hours", 24) == Decimal("1.5")


def test_a_long_value_is_quoted_cut_short():
    assert shown("abc") == "'abc'"
    assert shown("9" * 5000) == "'999999999999999999999999'… (5,000 characters)"


@given(st.text(max_size=40))
def test_any_text_is_a_number_in_range_or_a_refusal(text):
    for parse, high in ((lambda t: whole(t, "n", 1000), 1000), (lambda t: decimal(t, "n", 24), 24)):
        try:
            value = parse(text)
        except EngageError as refusal:
            assert refusal.message.startswith("n: ")
        else:
            assert 0 <= value <= high and text.strip().isascii()
