"""Hand-worked examples in tests/examples/*.json: an event and what its plan must show."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

import nextwork.tableplan
from nextwork.tableplan import Instance, check_plan, solve
from nextwork.tableplan._colour import seat

EXAMPLES = sorted((Path(__file__).parent / "examples").glob("*.json"))


def _measure(plan, key):
    if key == "rounds":
        return len(plan.rounds)
    if key == "meetings":
        return len(plan.meetings())
    if key == "empty_table_rounds":
        return sum(not s.youth for r in plan.rounds for s in r.tables)
    if key == "unmet_count":
        return len(plan.unmet_requests)
    if key == "met":
        return sorted(p for p in (tuple(m) for m in plan.meetings()) if p in _measure.wanted)
    if key == "company_per_round":
        counts: dict[str, list[int]] = {}
        for r in plan.rounds:
            per: dict[str, int] = {}
            for s in r.tables:
                per[s.company] = per.get(s.company, 0) + len(s.youth)
            for c, n in per.items():
                counts.setdefault(c, []).append(n)
        return {c: sorted(counts[c]) for c in _measure.wanted}
    return plan.to_json()[key]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_hand_worked_example(path):
    case = json.loads(path.read_text(encoding="utf-8"))
    instance = Instance.from_json(case["instance"])
    plan = solve(instance)
    check_plan(instance, plan)
    for key, expected in case["expected"].items():
        if key == "met":
            _measure.wanted = {tuple(p) for p in expected}
            expected = sorted(tuple(p) for p in expected)
        if key == "company_per_round":
            _measure.wanted = set(expected)
        assert _measure(plan, key) == expected, key


def test_several_tables_of_one_company_each_get_someone_before_any_gets_a_second():
    case = json.loads((Path(__file__).parent / "examples" / "several_tables_filled_evenly.json").read_text())
    plan = solve(Instance.from_json(case["instance"]))
    assert [len(g) for g in plan.by_table()["a"]] == [1, 1, 1]
    assert [len(g) for g in plan.by_table()["b"]] == [1, 1, 1]


@pytest.mark.parametrize(
    ("people", "expected"), [(1, [1, 0]), (2, [1, 1]), (3, [2, 1]), (5, [3, 2]), (6, [4, 2])]
)
def test_a_company_s_tables_fill_in_proportion_to_their_seats(people, expected):
    seated = seat([f"y{i}" for i in range(people)], [("a", 4), ("b", 2)], turn=0)
    assert [len(seated["a"]), len(seated["b"])] == expected


def test_by_table_and_by_youth_are_two_views_of_the_same_plan():
    case = json.loads((Path(__file__).parent / "examples" / "three_one_seat_tables.json").read_text())
    plan = solve(Instance.from_json(case["instance"]))
    from_tables = {
        (y, t, r + 1) for t, rows in plan.by_table().items() for r, ys in enumerate(rows) for y in ys
    }
    from_youth = {(y, v.table, v.round) for y, visits in plan.by_youth().items() for v in visits}
    assert from_tables == from_youth
    assert list(plan.by_youth()) == ["y1", "y2", "y3"]
    assert all([v.round for v in vs] == sorted(v.round for v in vs) for vs in plan.by_youth().values())


def test_the_docstring_example_runs():
    failures, _ = doctest.testmod(nextwork.tableplan)
    assert failures == 0
