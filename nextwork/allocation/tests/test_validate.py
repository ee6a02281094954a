"""Inconsistent instances are refused with a message naming the ids; check_feasible catches bad results."""

from __future__ import annotations

import dataclasses

import pytest

from nextwork.allocation import Instance, Placement, check_feasible, parse_instance, solve


def _base() -> dict:
    return {
        "policy": "youth_first",
        "seed": 7,
        "offers": [
            {"id": "o1", "company": "c1", "capacity": 1},
            {"id": "o2", "company": "c2", "capacity": 2},
        ],
        "youth": [{"id": "y1", "wishes": ["o1", "o2"], "vetoes": []}, {"id": "y2", "wishes": ["o2"]}],
        "forbidden": [],
        "fixed": [],
    }


def _with(**changes) -> dict:
    data = _base()
    data.update(changes)
    return data


CASES = {
    "unknown offer in wishes": (_with(youth=[{"id": "y1", "wishes": ["o9"]}]), "'o9'"),
    "unknown company in vetoes": (_with(youth=[{"id": "y1", "vetoes": ["c9"]}]), "'c9'"),
    "duplicate offer ids": (
        _with(
            offers=[
                {"id": "o1", "company": "c1", "capacity": 1},
                {"id": "o1", "company": "c2", "capacity": 1},
            ]
        ),
        "duplicate offer ids: 'o1'",
    ),
    "duplicate youth ids": (_with(youth=[{"id": "y1"}, {"id": "y1"}]), "duplicate youth ids: 'y1'"),
    "wish for a vetoed company": (
        _with(youth=[{"id": "y1", "wishes": ["o1"], "vetoes": ["c1"]}]),
        "youth 'y1' wishes offers of a company they veto: 'o1' (company 'c1')",
    ),
    "fixed pair over capacity": (
        _with(fixed=[["y1", "o1"], ["y2", "o1"]]),
        "offer 'o1' has 2 fixed pairs but a capacity of 1",
    ),
    "negative capacity": (
        _with(
            offers=[
                {"id": "o1", "company": "c1", "capacity": -1},
                {"id": "o2", "company": "c2", "capacity": 1},
            ]
        ),
        "offer 'o1' has a negative capacity (-1)",
    ),
    "unknown youth in a forbidden pair": (_with(forbidden=[["y9", "o1"]]), "unknown youth 'y9'"),
    "unknown offer in a fixed pair": (_with(fixed=[["y1", "o9"]]), "unknown offer 'o9'"),
    "youth fixed twice": (_with(fixed=[["y1", "o1"], ["y1", "o2"]]), "fixed to more than one offer: 'y1'"),
    "fixed and forbidden": (
        _with(fixed=[["y1", "o1"]], forbidden=[["y1", "o1"]]),
        "both fixed and forbidden",
    ),
    "wish listed twice": (_with(youth=[{"id": "y1", "wishes": ["o1", "o1"]}]), "same offer twice: 'o1'"),
    "unknown policy": (_with(policy="lottery"), "policy"),
    "capacity not an integer": (_with(offers=[{"id": "o1", "company": "c1", "capacity": "2"}]), "capacity"),
    "not an object": ([], "JSON object"),
}


@pytest.mark.parametrize("data,message", CASES.values(), ids=CASES.keys())
def test_it_refuses_an_inconsistent_instance_naming_the_ids(data, message):
    with pytest.raises(ValueError, match=None) as info:
        parse_instance(data)
    assert message in str(info.value)


def test_a_fixed_pair_at_a_vetoed_company_is_refused():
    with pytest.raises(ValueError, match="vetoes company 'c1'"):
        parse_instance(_with(youth=[{"id": "y1", "vetoes": ["c1"]}], fixed=[["y1", "o1"]]))


def test_the_checker_finds_broken_results():
    instance = Instance.from_json(_base())
    result = solve(instance)
    check_feasible(instance, result)
    over = dataclasses.replace(
        result, placements=(Placement("y1", "o1", 1), Placement("y2", "o1", None)), unplaced=()
    )
    with pytest.raises(ValueError) as info:
        check_feasible(instance, over)
    assert "offer 'o1' holds 2" in str(info.value)
    assert "neither wished nor fixed" in str(info.value)
    missing = dataclasses.replace(result, placements=result.placements[:1], unplaced=())
    with pytest.raises(ValueError, match="missing from the result"):
        check_feasible(instance, missing)


def _offer(**extra) -> dict:
    return {"id": "o1", "company": "c1", "capacity": 1, **extra}


UNKNOWN_KEYS = {
    "at the top level": (
        _with(wishs=[]),
        "top level: unknown key 'wishs' (known keys: fixed, forbidden, offers, policy, seed, youth)",
    ),
    "in a young person": (
        _with(youth=[{"id": "y1", "wishs": ["o1"]}]),
        "youth 'y1': unknown key 'wishs' (known keys: id, vetoes, wishes)",
    ),
    "in an offer": (
        _with(offers=[_offer(capcity=2)]),
        "offer 'o1': unknown key 'capcity' (known keys: capacity, company, id)",
    ),
    "several in an offer without a usable id": (
        _with(offers=[_offer(), {"ID": "o2", "company": "c2", "capacity": 1, "seats": 3}]),
        "offers[1]: unknown keys 'ID', 'seats'",
    ),
}


@pytest.mark.parametrize("data,message", UNKNOWN_KEYS.values(), ids=UNKNOWN_KEYS.keys())
def test_an_unknown_key_is_refused_naming_the_key_and_where(data, message):
    # Without this a typo such as "wishs" silently meant "no wishes".
    with pytest.raises(ValueError) as info:
        parse_instance(data)
    assert message in str(info.value)


def test_every_key_the_engine_writes_it_also_reads():
    instance = Instance.from_json(_with(fixed=[["y2", "o2"]], forbidden=[["y1", "o2"]]))
    assert Instance.from_json(instance.to_json()) == instance


def test_a_value_of_the_wrong_type_is_shown_shortened_in_the_message():
    with pytest.raises(ValueError) as info:
        parse_instance(_with(seed="9" * 10_000))
    assert str(info.value).startswith("seed: expected an integer, got '999")
    assert len(str(info.value)) < 100
