"""PACT meetings: the schedule, attendance, officers' time as entries, issues and their follow-up,
the attendance and actual-cost tables, and the imports."""

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from engage_tui.domain.audit import list_audit
from engage_tui.domain.hours import delete_entry, edit_entry
from engage_tui.domain.pact import (
    add_series,
    import_series,
    list_series,
    pact_actual_cost,
    pact_attendance,
    retire_series,
)
from engage_tui.domain.pact_due import due_meetings
from engage_tui.domain.pact_issues import (
    add_issue,
    issues_by_area,
    list_issues,
    open_by_area,
    to_report_back,
    update_issue,
)
from engage_tui.domain.pact_meeting_import import import_meetings
from engage_tui.domain.pact_meetings import (
    MeetingDraft,
    add_meeting,
    delete_meeting,
    draft_of,
    edit_meeting,
    get_meeting,
)
from engage_tui.domain.people import add_area, add_person
from engage_tui.domain.periods import Month
from engage_tui.domain.reports import monthly
from engage_tui.domain.returns import approve, submit
from engage_tui.domain.schedule import due_dates, parse_schedule, schedule_of
from engage_tui.domain.settings import set_setting
from engage_tui.errors import EngageError, ImportRefused, NotFound
from engage_tui.store.models import Entry, PactMeeting
from tests.conftest import sup


def test_bimonthly_last_tuesday_across_december_and_january():
    days = due_dates("bimonthly", "last tue", date(2025, 11, 25), None, date(2025, 11, 1), date(2026, 4, 30))
    assert days == [date(2025, 11, 25), date(2026, 1, 27), date(2026, 3, 31)]
    monthly_days = due_dates(
        "monthly", "last tue", date(2025, 11, 25), None, date(2025, 12, 1), date(2026, 1, 31)
    )
    assert monthly_days == [date(2025, 12, 30), date(2026, 1, 27)]


def test_schedule_words_and_the_default_from_the_start_date():
    assert parse_schedule("Last Tuesday") == "last tue"
    assert parse_schedule("second wednesday") == "2nd wed"
    assert schedule_of(date(2026, 1, 27), None) == "4th tue"
    assert schedule_of(date(2025, 12, 30), None) == "last tue"
    with pytest.raises(EngageError, match="schedule: 'every tuesday'"):
        parse_schedule("every tuesday")


def test_a_retired_series_is_not_due_from_its_retirement():
    days = due_dates(
        "monthly", "1st mon", date(2024, 1, 1), date(2024, 3, 4), date(2024, 1, 1), date(2024, 12, 31)
    )
    assert days == [date(2024, 1, 1), date(2024, 2, 5)]


@pytest.fixture
def pact(store):
    """Two areas, three series, a PCSO and a PC."""
    with store.write() as session:
        actor = sup(session)
        for area in ("Crook", "Seaham"):
            add_area(session, actor, area)
        add_series(session, actor, "Crook", "Crook PACT", start=date(2025, 1, 1), schedule="last tue")
        add_series(
            session,
            actor,
            "Crook",
            "Tow Law PACT",
            "bimonthly",
            start=date(2025, 11, 25),
            schedule="last tue",
        )
        add_series(session, actor, "Seaham", "Seaham PACT", start=date(2025, 1, 6), schedule="1st mon")
        add_person(session, actor, "Pat Sloane", "officer", "Crook")
        add_person(session, actor, "Ravi Patel", "officer", "Crook")
    return store


def _add(store, **fields) -> int:
    with store.write() as session:
        return add_meeting(session, sup(session), MeetingDraft(**fields))


def test_officers_hours_become_their_entries_counted_once(pact):
    meeting = _add(
        pact,
        series="Crook PACT",
        date="2025-12-30",
        public="12",
        partners="3",
        officers=("Pat Sloane:pcso", "Ravi Patel:pc:2:30"),
        issues=("speeding: cars on Front St",),
    )
    with pact.read() as session:
        row = get_meeting(session, meeting)
        assert row.officers == [("Pat Sloane", "pcso", 180), ("Ravi Patel", "pc", 150)]
        assert row.issues_raised == 1
        entries = session.scalars(select(Entry).where(Entry.pact_meeting_id == meeting)).all()
        assert sorted(e.minutes for e in entries) == [150, 180]
        assert {e.category for e in entries} == {"community"}
        t3 = monthly(session, 2025)
    december = next(r for r in t3.rows if r[0] == "December")
    assert december[1] == 330


