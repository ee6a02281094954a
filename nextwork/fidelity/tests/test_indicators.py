"""Every indicator against a value worked out by hand on fixture_month.json (October 2026).

The workings are in the comments: which records count, and the arithmetic."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from nextwork.fidelity import INDICATORS, PRINCIPLES, compute, compute_one, indicator, parse_inputs

FIXTURE = Path(__file__).parent / "fixture_month.json"


@pytest.fixture(scope="module")
def month():
    return parse_inputs(json.loads(FIXTURE.read_text(encoding="utf-8")))


# key: (value, light, records behind the number)
EXPECTED = {
    # i1 wished 20 Sep, started 1 Oct: 11 days; i2 wished 1 Oct, started 19 Oct: 18 days; i3 had no wish.
    # Median of 11 and 18 = 14.5: over the 14-day promise, within 21 -> yellow.
    "days_wish_to_start": (14.5, "yellow", ("i1", "i2")),
    # First internships: c1 -> i5 (August, not October), c5 -> i4 (May), c2 -> i2 (19 Oct).
    # c2 started 15 Sep: 34 days. Over 30, within 60 -> yellow.
    "days_to_first_internship": (34.0, "yellow", ("c2",)),
    # Active on 31 Oct: c1, c2, c3 (c4 ended 20 Oct). Running on 31 Oct: i1 (c1), i3 (c2, paid hours).
    # 2 / 3 -> green (from 0.5).
    "share_in_work_experience": (2 / 3, "green", ("c1", "c2", "c3")),
    # Active some time in October: c1, c2, c3, c4, c6 = 5. Internship days in October:
    # i1 1-31 Oct = 31, i5 1-10 Oct = 10, i2 19-25 Oct = 7, i3 26-31 Oct = 6 -> 54 days = 54/7 weeks.
    # 54 / 7 / 5 = 1.542857 -> yellow (1 to 2).
    "internship_weeks_per_person": (54 / 7 / 5, "yellow", ("c1", "c2", "c3", "c4", "c6")),
    # Exits in October: e1 (education with SU), e3 (paid hours: not a job). 1 / 2 -> green (from 0.5).
    "exits_to_job_or_education": (0.5, "green", ("e1", "e3")),
    # Sessions held in October: s1 9/10, s2 6/10, s3 12/14 -> 27 / 34 = 0.794 -> green.
    "group_attendance": (27 / 34, "green", ("s1", "s2", "s3")),
    # Observed October sessions: s1 "most", s2 "some" (s3 has no note) -> 1 / 2 -> yellow (0.4 to 0.6).
    "groups_took_part": (0.5, "yellow", ("s1", "s2")),
    # 8-12 came: s1 (9) and s3 (12), not s2 (6) -> 2 / 3 -> green (from 0.6).
    "turnout_in_range": (2 / 3, "green", ("s1", "s2", "s3")),
    # ev1 on 8 Oct (ev2 was in September) -> 1 -> green.
    "match_events_held": (1.0, "green", ("ev1",)),
    # ev1 had 5 companies -> yellow (4 to 6).
    "companies_per_event": (5.0, "yellow", ("ev1",)),
    # ev1: 18 open offers, 12 young people came -> 1.5 -> green.
    "offers_per_attendee": (1.5, "green", ("ev1",)),
    # Confirmed in October: p1 (1), p2 (2), p3 (4), p4 (no wish), p5 (1). First wish 2 / 5 -> yellow.
    "first_wish": (0.4, "yellow", ("p1", "p2", "p3", "p4", "p5")),
    # Top 3: p1, p2, p5 -> 3 / 5 = 0.6 -> red (below 0.7).
    "top3_wish": (0.6, "red", ("p1", "p2", "p3", "p4", "p5")),
    # October items: a1 (young), a2 (staff), a3 (young), a4 (staff) -> 2 / 4 -> green (from 0.5).
    "agenda_by_young_people": (0.5, "green", ("a1", "a2", "a3", "a4")),
    # Ended in October: i2 (young person), i5 (company) -> 1 / 2 -> green (from 0.25).
    "ended_on_own_initiative": (0.5, "green", ("i2", "i5")),
    # Started in October: c3 (self), c4 (youth guidance) -> 1 / 2 -> green (from 0.3), operations phase.
    "voluntary_entries": (0.5, "green", ("c3", "c4")),
    # 3 active on 31 Oct / 2 consultants = 1.5, norm 15 -> green.
    "caseload_per_consultant": (1.5, "green", ("c1", "c2", "c3")),
    # d1 on 5 Oct (d2 in September) -> 1 -> yellow (target 2).
    "devising_meetings_held": (1.0, "yellow", ("d1",)),
}


def test_every_indicator_has_a_hand_computed_value():
    assert set(EXPECTED) == {i.key for i in INDICATORS}


@pytest.mark.parametrize("key", list(EXPECTED))
def test_indicator_value_light_and_records(month, key):
    value, light, records = EXPECTED[key]
    result = compute_one(key, month)
    assert result.value == pytest.approx(value)
    assert result.light == light
    assert result.figure.records == records


def test_each_indicator_is_defined_once_with_a_known_principle():
    keys = [i.key for i in INDICATORS]
    assert len(keys) == len(set(keys))
    principles = {p.key for p in PRINCIPLES}
    assert {i.principle for i in INDICATORS} == principles == {"work_identity", "many_to_many",
                                                                 "power_shift", "team"}
    for i in INDICATORS:
        assert i.name and i.definition and i.unit and i.direction in ("higher", "lower")
        green, yellow = i.thresholds.green, i.thresholds.yellow
        assert (green >= yellow) if i.direction == "higher" else (green <= yellow), i.key


def test_unknown_key_names_the_known_ones():
    with pytest.raises(KeyError, match="days_wish_to_start"):
        indicator("nope")


def test_voluntary_entries_do_not_apply_in_the_research_phase(month):
    research = dataclasses.replace(month, phase="research")
    result = compute_one("voluntary_entries", research)
    assert result.value is None and result.light == "none"


def test_caseload_is_judged_against_the_municipality_norm(month):
    # 3 active per 1 consultant: within a norm of 3, yellow up to 3 x 1.15, red above.
    one = dataclasses.replace(month, consultants=1)
    assert compute_one("caseload_per_consultant", dataclasses.replace(one, caseload_norm=3)).light == "green"
    assert compute_one("caseload_per_consultant", dataclasses.replace(one, caseload_norm=2)).light == "red"
    assert compute_one("caseload_per_consultant", dataclasses.replace(one, caseload_norm=2)).target == 2
    no_team = dataclasses.replace(month, consultants=0)
    assert compute_one("caseload_per_consultant", no_team).light == "none"


def test_an_empty_month_is_no_data_not_red():
    empty = parse_inputs({"month": "2026-10"})
    lights = {r.indicator.key: r.light for r in compute(empty)}
    # counts of things that should happen are red when nothing happened; shares without a base are "none"
    assert lights.pop("match_events_held") == "red"
    assert lights.pop("devising_meetings_held") == "red"
    assert set(lights.values()) == {"none"}
