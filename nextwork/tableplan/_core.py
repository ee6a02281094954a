"""The plan: order everything by seeded keys, choose the meetings (mode 1), colour them into rounds, seat."""

from __future__ import annotations

import hashlib
from collections import Counter

import numpy as np

from ._colour import equitable_colouring, seat
from ._select import choose_meetings
from .model import Instance, Plan, Round, Seating, natural_key
from .validate import konig_bound


def _key(seed: int, *ids: str) -> bytes:
    """A seeded pseudo-random order that depends on the ids only, never on the input order."""
    return hashlib.blake2b("\x00".join((str(seed), *ids)).encode(), digest_size=8).digest()


def build_plan(instance: Instance) -> Plan:
    seed = instance.seed
    youth = sorted((y.id for y in instance.youth), key=lambda y: _key(seed, "y", y))
    seats = instance.companies
    companies = sorted(seats, key=lambda c: _key(seed, "c", c))
    y_index = {y: i for i, y in enumerate(youth)}
    c_index = {c: i for i, c in enumerate(companies)}
    if instance.meetings is None:
        meetings = _choose(instance, youth, companies, y_index, c_index)
        k = instance.rounds
    else:
        meetings = list(instance.meetings)
        k = konig_bound(instance, meetings)
    meetings.sort(key=lambda m: _key(seed, "m", *m))
    edges = [(y_index[y], c_index[c]) for y, c in meetings]
    colour = equitable_colouring(edges, len(youth), len(companies), k) if k else []
    # round -> company -> young people (in the seeded order)
    groups: list[dict[str, list[str]]] = [{} for _ in range(k)]
    for (y, c), r in sorted(zip(meetings, colour, strict=True), key=lambda m: y_index[m[0][0]]):
        groups[r].setdefault(c, []).append(y)
    by_company: dict[str, list[tuple[str, int]]] = {}
    for t in sorted(instance.tables, key=lambda t: _key(seed, "t", t.id)):
        by_company.setdefault(t.company, []).append((t.id, t.seats))
    table_order = sorted(instance.tables, key=lambda t: natural_key(t.id))
    rounds = []
    for r in range(k):
        at: dict[str, list[str]] = {}
        for c, people in groups[r].items():
            at.update(seat(people, by_company[c], r))
        rounds.append(
            Round(
                r + 1,
                tuple(
                    Seating(t.id, t.company, tuple(sorted(at.get(t.id, ()), key=natural_key)))
                    for t in table_order
                ),
            )
        )
    held = set(meetings)
    unmet = sorted(
        ((y.id, c) for y in instance.youth for c in y.requests if (y.id, c) not in held),
        key=lambda p: (natural_key(p[0]), natural_key(p[1])),
    )
    return Plan(tuple(rounds), tuple(unmet), konig_bound(instance, meetings))


def _choose(instance, youth, companies, y_index, c_index) -> list[tuple[str, str]]:
    n_y, n_c = len(youth), len(companies)
    allowed = np.ones((n_y, n_c), dtype=bool)
    requested = np.zeros((n_y, n_c), dtype=bool)
    for y in instance.youth:
        i = y_index[y.id]
        for c in y.avoid:
            allowed[i, c_index[c]] = False
        for c in y.requests:
            requested[i, c_index[c]] = True
    n_tables = Counter(t.company for t in instance.tables)
    seats = instance.companies
    yi, ci = choose_meetings(
        instance.rounds,
        allowed,
        requested,
        np.array([n_tables[c] for c in companies], dtype=np.int64),
        np.array([seats[c] for c in companies], dtype=np.int64),
    )
    return [(youth[i], companies[j]) for i, j in zip(yi.tolist(), ci.tolist(), strict=True)]