def test_hours_per_meeting_follow_the_setting_of_the_day(pact):
    with pact.write() as session:
        set_setting(session, sup(session), "pact.hours_per_meeting", "2.5", date(2026, 1, 1))
    old = _add(pact, series="Crook PACT", date="2025-12-30", public="4", officers=("Pat Sloane:pcso",))
    new = _add(pact, series="Crook PACT", date="2026-01-27", public="4", officers=("Pat Sloane:pcso",))
    with pact.read() as session:
        assert get_meeting(session, old).minutes == 180
        assert get_meeting(session, new).minutes == 150


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"public": "-3"}, "public: '-3' is not a number of people"),
        ({"partners": "many"}, "partners: 'many' is not a number of people"),
        ({"public": "²"}, "public: '²' is not a number of people"),
        ({"public": ""}, "public: give the public attendance"),
        ({"series": "Crok PACT"}, "series: unknown series 'Crok PACT' (did you mean 'Crook PACT'?)"),
        ({"date": "2024-12-31"}, "date: 2024-12-31 is before Crook PACT started (2025-01-01)"),
        (
            {"officers": ("Pat Sloane:sergeant",)},
            "officers: 'sergeant' is not a rank; give pcso, pc, inspector",
        ),
        ({"officers": ("Nobody:pc",)}, "officer: unknown officer 'Nobody'"),
        ({"officers": ("Pat Sloane:pc", "pat sloane:pcso")}, "officers: 'pat sloane' is listed twice"),
        ({"issues": ("no theme here",)}, "issues: 'no theme here' is not THEME: TEXT"),
        ({"issues": ("weather: too cold",)}, "theme: unknown theme 'weather'"),
        ({"cancelled": True}, "public: a cancelled meeting has no public"),
    ],
)
def test_bad_meetings_are_refused_and_change_nothing(pact, fields, message):
    draft = {"series": "Crook PACT", "date": "2025-12-30", "public": "5", **fields}
    with pytest.raises(
        EngageError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")
    ):
        _add(pact, **draft)
    with pact.read() as session:
        assert session.scalar(select(func.count(PactMeeting.id))) == 0
        assert session.scalar(select(func.count(Entry.id))) == 0


def test_a_meeting_after_retirement_and_a_second_on_the_same_day_are_refused(pact):
    with pact.write() as session:
        retire_series(session, sup(session), "Seaham PACT", date(2025, 6, 1))
    with pytest.raises(EngageError, match=r"date: 2025-06-02 is after Seaham PACT retired \(2025-06-01\)"):
        _add(pact, series="Seaham PACT", date="2025-06-02", public="1")
    _add(pact, series="Crook PACT", date="2025-12-30", public="1")
    with pytest.raises(EngageError, match="date: Crook PACT already has a meeting on 2025-12-30"):
        _add(pact, series="crook pact", date="2025-12-30", public="9")


def test_due_meetings_held_cancelled_missing_and_upcoming(pact):
    _add(pact, series="Tow Law PACT", date="2025-11-25", public="7")
    _add(pact, series="Crook PACT", date="2025-11-25", cancelled=True)
    _add(pact, series="Crook PACT", date="2026-01-20", public="3")  # a week early: still that meeting
    with pact.read() as session:
        due = due_meetings(
            session, date(2025, 11, 1), date(2026, 2, 28), today=date(2026, 2, 10), area="Crook"
        )
    states = [(d.series, d.date.isoformat(), d.state) for d in due]
    assert states == [
        ("Crook PACT", "2025-11-25", "cancelled"),
        ("Tow Law PACT", "2025-11-25", "held"),
        ("Crook PACT", "2025-12-30", "missing"),
        ("Crook PACT", "2026-01-27", "held"),
        ("Tow Law PACT", "2026-01-27", "missing"),
        ("Crook PACT", "2026-02-24", "upcoming"),
    ]


