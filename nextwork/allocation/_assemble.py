"""Turn chosen placements into a Result: profile, companies, reasons, objective values."""

from __future__ import annotations

from operator import attrgetter

from ._reasons import reasons
from .model import Instance, Placement, Result


def build_result(instance: Instance, placements: list[Placement], unplaced: list[str]) -> Result:
    placements = sorted(placements, key=attrgetter("youth"))
    unplaced = sorted(unplaced)
    depth = max((len(y.wishes) for y in instance.youth), default=0)
    profile = [0] * depth
    for p in placements:
        if p.rank is not None:
            profile[p.rank - 1] += 1
    company = {o.id: o.company for o in instance.offers}
    active = {company[p.offer] for p in placements}
    not_active = sorted({o.company for o in instance.offers} - active)
    placed = {"placed": len(placements)}
    ranks = {"profile": profile}
    companies = {"companies_activated": len(active)}
    if instance.policy == "companies_first":
        objectives = placed | companies | ranks
    else:
        objectives = placed | ranks | companies
    return Result(
        policy=instance.policy,
        seed=instance.seed,
        placements=tuple(placements),
        unplaced=tuple(reasons(instance, placements, unplaced)),
        profile=tuple(profile),
        companies_activated=len(active),
        companies_not_activated=tuple(not_active),
        objectives=objectives,
    )
