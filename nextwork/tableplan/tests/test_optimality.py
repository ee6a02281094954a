"""The engine reaches the brute-force optimum on small events, and its plans are always valid."""

from __future__ import annotations

from hypothesis import given, settings

from nextwork.tableplan import check_plan, konig_bound, solve
from nextwork.tableplan._generate import random_event

from .brute import best_key, fewest_rounds, plan_key
from .strategies import events


@settings(max_examples=150, deadline=None)
@given(events(mode=2))
def test_given_meetings_take_exactly_the_lower_bound_which_brute_force_confirms(instance):
    plan = solve(instance)
    check_plan(instance, plan)
    assert plan.meetings() == set(instance.meetings)
    assert len(plan.rounds) == plan.lower_bound == konig_bound(instance, instance.meetings)
    assert plan.lower_bound == fewest_rounds(instance)


@settings(max_examples=150, deadline=None)
@given(events(mode=1))
def test_chosen_meetings_fill_tables_then_meet_requests_then_meet_most_as_brute_force(instance):
    plan = solve(instance)
    check_plan(instance, plan)
    assert len(plan.rounds) == instance.rounds
    assert plan_key(instance, plan) == best_key(instance)


@settings(max_examples=60, deadline=None)
@given(events(mode=1, max_youth=8, max_companies=4, max_tables=6))
def test_larger_random_events_give_valid_plans(instance):
    check_plan(instance, solve(instance))


def test_with_seats_to_spare_everyone_meets_rounds_companies_or_all_they_do_not_avoid():
    instance = random_event(30, 10, rounds=4, seed=3)  # 5-8 seats a table: 50+ seats for 30 people
    plan = solve(instance)
    check_plan(instance, plan)
    visits = plan.by_youth()
    for y in instance.youth:
        assert len(visits[y.id]) == min(4, 10 - len(y.avoid))
    assert plan.unmet_requests == ()


def test_a_company_s_meetings_are_spread_evenly_over_the_rounds():
    instance = random_event(60, 15, rounds=5, seed=2, meetings=True)
    plan = solve(instance)
    check_plan(instance, plan)
    per_company: dict[str, list[int]] = {}
    for r in plan.rounds:
        counts: dict[str, int] = {}
        for s in r.tables:
            counts[s.company] = counts.get(s.company, 0) + len(s.youth)
        for c, n in counts.items():
            per_company.setdefault(c, []).append(n)
    for counts in per_company.values():
        assert max(counts) - min(counts) <= 1