def test_issues_follow_up_and_report_back(pact):
    first = _add(
        pact,
        series="Crook PACT",
        date="2025-11-25",
        public="8",
        issues=("ASB: youths at the park", "parking: school run"),
    )
    with pact.write() as session:
        speeding = add_issue(
            session,
            sup(session),
            "Crook PACT",
            "2025-11-25",
            "cars on Front St",
            "speeding",
            owner="PC Patel",
            referral="LMAP",
        )
    with pact.read() as session:
        assert len(to_report_back(session, "Crook PACT", date(2025, 12, 30))) == 3
        asb = next(i for i in list_issues(session, area="Crook") if i.theme == "ASB")
    with pact.write() as session:
        update_issue(session, sup(session), asb.id, {"status": "resolved", "outcome": "patrols added"})
        row = update_issue(session, sup(session), speeding, {"status": "in-hand"})
    assert (row.status, row.referral, row.owner) == ("in hand", "LMAP", "PC Patel")
    second = _add(pact, series="Crook PACT", date="2025-12-30", public="6", reported_back=(asb.id, speeding))
    with pact.read() as session:
        pending = to_report_back(session, "Crook PACT", date(2026, 1, 27))
        assert sorted(i.theme for i in pending) == ["parking", "speeding"]  # the resolved one was heard
        report = issues_by_area(session)
        assert open_by_area(report) == [("Crook", 2)]
        assert report.rows == [["Crook", 1, 1, 1, None, 3], ["TOTAL", 1, 1, 1, None, 3]]
        assert issues_by_area(session, by="series").rows[0] == ["Crook PACT", 1, 1, 1, None, 3]
        assert [i.theme for i in list_issues(session, status="resolved")] == ["ASB"]
        assert list_issues(session, status="resolved")[0].reported_back == date(2025, 12, 30)
    with pytest.raises(EngageError, match=r"reported_back: issue .* was not raised at an earlier meeting"):
        _add(pact, series="Seaham PACT", date="2026-01-05", public="2", reported_back=(speeding,))
    with pytest.raises(EngageError, match="text: the issue's text is needed"):
        with pact.write() as session:
            update_issue(session, sup(session), speeding, {"text": "  "})
    with pytest.raises(EngageError, match="status: 'done' is not a status"):
        with pact.write() as session:
            update_issue(session, sup(session), speeding, {"status": "done"})
    with pytest.raises(EngageError, match="id: 3 issue"):
        with pact.write() as session:
            delete_meeting(session, sup(session), first)
    with pact.write() as session:
        delete_meeting(session, sup(session), second)
    with pact.read() as session:
        assert list_issues(session, status="resolved")[0].reported_back is None


def test_editing_a_meeting_replaces_its_officers_time(pact):
    meeting = _add(pact, series="Crook PACT", date="2025-12-30", public="5", officers=("Pat Sloane:pcso",))
    with pact.write() as session:
        row = edit_meeting(session, sup(session), meeting, {"officers": ("Ravi Patel:pc:1",), "public": "9"})
    assert (row.public, row.officers) == (9, [("Ravi Patel", "pc", 60)])
    with pact.read() as session:
        assert session.scalar(select(func.sum(Entry.minutes))) == 60
    with pact.write() as session:
        delete_meeting(session, sup(session), meeting)
    with pact.read() as session:
        assert session.scalar(select(func.count(Entry.id))) == 0
    with pytest.raises(NotFound, match="id: there is no PACT meeting"):
        with pact.read() as session:
            get_meeting(session, meeting)


def test_attendance_by_area_and_below_the_threshold(pact):
    for day, public, partners in (
        ("2025-10-28", "12", "3"),
        ("2025-11-25", "4", ""),
        ("2025-12-30", "0", "2"),
    ):
        _add(pact, series="Crook PACT", date=day, public=public, partners=partners)
    _add(pact, series="Seaham PACT", date="2025-11-03", public="5", partners="1")
    _add(pact, series="Seaham PACT", date="2025-12-01", cancelled=True)
    with pact.read() as session:
        report = pact_attendance(session, date(2025, 1, 1), date(2025, 12, 31))
        strict = pact_attendance(session, date(2025, 1, 1), date(2025, 12, 31), threshold=6, by="series")
    assert [c.title for c in report.columns] == [
        "Area",
        "Meetings held",
        "Public attendance",
        "Average public attendance",
        "Partner attendance",
        "Meetings below 5",
    ]
    assert report.rows == [
        ["Crook", 3, 16, Decimal("5.3"), 5, 2],
        ["Seaham", 1, 5, Decimal("5.0"), 1, 0],
        ["TOTAL", 4, 21, Decimal("5.3"), 6, 2],
    ]
    assert strict.rows[-1][-1] == 3 and strict.rows[0][0] == "Crook PACT"
    with pytest.raises(EngageError, match="threshold: 0 is not 1 to 100,000"), pact.read() as session:
        pact_attendance(session, date(2025, 1, 1), date(2025, 12, 31), threshold=0)


