"""The allocation engine: optimal, explained, reproducible placements after a match event.

One public function, :func:`solve`, takes an :class:`Instance` (young people with ranked wishes and
vetoed companies, offers with capacities, forbidden and fixed pairs, a policy and a seed) and returns a
:class:`Result`. Policy ``youth_first`` optimises lexicographically (1) the number placed, (2) the rank
profile (most first wishes, then most second wishes, ...), (3) the number of companies activated;
``companies_first`` swaps (2) and (3). Fixed pairs are always kept. Ties between equally good
solutions are broken by a lottery drawn from the seed and the ids, never from list positions.

A worked example: two young people both want offer ``o1`` (one seat) first; ``y2`` also accepts ``o2``
at company ``c2``. Placing both beats placing one, so ``y1`` gets ``o1`` and ``y2`` their second wish,
which also activates both companies.

>>> from nextwork.allocation import Instance, Offer, Youth, solve
>>> instance = Instance(
...     offers=(Offer("o1", "c1", 1), Offer("o2", "c2", 1)),
...     youth=(Youth("y1", wishes=("o1",)), Youth("y2", wishes=("o1", "o2"))),
...     seed=7,
... )
>>> result = solve(instance)
>>> [(p.youth, p.offer, p.rank) for p in result.placements]
[('y1', 'o1', 1), ('y2', 'o2', 2)]
>>> result.profile, result.companies_activated
((1, 1), 2)

The same from the command line: ``python -m nextwork.allocation instance.json``.
"""

from __future__ import annotations

from ._assemble import build_result
from .model import POLICIES, Instance, Offer, Placement, Result, SolverUnavailable, Unplaced, Youth
from .validate import check_feasible, parse_instance, validate

__all__ = [
    "POLICIES",
    "Instance",
    "Offer",
    "Placement",
    "Result",
    "SolverUnavailable",
    "Unplaced",
    "Youth",
    "check_feasible",
    "parse_instance",
    "solve",
    "validate",
]


def solve(instance: Instance) -> Result:
    """Return an optimal allocation under the instance's policy; ValueError if the instance is inconsistent."""
    validate(instance)
    return _solve_valid(instance)


def _solve_valid(instance: Instance) -> Result:
    """:func:`solve` for an instance already validated (the command line parses and validates once)."""
    # Imported here so that the command line answers input errors without loading SciPy.
    from ._core import build_network, optimise

    net = build_network(instance)
    chosen, _ = optimise(net, instance.policy, instance.seed)
    wishes = {y.id: y.wishes for y in instance.youth}
    placements = []
    for y, o in instance.fixed:
        placements.append(Placement(y, o, wishes[y].index(o) + 1 if o in wishes[y] else None, True))
    arcs = chosen.nonzero()[0]
    youth_ids, offer_ids = net.youth_ids, net.offer_ids
    placements += [
        Placement(youth_ids[y], offer_ids[o], r)
        for y, o, r in zip(
            net.arc_youth[arcs].tolist(),
            net.arc_offer[arcs].tolist(),
            net.arc_rank[arcs].tolist(),
            strict=True,
        )
    ]
    placed = {p.youth for p in placements}
    unplaced = [y.id for y in instance.youth if y.id not in placed]
    return build_result(instance, placements, unplaced)
