"""The confidence survey (T4): the movement rule, the import's refusals, and the 2013 table word for
word."""

import pytest

from engage_tui.domain.people import ensure_locality
from engage_tui.domain.reports import confidence
from engage_tui.domain.survey import (
    IMPROVED,
    NO_CHANGE,
    WORSENED,
    add_variable,
    import_survey,
    list_periods,
    list_variables,
    movement,
    parse_score,
)
from engage_tui.errors import EngageError, ImportRefused
from tests.conftest import sup

# The table as printed in the 2013 report (002_… ¶7), tab-separated as in the source.
PRINTED_T4 = """\
CONFIDENCE	6.9	7.4	Improved	7.2	7.1	Worsened	7.0	7.2	Improved	6.9	7.2	Improved
Community Cohesion	6.6	6.5	Worsened	6.6	6.8	Improved	7.0	6.9	Worsened	6.8	7.1	Improved
Community Control	6.6	6.5	Worsened	6.6	6.7	Improved	6.8	6.7	Worsened	6.7	6.9	Improved
Community Engagement	6.8	6.9	Improved	7.0	7.1	Improved	6.9	7.0	Improved	6.7	6.6	Worsened
PACT	5.0	4.9	Worsened	6.1	5.6	Worsened	6.3	7.2	Improved	4.8	5.3	Improved
Visibility	4.8	4.6	Worsened	4.8	5.2	Improved	5.0	5.0	No Change	4.5	4.7	Improved
Police Effectiveness	7.3	7.4	Improved	7.4	7.6	Improved	7.5	7.6	Improved	7.5	7.6	Improved
Informed	2.1	2.5	Improved	3.3	3.9	Improved	3.7	4.2	Improved	2.6	3.2	Improved
Service Behaviour	7.5	7.5	No Change	7.7	7.7	No Change	7.8	7.8	No Change	7.5	7.7	Improved
Co-operation	8.7	8.9	Improved	8.8	8.9	Improved	8.9	9.1	Improved	9.0	9.1	Improved
Fear	3.9	3.7	Improved	3.3	4.2	Worsened	3.2	3.5	Worsened	3.4	4.5	Worsened
Perception of Crime & ASB	6.6	6.0	Improved	5.8	5.6	Improved	5.6	5.8	Worsened	5.3	5.7	Worsened
Victim of Crime	1.7	1.1	Improved	1.3	1.7	Worsened	1.2	1.3	Worsened	1.1	1.8	Worsened"""


def test_demo_reproduces_t4_word_for_word(demo_store):
    with demo_store.read() as session:
        report = confidence(session, "Baseline", "2013-14 Q1", wide=True)
    assert ["\t".join(row) for row in report.display_rows()] == PRINTED_T4.splitlines()
    assert report.headers()[1:4] == ["East Baseline", "East 2013-14 Q1", "East Movement"]


def test_long_layout_has_movement_last(demo_store):
    with demo_store.read() as session:
        report = confidence(session, "baseline", "q1")
    assert report.headers() == ["Locality", "Variable", "Baseline", "2013-14 Q1", "Movement"]
    assert report.display_rows()[10] == ["East", "Fear", "3.9", "3.7", "Improved"]
    assert len(report.rows) == 4 * 13


@pytest.mark.parametrize(
    "baseline, compared, lower, word",
    [
        (69, 74, False, IMPROVED),
        (72, 71, False, WORSENED),
        (50, 50, False, NO_CHANGE),
        (39, 37, True, IMPROVED),
        (33, 42, True, WORSENED),
        (12, 12, True, NO_CHANGE),
    ],
)
def test_movement_follows_the_direction(baseline, compared, lower, word):
    assert movement(baseline, compared, lower) == word


@pytest.mark.parametrize("text, tenths", [("6.9", 69), ("10", 100), ("0", 0), (" 7.0 ", 70)])
def test_scores_are_tenths(text, tenths):
    assert parse_score(text) == tenths


@pytest.mark.parametrize(
    "text, why",
    [
        ("10.1", "more than 10"),
        ("-1", "not a score"),
        ("6.85", "more than 1 decimal place"),
        ("6,9", "use a point"),
        ("high", "not a score"),
    ],
)
def test_bad_scores_refused(text, why):
    with pytest.raises(EngageError, match=why):
        parse_score(text)


@pytest.fixture
def localities(store):
    with store.write() as session:
        for name in ("East", "West"):
            ensure_locality(session, sup(session), name)
    return store


def _import(store, path, dry_run=False):
    with store.write() as session:
        return import_survey(session, sup(session), path, dry_run)


def test_import_creates_waves_in_order_and_refuses_a_repeat(localities, tmp_path):
    path = tmp_path / "wave.csv"
    path.write_text(
        "locality,variable,period,score\nEast,Fear,Baseline,3.9\nEast,Fear,2014 Q1,3.7\n"
        "west,confidence,Baseline,7.2\n"
    )
    assert _import(localities, path) == 3
    with localities.read() as session:
        assert list_periods(session) == ["Baseline", "2014 Q1"]
    with pytest.raises(EngageError, match="already imported"):
        _import(localities, path)


def test_import_refuses_every_bad_row_and_writes_nothing(localities, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "locality,variable,period,score\nEast,Fear,Baseline,3.9\nEast,Feer,Baseline,3.9\n"
        "North,Fear,Baseline,3.9\nEast,PACT,Baseline,11\nEast,Fear,Baseline,4.0\n"
    )
    with pytest.raises(ImportRefused) as refused:
        _import(localities, path)
    lines = refused.value.lines()
    assert any(
        line.startswith("row 3, variable: unknown variable 'Feer'; the variables are CONFIDENCE,")
        for line in lines
    )
    assert any(line.startswith("row 4, locality: unknown locality 'North'") for line in lines)
    assert any(line.startswith("row 5, score: '11' is more than 10") for line in lines)
    assert any(line.startswith("row 6: the same locality, variable and period as row 2") for line in lines)
    with localities.read() as session:
        assert list_periods(session) == []


def test_new_variable_with_its_direction(localities):
    with localities.write() as session:
        add_variable(session, sup(session), "Anti-social behaviour", lower_is_better=True)
    with localities.read() as session:
        variables = list_variables(session)
    assert len(variables) == 14 and variables[-1].lower_is_better
    assert [v.name for v in variables if v.lower_is_better] == [
        "Fear",
        "Perception of Crime & ASB",
        "Victim of Crime",
        "Anti-social behaviour",
    ]
