"""Greedy serial dictatorship: the by-hand baseline the benchmark compares against."""

from __future__ import annotations

import random

from ._assemble import build_result
from .model import Instance, Placement, Result
from .validate import validate


def serial_dictatorship(instance: Instance) -> Result:
    """Go down a seeded random list of the young people; each takes their best wish with a free seat."""
    validate(instance)
    free = {o.id: o.capacity for o in instance.offers}
    forbidden = set(instance.forbidden)
    placements = []
    fixed = dict(instance.fixed)
    for oid in fixed.values():
        free[oid] -= 1
    youth = {y.id: y for y in instance.youth}
    for yid, oid in sorted(fixed.items()):
        wishes = youth[yid].wishes
        placements.append(Placement(yid, oid, wishes.index(oid) + 1 if oid in wishes else None, True))
    order = sorted(y for y in youth if y not in fixed)
    random.Random(instance.seed).shuffle(order)
    unplaced = []
    for yid in order:
        for r, oid in enumerate(youth[yid].wishes, start=1):
            if free[oid] > 0 and (yid, oid) not in forbidden:
                free[oid] -= 1
                placements.append(Placement(yid, oid, r))
                break
        else:
            unplaced.append(yid)
    return build_result(instance, placements, unplaced)
