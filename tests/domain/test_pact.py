"""The PACT register and its tables: T1 as of a day, T2 with the report's figures."""

import re
from datetime import date
from decimal import Decimal

import pytest

from engage_tui.domain.pact import (
    add_series,
    list_series,
    meetings_per_month,
    pact_areas,
    pact_cost,
    parse_mix,
    retire_series,
)
from engage_tui.domain.people import add_area
from engage_tui.domain.settings import set_setting
from engage_tui.errors import EngageError
from tests.conftest import sup

PRINTED_T1 = [
    ["Consett", "8"],
    ["Stanley", "6"],
    ["Chester le Street", "10"],
    ["Durham area", "17"],
    ["Seaham", "4"],
    ["Peterlee", "7"],
    ["Bishop Auckland", "9"],
    ["Crook", "4"],
    ["Newton Aycliffe", "11"],
    ["Spennymoor", "2"],
    ["Barnard Castle", "1"],
    ["Darlington", "9"],
    ["TOTAL", "88"],
]


def test_demo_reproduces_t1_and_the_170_before_the_review(demo_store):
    with demo_store.read() as session:
        t1 = pact_areas(session, date(2018, 1, 4))
        before = pact_areas(session, date(2015, 12, 31))
        a_month_then = meetings_per_month(session, date(2015, 7, 1))
    assert [row[:2] for row in t1.display_rows()] == PRINTED_T1
    assert t1.display_rows()[11][2] == "2"  # Darlington's count includes its Super PACTs
    assert before.rows[-1][1] == 170
    assert a_month_then == 125  # footnote 1: some of the 170 are bi-monthly


def _cost(store, day=date(2018, 1, 4), **kwargs):
    with store.read() as session:
        return {row[0]: row[3] for row in pact_cost(session, day, **kwargs).rows}


def test_t2_gives_the_reports_figures_from_the_register_and_settings(demo_store):
    assert _cost(demo_store) == {"PCSO": Decimal("100869.12"), "PC": Decimal("218296.32")}  # 88 a month
    assert _cost(demo_store, date(2015, 7, 1)) == {"PCSO": Decimal("143280.00"), "PC": Decimal("310080.00")}
    with demo_store.read() as session:
        t2 = pact_cost(session, date(2018, 1, 4))
    assert t2.rows[1][1] == Decimal("68.906667")  # £310,080 / 4,500 h, kept to six places
    assert t2.display_rows()[1][1] == "68.91"
    assert _cost(demo_store, meetings=Decimal(125), rates={"pc": Decimal("68.91")})["PC"] == Decimal(
        "310095.00"
    )


def test_t2_adds_a_row_for_a_mix_of_ranks(demo_store):
    with demo_store.read() as session:
        t2 = pact_cost(session, date(2015, 7, 1), mix=parse_mix("pcso=0.6, PC=0.4"))
    # 0.6 × £31.84 + 0.4 × £68.906667 = £46.6666668 an hour × 4,500 h
    assert t2.rows[-1] == [
        "Mix: 60% PCSO, 40% PC",
        Decimal("46.6666668"),
        Decimal(4500),
        Decimal("210000.00"),
    ]
    assert t2.display_rows()[-1][1] == "46.67"
    assert "mix 60% PCSO, 40% PC" in t2.basis


@pytest.mark.parametrize(
    "text, says",
    [
        ("pcso=0.6,pc=0.5", "the shares add to 1.1, not 1"),
        ("pcso=0.6", "the shares add to 0.6, not 1"),
        ("pcso=1,sergeant=0", "'sergeant=0' is not RANK=SHARE"),
        ("pcso", "'pcso' is not RANK=SHARE"),
        ("pcso=0.5,PCSO=0.5", "pcso is given twice"),
        ("pcso=x,pc=1", "mix pcso: 'x'"),
        ("pcso=0,pc=1", "must be more than 0"),
    ],
)
def test_a_mix_that_does_not_add_up_is_refused(text, says):
    with pytest.raises(EngageError, match=re.escape(says)):
        parse_mix(text)


def test_a_mix_naming_a_rank_without_a_rate_is_refused(demo_store):
    with pytest.raises(EngageError, match="mix: inspector has no hourly rate"), demo_store.read() as session:
        pact_cost(session, date(2018, 1, 4), mix=parse_mix("pcso=0.5,inspector=0.5"))


@pytest.fixture
def register(store):
    with store.write() as session:
        add_area(session, sup(session), "Crook")
        add_series(session, sup(session), "Crook", "Crook PACT", start=date(2020, 1, 1))
        add_series(session, sup(session), "Crook", "Tow Law PACT", "bimonthly", start=date(2020, 1, 1))
    return store


def test_bimonthly_counts_half_and_retired_stops_counting(register):
    with register.read() as session:
        assert meetings_per_month(session, date(2021, 1, 1)) == Decimal("1.5")
    with register.write() as session:
        retire_series(session, sup(session), "tow law pact", date(2021, 6, 1))
    with register.read() as session:
        assert meetings_per_month(session, date(2021, 5, 31)) == Decimal("1.5")
        assert meetings_per_month(session, date(2021, 6, 1)) == Decimal(1)
        assert len(list_series(session)) == 2  # history kept
        assert [s.name for s in list_series(session, date(2021, 7, 1))] == ["Crook PACT"]