def test_actual_cost_prices_each_rank_at_the_rate_of_the_day(pact):
    _add(
        pact,
        series="Crook PACT",
        date="2025-12-30",
        public="5",
        officers=("Pat Sloane:pcso", "Ravi Patel:pc:2"),
    )
    with pact.write() as session:
        set_setting(session, sup(session), "rate.pcso", "40", date(2026, 1, 1))
    _add(pact, series="Crook PACT", date="2026-01-27", public="5", officers=("Pat Sloane:pcso:1:30",))
    with pact.read() as session:
        report = pact_actual_cost(session, date(2025, 12, 1), date(2026, 1, 31))
    # PCSO: 3 h × £31.84 + 1.5 h × £40 = 155.52; PC: 2 h × £68.906667 = 137.813334
    assert report.rows == [
        ["PCSO", 2, 270, Decimal("155.52")],
        ["PC", 1, 120, Decimal("137.81")],
        ["TOTAL", 2, 390, Decimal("293.33")],
    ]


def test_the_actual_cost_total_is_rounded_once_from_the_exact_costs(pact):
    with pact.write() as session:
        set_setting(session, sup(session), "rate.pc", "68.91", date(2025, 1, 1))
    _add(
        pact,
        series="Crook PACT",
        date="2025-12-30",
        public="3",
        officers=("Pat Sloane:pcso:10m", "Ravi Patel:pc:10m"),
    )
    with pact.read() as session:
        report = pact_actual_cost(session, date(2025, 12, 1), date(2025, 12, 31))
    # £31.84 / 6 = 5.3067 and £68.91 / 6 = 11.485: each shown rounded, the total from the exact 16.7917
    assert [row[3] for row in report.rows] == [Decimal("5.31"), Decimal("11.49"), Decimal("16.79")]


