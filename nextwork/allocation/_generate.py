"""Random instances with skewed popularity, for the benchmark and the tests."""

from __future__ import annotations

import numpy as np

from .model import Instance, Offer, Youth


def random_instance(
    n_youth: int,
    n_offers: int,
    *,
    wishes: int = 3,
    seed: int = 0,
    policy: str = "youth_first",
    fixed_share: float = 0.01,
    veto_share: float = 0.1,
    max_capacity: int = 4,
) -> Instance:
    """Offers in a few trades with Zipf-like popularity; each young person leans to one trade."""
    rng = np.random.default_rng(seed)
    n_trades = max(3, n_offers // 250)
    trade_p = 1.0 / np.arange(1, n_trades + 1) ** 1.2
    trade_p /= trade_p.sum()
    offer_trade = rng.choice(n_trades, size=n_offers, p=trade_p)
    appeal = rng.lognormal(0.0, 1.0, size=n_offers)
    n_companies = max(1, (n_offers * 2) // 3)
    offer_company = np.concatenate(
        [np.arange(min(n_companies, n_offers)), rng.integers(0, n_companies, max(0, n_offers - n_companies))]
    )
    rng.shuffle(offer_company)
    capacity = rng.integers(1, max_capacity + 1, size=n_offers)
    offers = tuple(
        Offer(id=f"o{i}", company=f"c{offer_company[i]}", capacity=int(capacity[i])) for i in range(n_offers)
    )
    global_p = appeal / appeal.sum()
    in_trade = []
    for t in range(n_trades):
        members = np.flatnonzero(offer_trade == t)
        in_trade.append((members, appeal[members] / appeal[members].sum() if len(members) else None))
    favourite = rng.choice(n_trades, size=n_youth, p=trade_p)
    k = min(wishes, n_offers)
    draws = 4 * k
    from_global = rng.choice(n_offers, size=(n_youth, draws), p=global_p)
    own = rng.random((n_youth, draws)) < 0.7
    present = {int(c) for c in offer_company}
    youth = []
    fixed = []
    fixed_load = np.zeros(n_offers, dtype=int)
    for i in range(n_youth):
        members, p = in_trade[favourite[i]]
        row = from_global[i].copy()
        if p is not None:
            row[own[i]] = rng.choice(members, size=int(own[i].sum()), p=p)
        chosen: list[int] = []
        for o in row:
            if int(o) not in chosen:
                chosen.append(int(o))
                if len(chosen) == k:
                    break
        wished_companies = {int(offer_company[o]) for o in chosen}
        vetoes: tuple[str, ...] = ()
        if rng.random() < veto_share:
            c = int(rng.integers(0, n_companies))
            if c not in wished_companies and c in present:
                vetoes = (f"c{c}",)
        youth.append(Youth(id=f"y{i}", wishes=tuple(f"o{o}" for o in chosen), vetoes=vetoes))
        if chosen and rng.random() < fixed_share:
            o = chosen[int(rng.integers(0, len(chosen)))]
            if fixed_load[o] < capacity[o]:
                fixed_load[o] += 1
                fixed.append((f"y{i}", f"o{o}"))
    return Instance(offers=offers, youth=tuple(youth), fixed=tuple(fixed), policy=policy, seed=seed)
