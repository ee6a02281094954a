"""Hand-worked examples in tests/examples/*.json: an instance and the fields of the expected result."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

import nextwork.allocation
from nextwork.allocation import Instance, check_feasible, solve
from nextwork.allocation.greedy import serial_dictatorship

EXAMPLES = sorted((Path(__file__).parent / "examples").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_hand_worked_example(path):
    case = json.loads(path.read_text(encoding="utf-8"))
    instance = Instance.from_json(case["instance"])
    result = solve(instance)
    check_feasible(instance, result)
    got = result.to_json()
    for key, expected in case["expected"].items():
        assert got[key] == expected, key


def test_greedy_can_fall_into_the_trap_the_engine_avoids():
    case = json.loads((Path(__file__).parent / "examples" / "greedy_trap.json").read_text(encoding="utf-8"))
    instance = Instance.from_json(case["instance"])
    greedy_placed = {
        serial_dictatorship(Instance.from_json(case["instance"] | {"seed": s})).placed for s in range(20)
    }
    assert greedy_placed == {1, 2}
    assert solve(instance).placed == 2


def test_the_docstring_example_runs():
    failures, _ = doctest.testmod(nextwork.allocation)
    assert failures == 0