def test_t1_and_t2_from_a_register_built_here(register):
    with register.write() as session:
        add_area(session, sup(session), "Darlington")
        add_series(
            session,
            sup(session),
            "Darlington",
            "Darlington Super PACT",
            super_pact=True,
            start=date(2020, 1, 1),
        )
        add_series(session, sup(session), "Darlington", "Cockerton PACT", "bimonthly", start=date(2020, 1, 1))
        retire_series(session, sup(session), "Cockerton PACT", date(2021, 1, 1))
    with register.read() as session:
        t1 = pact_areas(session, date(2020, 6, 1))
        later = pact_areas(session, date(2021, 1, 1))
        t2 = pact_cost(session, date(2020, 6, 1))
    assert t1.display_rows() == [["Crook", "2", ""], ["Darlington", "2", "1"], ["TOTAL", "4", "1"]]
    assert later.rows[1:] == [["Darlington", 1, 1], ["TOTAL", 3, 1]]
    # 1 + 0.5 + 1 + 0.5 = 3 meetings a month × 12 × 3 h = 108 h a year
    assert t2.rows == [
        ["PCSO", Decimal("31.84"), Decimal(108), Decimal("3438.72")],
        ["PC", Decimal("68.906667"), Decimal(108), Decimal("7441.92")],
    ]
    assert t2.notes == ["3 meetings a month × 12 × 3 h a meeting; rates used: PCSO £31.84, PC £68.91"]


def test_a_series_is_not_retired_before_a_meeting_it_held(register):
    from engage_tui.domain.pact_meetings import MeetingDraft, add_meeting

    with register.write() as session:
        add_meeting(session, sup(session), MeetingDraft("Crook PACT", "2021-03-02", "6"))
    with (
        pytest.raises(EngageError, match="Crook PACT has a meeting recorded on 2021-03-02"),
        register.write() as session,
    ):
        retire_series(session, sup(session), "Crook PACT", date(2021, 3, 2))
    with register.write() as session:
        assert retire_series(session, sup(session), "Crook PACT", date(2021, 3, 3)).retired == date(
            2021, 3, 3
        )


def test_settings_are_stored_under_the_key_the_reports_read(register):
    with register.write() as session:
        row = set_setting(session, sup(session), " Rate.PC ", "70.0", date(2021, 4, 1))
    assert (row.key, row.value) == ("rate.pc", "70")
    with register.read() as session:
        assert pact_cost(session, date(2021, 4, 1)).rows[1][1] == Decimal("70")


def test_a_new_rate_does_not_rewrite_last_years_cost(register):
    with register.write() as session:
        set_setting(session, sup(session), "rate.pc", "70", date(2021, 4, 1))
    with register.read() as session:
        before = pact_cost(session, date(2021, 3, 31))
        after = pact_cost(session, date(2021, 4, 1))
    assert before.rows[1][1] == Decimal("68.906667") and after.rows[1][1] == Decimal("70")
    assert "rates used: PCSO £31.84, PC £70.00" in after.notes[0]


@pytest.mark.parametrize(
    "call, says",
    [
        (lambda s: add_series(s, sup(s), "Nowhere", "X PACT"), "unknown area"),
        (lambda s: add_series(s, sup(s), "Crook", "crook pact"), "already exists"),
        (lambda s: add_series(s, sup(s), "Crook", "Y PACT", "weekly"), "not a frequency"),
        (lambda s: retire_series(s, sup(s), "Crook PACT", date(2019, 1, 1)), "not after the series' start"),
        (
            lambda s: set_setting(s, sup(s), "rate.pc", "-3", date(2021, 1, 1)),
            "not a number from 0 to 1,000,000",
        ),
        (
            lambda s: set_setting(s, sup(s), "rate.pc", "1e999999", date(2021, 1, 1)),
            "not a number from 0 to 1,000,000",
        ),
        (lambda s: set_setting(s, sup(s), "rate.pc", "9" * 5000, date(2021, 1, 1)), "more than 1,000,000"),
        (
            lambda s: set_setting(s, sup(s), "rate.sergeant", "50", date(2021, 1, 1)),
            "'rate.sergeant' is not a setting",
        ),
        (
            lambda s: set_setting(s, sup(s), "pact.attendance_threshold", "2.5", date(2021, 1, 1)),
            "not a whole",
        ),
        (
            lambda s: set_setting(s, sup(s), "pact.attendance_threshold", "1000000", date(2021, 1, 1)),
            "more than 100,000",
        ),
        (lambda s: set_setting(s, sup(s), "pact.hours_per_meeting", "25", date(2021, 1, 1)), "more than 24"),
    ],
)
def test_bad_register_changes_refused(register, call, says):
    with pytest.raises(EngageError, match=says), register.write() as session:
        call(session)
