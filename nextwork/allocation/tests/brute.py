"""Brute force over every assignment, for tiny instances only."""

from __future__ import annotations

import itertools
from collections import Counter

from nextwork.allocation.model import Instance


def optimal_assignments(instance: Instance) -> tuple[tuple, set[frozenset]]:
    """Return the best lexicographic key and every assignment (a set of (youth, offer)) reaching it."""
    offers = {o.id: o for o in instance.offers}
    forbidden = set(instance.forbidden)
    fixed = dict(instance.fixed)
    depth = max((len(y.wishes) for y in instance.youth), default=0)
    choices = []
    for y in instance.youth:
        if y.id in fixed:
            choices.append([fixed[y.id]])
        else:
            choices.append([None] + [o for o in y.wishes if (y.id, o) not in forbidden])
    best, winners = None, set()
    for combo in itertools.product(*choices):
        load = Counter(o for o in combo if o is not None)
        if any(n > offers[o].capacity for o, n in load.items()):
            continue
        profile = [0] * depth
        for y, o in zip(instance.youth, combo, strict=True):
            if o is not None and o in y.wishes:
                profile[y.wishes.index(o)] += 1
        placed = sum(o is not None for o in combo)
        companies = len({offers[o].company for o in combo if o is not None})
        if instance.policy == "companies_first":
            key = (placed, companies, tuple(profile))
        else:
            key = (placed, tuple(profile), companies)
        assignment = frozenset((y.id, o) for y, o in zip(instance.youth, combo, strict=True) if o is not None)
        if best is None or key > best:
            best, winners = key, {assignment}
        elif key == best:
            winners.add(assignment)
    return best, winners
