"""Inconsistent events are refused with a message naming the ids; the checker catches broken plans."""

from __future__ import annotations

import dataclasses

import pytest

from nextwork.tableplan import Instance, Plan, Round, Seating, Table, Youth, check_plan, parse_instance, solve

BASE = {
    "tables": [{"id": "t1", "company": "c1", "seats": 2}, {"id": "t2", "company": "c2", "seats": 1}],
    "youth": [{"id": "y1", "requests": ["c1"]}, {"id": "y2", "avoid": ["c2"]}],
    "rounds": 2,
}


def _with(**changes) -> dict:
    return {k: v for k, v in (BASE | changes).items() if v is not None}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_with(rounds=None), "exactly one of 'rounds'"),
        (_with(meetings=[["y1", "c1"]]), "exactly one of 'rounds'"),
        (_with(colour="red"), "unknown keys 'colour'"),
        (_with(tables=[{"id": "t1", "company": "c1", "seats": 2, "x": 1}]), "unknown keys 'x'"),
        (_with(youth=[{"id": "y1", "wish": []}]), "unknown keys 'wish'"),
        (_with(tables=[{"id": "t1", "company": "c1", "seats": 2}] * 2), "duplicate table ids: 't1'"),
        (_with(youth=[{"id": "y1"}, {"id": "y1"}]), "duplicate youth ids: 'y1'"),
        (_with(youth=[{"id": "y1", "requests": ["c9"]}]), "requests unknown companies: 'c9'"),
        (_with(youth=[{"id": "y1", "avoid": ["c9"]}]), "avoid unknown companies: 'c9'"),
        (
            _with(youth=[{"id": "y1", "requests": ["c1"], "avoid": ["c1"]}]),
            "both requests and avoids company 'c1'",
        ),
        (_with(youth=[{"id": "y1", "requests": ["c1", "c1"]}]), "lists a company twice: 'c1'"),
        (_with(tables=[{"id": "t1", "company": "c1", "seats": 0}]), "tables without seats"),
        (_with(tables=[{"id": "t1", "company": "c1", "seats": "2"}]), "seats: expected an integer"),
        (
            _with(tables=[{"id": "t1", "company": "c1", "seats": 1}], youth=[{"id": "y1"}, {"id": "y2"}]),
            "more young people (2) than seats in a round (1)",
        ),
        (_with(rounds=0), "rounds must be between 1 and 1000"),
        (_with(rounds=10**12), "rounds must be between 1 and 1000"),
        (_with(tables=[{"id": "t1", "company": "c1", "seats": 10**9}], youth=[]), "more than 10000 seats"),
        (_with(rounds=True), "rounds: expected an integer"),
        (_with(rounds=None, meetings=[["y9", "c1"]]), "unknown young person 'y9'"),
        (_with(rounds=None, meetings=[["y1", "c9"]]), "unknown company 'c9'"),
        (_with(rounds=None, meetings=[["y2", "c2"]]), "'y2' avoids company 'c2'"),
        (_with(rounds=None, meetings=[["y1", "c1"], ["y1", "c1"]]), "meetings listed twice"),
        (_with(rounds=None, meetings=[["y1"]]), "expected a pair"),
        (_with(tables=None), "missing key 'tables'"),
        ([], "plan: expected an object"),
        (_with(seed="x"), "seed: expected an integer"),
    ],
)
def test_an_inconsistent_event_is_refused_with_a_clear_message(data, message):
    with pytest.raises(ValueError) as info:
        parse_instance(data)
    assert message in str(info.value)


def test_solve_validates_its_input_too():
    with pytest.raises(ValueError, match="duplicate table ids"):
        solve(Instance((Table("t", "c", 1), Table("t", "c", 1)), (), rounds=1))


def _good() -> tuple[Instance, Plan]:
    instance = Instance(
        (Table("t1", "c1", 2), Table("t2", "c2", 1)),
        (Youth("y1", avoid=("c2",)), Youth("y2"), Youth("y3")),
        rounds=2,
    )
    return instance, solve(instance)


def _replace(plan: Plan, r: int, table: str, youth: tuple[str, ...]) -> Plan:
    rounds = list(plan.rounds)
    rounds[r] = Round(
        rounds[r].number,
        tuple(dataclasses.replace(s, youth=youth) if s.table == table else s for s in rounds[r].tables),
    )
    return dataclasses.replace(plan, rounds=tuple(rounds))


def test_the_checker_accepts_the_engine_s_plan():
    instance, plan = _good()
    check_plan(instance, plan)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: _replace(p, 0, "t2", ("y2", "y3")), "seats 2 > 1"),
        (lambda p: _replace(_replace(p, 0, "t1", ("y2",)), 0, "t2", ("y2",)), "seated at two tables"),
        (lambda p: _replace(_replace(p, 0, "t2", ("y1",)), 1, "t2", ("y3",)), "meets avoided company"),
        (lambda p: _replace(_replace(p, 0, "t1", ("y2",)), 1, "t1", ("y2",)), "meets the same company twice"),
        (lambda p: _replace(p, 0, "t1", ()), "empty although every table can be kept occupied"),
        (lambda p: dataclasses.replace(p, rounds=p.rounds[:1]), "1 rounds, 2 were asked for"),
        (lambda p: dataclasses.replace(p, lower_bound=5), "lower_bound is 5"),
        (lambda p: dataclasses.replace(p, unmet_requests=(("y1", "c1"),)), "unmet_requests"),
        (
            lambda p: dataclasses.replace(p, rounds=(Round(1, p.rounds[0].tables[:1]), p.rounds[1])),
            "not every table once",
        ),
    ],
)
def test_the_checker_names_what_a_broken_plan_breaks(change, message):
    instance, plan = _good()
    with pytest.raises(ValueError) as info:
        check_plan(instance, change(plan))
    assert message in str(info.value)


def test_the_checker_holds_mode_2_to_the_given_meetings_and_the_bound():
    instance = Instance(
        (Table("t1", "c1", 1), Table("t2", "c2", 1)),
        (Youth("y1"), Youth("y2")),
        meetings=(("y1", "c1"), ("y2", "c1")),
    )
    plan = solve(instance)
    check_plan(instance, plan)
    empty_round = Round(3, tuple(Seating(s.table, s.company, ()) for s in plan.rounds[0].tables))
    padded = dataclasses.replace(plan, rounds=(*plan.rounds, empty_round))
    with pytest.raises(ValueError, match="3 rounds, the lower bound is 2"):
        check_plan(instance, padded)
    dropped = _replace(plan, 0, "t1", ())
    with pytest.raises(ValueError, match="exactly the given meetings"):
        check_plan(instance, dropped)


def test_a_table_everyone_avoids_may_stay_empty():
    instance = Instance(
        (Table("t1", "c1", 2), Table("t2", "c2", 1)),
        (Youth("y1", avoid=("c2",)), Youth("y2", avoid=("c2",))),
        rounds=2,
    )
    plan = solve(instance)
    check_plan(instance, plan)
    assert plan.by_table()["t2"] == ((), ())
