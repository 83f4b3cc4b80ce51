"""Rollups and the annual table, checked against sums the test computes itself from what it logged."""

import random
from collections import defaultdict
from datetime import date, timedelta

import pytest

from engage_tui.domain.durations import format_hours
from engage_tui.domain.entries import EntryDraft
from engage_tui.domain.hours import add_entry
from engage_tui.domain.people import add_area, add_person
from engage_tui.domain.reports import annual, rollup, rollup_entries
from engage_tui.errors import EngageError
from tests.conftest import sup

OFFICERS = {"Ann": "Consett", "Bob": "Seaham", "Cat": None}


def _quarter(day: date) -> str:
    fy = day.year if day.month >= 4 else day.year - 1
    return f"Q{(day.month - 4) % 12 // 3 + 1} {fy}/{(fy + 1) % 100:02d}"


@pytest.fixture
def logged(store):
    """A year and a half of random entries; returns (officer, day, minutes, category) as logged."""
    rng = random.Random(7)
    done = []
    with store.write() as session:
        actor = sup(session)
        add_area(session, actor, "Consett", "West")
        add_area(session, actor, "Seaham", "East")
        for name, area in OFFICERS.items():
            add_person(session, actor, name, area=area)
        for _ in range(300):
            officer = rng.choice(list(OFFICERS))
            day = date(2021, 1, 1) + timedelta(days=rng.randrange(540))
            minutes = rng.randint(1, 600)
            category = rng.choice(["community", "cyp"])
            add_entry(session, actor, EntryDraft(officer, day.isoformat(), f"{minutes}m", category))
            done.append((officer, day, minutes, category))
    return store, done


def test_financial_quarter_rollup_matches_independent_sums(logged):
    store, done = logged
    expected: dict[tuple[str, str], int] = defaultdict(int)
    for officer, day, minutes, _ in done:
        if date(2021, 4, 1) <= day <= date(2022, 3, 31):
            expected[(officer, _quarter(day))] += minutes
    with store.read() as session:
        report = rollup(session, "officer", "quarter", date(2021, 4, 1), date(2022, 3, 31), fy=True)
    quarters = [c.title for c in report.columns[1:-1]]
    assert quarters == ["Q1 2021/22", "Q2 2021/22", "Q3 2021/22", "Q4 2021/22"]
    for row in report.rows[:-1]:
        for quarter, cell in zip(quarters, row[1:-1], strict=False):
            assert (cell or 0) == expected[(row[0], quarter)]
        assert row[-1] == sum(expected[(row[0], q)] for q in quarters)
    assert report.rows[-1][-1] == sum(expected.values())
    assert report.rows[-1][0] == "TOTAL"


def test_rollup_by_locality_keeps_entries_without_one(logged):
    store, done = logged
    with store.read() as session:
        report = rollup(session, "locality", "year", date(2021, 1, 1), date(2021, 12, 31))
    groups = [r[0] for r in report.rows]
    assert groups == ["(none)", "East", "West", "TOTAL"]
    cat = sum(m for o, d, m, _ in done if o == "Cat" and d.year == 2021)
    assert report.rows[0][1] == cat


def test_partial_range_counts_only_its_days(logged):
    store, done = logged
    with store.read() as session:
        report = rollup(session, "category", "month", date(2021, 3, 10), date(2021, 3, 20))
        behind = rollup_entries(session, "category", "cyp", date(2021, 3, 10), date(2021, 3, 20))
    cyp = [m for _, d, m, c in done if c == "cyp" and date(2021, 3, 10) <= d <= date(2021, 3, 20)]
    assert (dict((r[0], r[-1]) for r in report.rows).get("cyp") or 0) == sum(cyp)
    assert sorted(e.minutes for e in behind) == sorted(cyp)


def test_annual_calendar_and_financial(logged):
    store, done = logged
    with store.read() as session:
        calendar, financial = annual(session), annual(session, fy=True)
    assert [r[0] for r in calendar.rows] == ["2021", "2022", "TOTAL"]
    assert [r[0] for r in financial.rows] == ["2020/21", "2021/22", "2022/23", "TOTAL"]
    community_2021 = sum(m for _, d, m, c in done if d.year == 2021 and c == "community")
    assert calendar.rows[0][1] == community_2021
    total = sum(m for *_, m, _c in done)
    assert (
        calendar.rows[-1][1] + calendar.rows[-1][2] == total == financial.rows[-1][1] + financial.rows[-1][2]
    )


def test_tidy_layout_has_no_totals_and_no_blanks(logged):
    store, _ = logged
    with store.read() as session:
        wide = rollup(session, "officer", "quarter", date(2021, 4, 1), date(2022, 3, 31), fy=True)
    tidy = wide.tidy()
    assert tidy.headers() == ["Officer", "Period", "Hours"]
    assert all(row[0] != "TOTAL" and row[1] != "Total" and row[2] is not None for row in tidy.rows)
    assert sum(row[2] for row in tidy.rows) == wide.rows[-1][-1]
    assert format_hours(tidy.rows[0][2]) == tidy.display_rows()[0][2]


def test_bad_rollup_requests_refused(logged):
    store, _ = logged
    with store.read() as session, pytest.raises(EngageError, match="before"):
        rollup(session, "officer", "month", date(2021, 5, 1), date(2021, 4, 1))
    with store.read() as session, pytest.raises(EngageError, match="not a grouping"):
        rollup(session, "rank", "month", date(2021, 4, 1), date(2021, 5, 1))