def _csv(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_import_series_and_meetings_whole(pact, tmp_path):
    series = _csv(
        tmp_path,
        "series.csv",
        "area,name,frequency,super,venue,start,schedule,retired\n"
        "Seaham,Dawdon PACT,bimonthly,,Dawdon Welfare,2025-02-03,1st mon,\n"
        "Seaham,Seaham Super PACT,monthly,yes,,2025-01-01,,2025-09-01\n",
    )
    meetings = _csv(
        tmp_path,
        "meetings.csv",
        "series,date,public,partners,officers,cancelled,notes,issues\n"
        "Dawdon PACT,2025-02-03,6,2,Pat Sloane:pcso,,,drugs: dealing near the shops\n"
        "Dawdon PACT,2025-04-07,,,,yes,snow,\n",
    )
    with pact.write() as session:
        assert import_series(session, sup(session), series) == 2
        assert import_meetings(session, sup(session), meetings) == 2
    with pact.read() as session:
        names = {s.name: s for s in list_series(session, area="Seaham")}
        assert names["Dawdon PACT"].schedule == "1st mon" and names["Seaham Super PACT"].super_pact
        assert names["Seaham Super PACT"].retired == date(2025, 9, 1)
        assert [i.text for i in list_issues(session, series="Dawdon PACT")] == ["dealing near the shops"]


def test_a_bad_meetings_file_is_refused_whole_naming_every_row(pact, tmp_path):
    meetings = _csv(
        tmp_path,
        "meetings.csv",
        "series,date,public,officers\n"
        "Crook PACT,2025-10-28,6,Pat Sloane:pcso\n"
        "Crook PACT,2025-10-28,4,\n"
        "Crook PACT,2025-11-25,-1,\n"
        "Nowhere PACT,2025-11-25,3,\n"
        "Crook PACT,2025-12-30,3,Pat Sloane:constable\n",
    )
    with pytest.raises(ImportRefused) as refused:
        with pact.write() as session:
            import_meetings(session, sup(session), meetings)
    assert [p.split(",")[0] for p in refused.value.problems] == ["row 3", "row 4", "row 5", "row 6"]
    assert (
        "row 3, date: Crook PACT already has a meeting on 2025-10-28 on an earlier row of this file"
        in refused.value.problems[0]
    )
    with pact.read() as session:
        assert session.scalar(select(func.count(PactMeeting.id))) == 0
        assert session.scalar(select(func.count(Entry.id))) == 0


def test_a_dry_run_checks_and_writes_nothing(pact, tmp_path):
    meetings = _csv(tmp_path, "m.csv", "series,date,public\nCrook PACT,2025-10-28,6\n")
    with pact.write() as session:
        assert import_meetings(session, sup(session), meetings, dry_run=True) == 1
    with pact.write() as session:
        assert import_meetings(session, sup(session), meetings) == 1  # the dry run left no batch behind
    with pact.read() as session:
        assert session.scalar(select(func.count(PactMeeting.id))) == 1


def test_an_officers_time_in_an_approved_month_is_refused_whole(demo_store):
    """Amira Khan's March 2017 return is approved: a meeting that would add to it changes nothing."""
    with demo_store.read() as session:
        before = session.scalar(select(func.count(PactMeeting.id)))
    with pytest.raises(EngageError, match="approved"):
        _add(demo_store, series="Crook PACT 1", date="2017-03-15", public="4", officers=("Amira Khan:pc",))
    with demo_store.read() as session:
        assert session.scalar(select(func.count(PactMeeting.id))) == before


def test_cancelling_a_held_meeting_drops_its_time_and_held_after_all_needs_attendance(pact):
    meeting = _add(pact, series="Crook PACT", date="2025-12-30", public="5", officers=("Pat Sloane:pcso",))
    with pact.write() as session:
        row = edit_meeting(session, sup(session), meeting, {"cancelled": True})
    assert (row.cancelled, row.public, row.officers) == (True, None, [])
    with pact.read() as session:
        assert session.scalar(select(func.count(Entry.id))) == 0
    with pytest.raises(EngageError, match="public: give the public attendance"):
        with pact.write() as session:
            edit_meeting(session, sup(session), meeting, {"cancelled": False})
    with pact.write() as session:
        row = edit_meeting(session, sup(session), meeting, {"cancelled": False, "public": "3"})
    assert (row.cancelled, row.public) == (False, 3)


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"public": "99999999999"}, "public: '99999999999' is not a number of people"),
        ({"cancelled": True, "public": "4"}, "public: a cancelled meeting has no public"),
    ],
)
def test_huge_counts_and_a_cancelled_meeting_with_people_are_refused(pact, fields, message):
    with pytest.raises(EngageError, match=message):
        _add(pact, series="Crook PACT", date="2025-12-30", **{"public": "5", **fields})


def test_a_cancelled_meeting_with_zero_attending_is_stored_as_nobody(pact):
    meeting = _add(pact, series="Crook PACT", date="2025-12-30", public="0", partners="0", cancelled=True)
    with pact.read() as session:
        row = get_meeting(session, meeting)
    assert (row.cancelled, row.public, row.partners) == (True, None, None)


def test_a_bad_hours_setting_is_a_refusal_not_a_crash(pact):
    with pact.write() as session:
        set_setting(session, sup(session), "pact.hours_per_meeting", "0.005", date(2025, 1, 1))
    with pytest.raises(EngageError, match=r"officers: the pact\.hours_per_meeting setting"):
        _add(pact, series="Crook PACT", date="2025-12-30", public="5", officers=("Pat Sloane:pcso",))


