"""Brute force for tiny events: the fewest rounds (mode 2) and the best choice of meetings (mode 1)."""

from __future__ import annotations

import itertools
from collections import Counter

from nextwork.tableplan.model import Instance, Plan


def fewest_rounds(instance: Instance) -> int:
    """Try 0, 1, 2, ... rounds: backtrack over a round for every meeting (nobody twice in a round, no
    company over its seats in a round; a company's tables can then always seat its young people)."""
    k = 0
    while not _fits(list(instance.meetings), instance.companies, k, 0, set(), Counter()):
        k += 1
    return k


def _fits(meetings: list, seats: dict, k: int, i: int, busy: set, load: Counter) -> bool:
    if i == len(meetings):
        return True
    y, c = meetings[i]
    for r in range(k):
        if (y, r) in busy or load[(c, r)] >= seats[c]:
            continue
        busy.add((y, r))
        load[(c, r)] += 1
        if _fits(meetings, seats, k, i + 1, busy, load):
            return True
        busy.discard((y, r))
        load[(c, r)] -= 1
    return False


def best_key(instance: Instance) -> tuple[int, int, int]:
    """The best (occupied table-rounds, requests met, meetings) over every choice of meetings.

    Every young person picks a set of at most ``rounds`` companies they do not avoid; a choice is kept
    if no company gets more than rounds x seats meetings. A company with d meetings can occupy at most
    min(d, rounds x tables) table-rounds, so this bounds every valid plan from above.
    """
    rounds = instance.rounds
    seats = instance.companies
    tables = Counter(t.company for t in instance.tables)
    companies = sorted(seats)
    options = []
    for y in instance.youth:
        ok = [c for c in companies if c not in y.avoid]
        options.append([s for n in range(min(rounds, len(ok)) + 1) for s in itertools.combinations(ok, n)])
    best = (0, 0, 0)
    for choice in itertools.product(*options):
        degree = Counter(c for s in choice for c in s)
        if any(d > rounds * seats[c] for c, d in degree.items()):
            continue
        filled = sum(min(d, rounds * tables[c]) for c, d in degree.items())
        met = sum(c in s for y, s in zip(instance.youth, choice, strict=True) for c in y.requests)
        best = max(best, (filled, met, sum(degree.values())))
    return best


def plan_key(instance: Instance, plan: Plan) -> tuple[int, int, int]:
    """The same key measured on a plan."""
    filled = sum(bool(s.youth) for r in plan.rounds for s in r.tables)
    requests = sum(len(y.requests) for y in instance.youth)
    meetings = len(plan.meetings())
    return filled, requests - len(plan.unmet_requests), meetings
