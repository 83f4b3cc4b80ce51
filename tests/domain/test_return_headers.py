"""A CSV return read on its own says what its figures rest on: T1 and T2 their as-of day (T2 also
meetings a month and hours a meeting), T4 which variables are better when lower, T3 its rounding."""

import csv
from datetime import date

from engage_tui.domain.exports import export_report
from engage_tui.domain.pact import pact_areas, pact_cost
from engage_tui.domain.reports import confidence, monthly


def _header(report, path):
    export_report(report, path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle))


def test_t1_and_t2_name_their_day_and_t2_its_meetings_and_hours(demo_store, tmp_path):
    with demo_store.read() as session:
        t1 = _header(pact_areas(session, date(2018, 3, 31)), tmp_path / "t1.csv")
        t2 = _header(pact_cost(session, date(2018, 3, 31)), tmp_path / "t2.csv")
    assert t1[0] == "Area [as of 2018-03-31; counts include Super PACTs]"
    assert t2[0] == "Rank [as of 2018-03-31; 88 meetings a month; 3 h a meeting]"


def test_t4_names_the_variables_better_when_lower_and_t3_its_rounding(demo_store, tmp_path):
    with demo_store.read() as session:
        t4 = _header(confidence(session, "Baseline", "2013-14 Q1"), tmp_path / "t4.csv")
        t3 = _header(monthly(session, 2017), tmp_path / "t3.csv")
    assert t4[0] == (
        "Locality [lower is better for Fear, Perception of Crime & ASB, Victim of Crime; "
        "higher for the rest; equal to one decimal is No Change]"
    )
    assert t3 == [
        "Month [PROVISIONAL: not every month approved]",
        "Total Community Engagement (Hours) [hours, 0 dp, rounded half up]",
        "Total C&YP Engagement (Hours) [hours, 0 dp, rounded half up]",
    ]