def test_editing_only_the_notes_keeps_entries_in_an_approved_month(pact):
    meeting = _add(
        pact,
        series="Crook PACT",
        date="2025-12-30",
        public="5",
        officers=("Pat Sloane:pcso", "Ravi Patel:pc:2"),
    )
    with pact.write() as session:
        submit(session, sup(session), Month(2025, 12), "Pat Sloane")
        approve(session, sup(session), "Pat Sloane", Month(2025, 12))
    with pact.write() as session:
        row = edit_meeting(
            session,
            sup(session),
            meeting,
            {"notes": "minutes sent", "public": "6", "officers": ("Pat Sloane:pc", "Ravi Patel:pc:1")},
        )
    assert (row.notes, row.public, row.officers) == (
        "minutes sent",
        6,
        [("Pat Sloane", "pc", 180), ("Ravi Patel", "pc", 60)],
    )
    with pact.read() as session:
        ranks = [
            json.loads(a.after or "{}").get("rank")
            for a in list_audit(session)
            if a.entity == "pact_officers"
        ]
    assert ranks[0] == "pc"  # Pat's rank change is on the trail
    with pytest.raises(EngageError, match="approved"):  # Pat's own time cannot change now
        with pact.write() as session:
            edit_meeting(session, sup(session), meeting, {"officers": ("Pat Sloane:pc:1",)})


def test_moving_or_cancelling_a_meeting_keeps_reported_back_issues_in_order(pact):
    first = _add(pact, series="Crook PACT", date="2025-11-25", public="8", issues=("ASB: youths",))
    with pact.read() as session:
        issue = list_issues(session)[0].id
    second = _add(pact, series="Crook PACT", date="2025-12-30", public="6", reported_back=(issue,))
    with pytest.raises(EngageError, match=r"reported_back: issue .* was not raised at an earlier meeting"):
        with pact.write() as session:
            edit_meeting(session, sup(session), second, {"date": "2025-11-20"})
    with pytest.raises(
        EngageError,
        match=r"date: issue \d+, raised at this meeting, was reported back on "
        "2025-12-30",
    ):
        with pact.write() as session:
            edit_meeting(session, sup(session), first, {"date": "2026-01-06"})
    with pytest.raises(EngageError, match="series: issue"):
        with pact.write() as session:
            edit_meeting(session, sup(session), first, {"series": "Tow Law PACT"})
    with pact.read() as session:
        assert draft_of(session, second).reported_back == (issue,)
    with pact.write() as session:
        edit_meeting(session, sup(session), second, {"cancelled": True})
    with pact.read() as session:
        assert list_issues(session)[0].reported_back is None
        stamps = [(a.before, a.after) for a in list_audit(session) if a.entity == "pact_issues"]
    before, after = stamps[0]  # the app records the stamp alone; PostgreSQL's trigger the whole row
    assert f'"reported_back_id": {second}' in (before or "") and '"reported_back_id": null' in (after or "")


def test_one_meeting_answers_one_due_date_and_an_off_schedule_one_shows_as_extra(pact):
    with pact.write() as session:  # every four weeks from a Tuesday: due days 28 days apart
        add_series(
            session, sup(session), "Crook", "Willington PACT", start=date(2025, 9, 2), schedule="1st tue"
        )
    _add(pact, series="Willington PACT", date="2025-10-21", public="4")  # 14 days from 7 Oct and 4 Nov
    _add(pact, series="Crook PACT", date="2025-10-28", public="4")
    _add(pact, series="Crook PACT", date="2025-10-29", public="2")  # a day later: not a second due one
    with pact.read() as session:
        due = due_meetings(
            session, date(2025, 10, 1), date(2025, 11, 10), today=date(2025, 11, 20), area="Crook"
        )
    states = [(d.series, d.date.isoformat(), d.state) for d in due]
    assert states == [
        ("Willington PACT", "2025-10-07", "held"),
        ("Crook PACT", "2025-10-28", "held"),
        ("Crook PACT", "2025-10-29", "extra"),
        ("Willington PACT", "2025-11-04", "missing"),
    ]


def test_a_held_meeting_cannot_be_in_the_future(pact):
    with pytest.raises(EngageError, match="date: 2099-01-27 is after today"):
        _add(pact, series="Crook PACT", date="2099-01-27", public="5")
    _add(pact, series="Crook PACT", date="2099-01-27", cancelled=True)  # a cancellation can be ahead


def test_an_unpriced_rank_is_named_not_counted_as_nothing(pact):
    _add(
        pact,
        series="Crook PACT",
        date="2025-12-30",
        public="5",
        officers=("Pat Sloane:inspector:1:30", "Ravi Patel:pc"),
    )
    with pact.read() as session:
        report = pact_actual_cost(session, date(2025, 12, 1), date(2025, 12, 31))
    assert report.rows[0] == ["PC", 1, 180, Decimal("206.72")]
    assert report.rows[1] == ["Inspector", 1, 90, None]
    assert report.rows[2][3] == Decimal("206.72")
    assert "no rate.inspector was set for 1.50 of the inspector hours" in report.notes[1]


