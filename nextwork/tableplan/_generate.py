"""Random match events for the benchmark and the tests (skewed popularity, a few avoided companies)."""

from __future__ import annotations

import random

from .model import Instance, Table, Youth


def random_event(
    n_youth: int,
    n_companies: int,
    n_tables: int | None = None,
    *,
    rounds: int | None = 5,
    requests: int = 3,
    seed: int = 1,
    meetings: bool = False,
) -> Instance:
    """An event with ``n_tables`` tables (default one per company; extra tables go to random companies)
    of 5-8 seats, at least one seat per young person, requests drawn with Zipf-like popularity and one
    avoided company for every fifth young person. ``meetings=True``: mode 2 with the requests as the
    meetings to hold; otherwise mode 1 with ``rounds``."""
    rng = random.Random(seed)
    n_tables = n_tables or n_companies
    companies = [f"c{i + 1}" for i in range(n_companies)]
    owner = companies + [rng.choice(companies) for _ in range(n_tables - n_companies)]
    seats = [rng.randint(5, 8) for _ in range(n_tables)]
    i = 0
    while sum(seats) < n_youth:
        seats[i % n_tables] += 1
        i += 1
    tables = tuple(Table(f"t{i + 1}", owner[i], seats[i]) for i in range(n_tables))
    weights = [1 / (rank + 1) ** 0.8 for rank in range(n_companies)]
    youth = []
    for y in range(n_youth):
        wanted: list[str] = []
        while len(wanted) < min(requests, n_companies):
            c = rng.choices(companies, weights)[0]
            if c not in wanted:
                wanted.append(c)
        rest = [c for c in companies if c not in wanted]
        avoid = [rng.choice(rest)] if rest and y % 5 == 4 else []
        youth.append(Youth(f"y{y + 1}", tuple(wanted), tuple(avoid)))
    if meetings:
        pairs = tuple((y.id, c) for y in youth for c in y.requests)
        return Instance(tables, tuple(youth), meetings=pairs, seed=seed)
    return Instance(tables, tuple(youth), rounds=rounds, seed=seed)