def test_the_total_cost_is_blank_when_no_rank_is_priced(pact):
    _add(pact, series="Crook PACT", date="2025-12-30", public="5", officers=("Pat Sloane:inspector",))
    with pact.read() as session:
        report = pact_actual_cost(session, date(2025, 12, 1), date(2025, 12, 31))
    assert report.rows == [["Inspector", 1, 180, None], ["TOTAL", 1, 180, None]]


def test_only_its_recorder_or_a_supervisor_deletes_an_issue_and_not_once_heard(pact):
    from engage_tui.domain.pact_issues import delete_issue
    from engage_tui.domain.people import find_person

    first = _add(
        pact, series="Crook PACT", date="2025-11-25", public="5", issues=("ASB: youths at the shops",)
    )
    with pact.read() as session:
        issue = list_issues(session)[0].id
    with (
        pytest.raises(EngageError, match=f"issue {issue} was recorded by someone else"),
        pact.write() as session,
    ):
        delete_issue(session, find_person(session, "Pat Sloane"), issue)
    _add(pact, series="Crook PACT", date="2025-12-30", public="5", reported_back=(issue,))
    with pytest.raises(EngageError, match="reported back on 2025-12-30"), pact.write() as session:
        delete_issue(session, sup(session), issue)
    with pact.read() as session:
        assert get_meeting(session, first).issues_raised == 1


def test_a_meetings_time_is_changed_with_the_meeting_not_as_a_bare_entry(pact):
    meeting = _add(pact, series="Crook PACT", date="2025-12-30", public="5", officers=("Pat Sloane:pcso",))
    with pact.read() as session:
        entry = session.scalar(select(Entry.id))
    for change in (
        lambda s: edit_entry(s, sup(s), entry, {"hours": "1"}),
        lambda s: delete_entry(s, sup(s), entry),
    ):
        with pytest.raises(
            EngageError,
            match=f"id: entry {entry} is time logged by PACT meeting {meeting}; change it with the meeting",
        ):
            with pact.write() as session:
                change(session)
    with pact.read() as session:
        assert session.scalar(select(Entry.minutes)) == 180


@pytest.mark.sqlite_only
def test_a_meetings_officers_are_found_by_the_meeting_not_by_walking_their_entries(pact):
    """Most entries name no meeting; with the statistics saying so, the officers at a list of
    meetings are still found through the meeting index (0014: partial), not by walking each
    officer's entries — which took 2.3 s for a year of meetings at a million entries."""
    from sqlalchemy import event

    from engage_tui.domain.pact_meetings import list_meetings

    _add(pact, series="Crook PACT", date="2025-12-30", public="4", officers=("Pat Sloane:pcso",))
    with pact.engine.begin() as connection:  # 20,000 entries of no meeting, then their statistics
        connection.exec_driver_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
            "INSERT INTO entries (officer_id, date, month_key, minutes, category, notes, created_by, "
            "created_at) SELECT p.id, '2025-11-03', 202511, 30, 'community', '', p.id, '2025-11-03' "
            "FROM n, people p WHERE p.name = 'Pat Sloane'"
        )
        connection.exec_driver_sql("ANALYZE")
    sent: list[tuple[str, object]] = []

    def record(_connection, _cursor, statement, parameters, *_rest) -> None:
        sent.append((statement, parameters))

    with pact.read() as session:
        event.listen(pact.engine, "before_cursor_execute", record)
        try:
            assert [m.officers for m in list_meetings(session, date(2025, 1, 1), date(2025, 12, 31))] == [
                [("Pat Sloane", "pcso", 180)]
            ]
        finally:
            event.remove(pact.engine, "before_cursor_execute", record)
        statement, parameters = next((s, p) for s, p in sent if "FROM pact_officers" in s)
        raw = session.connection().connection.dbapi_connection
        plan = " ".join(row[-1] for row in raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters))
    assert "ix_entries_pact_meeting_id" in plan and "ix_entries_officer_month" not in plan, plan
