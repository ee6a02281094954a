"""Equitable bipartite edge colouring (de Werra) by König's alternating paths, and seating at tables.

A company with d meetings is split into chunks of at most k meetings (k = the number of rounds); a
young person has at most k meetings and stays one node. Every node then has degree at most k, so
König's theorem gives a proper edge colouring with k colours: each colour class is a round. A full chunk
sees every colour once and the last chunk each colour at most once, so each company meets
floor(d/k) or ceil(d/k) young people in every round: never more than its seats when d <= k x seats,
and at least its number of tables when d >= k x tables.
"""

from __future__ import annotations


def equitable_colouring(edges: list[tuple[int, int]], n_left: int, n_right: int, k: int) -> list[int]:
    """Colour the edges (left node, right node) with colours 0..k-1 so that no left node has two edges of
    one colour and every right node r of degree d has floor(d/k) or ceil(d/k) edges of each colour.
    Every left node must have degree at most k. The edges are coloured in the order given."""
    if not edges:
        return []
    by_right: list[list[int]] = [[] for _ in range(n_right)]
    for e, (_, r) in enumerate(edges):
        by_right[r].append(e)
    chunk_of = [0] * len(edges)
    n_chunks = 0
    for members in by_right:
        for start in range(0, len(members), k):
            for e in members[start : start + k]:
                chunk_of[e] = n_chunks
            n_chunks += 1
    eu = [u for u, _ in edges]
    ev = chunk_of
    at = ([[-1] * k for _ in range(n_left)], [[-1] * k for _ in range(n_chunks)])  # node, colour -> edge
    colour = [-1] * len(edges)
    for e in range(len(edges)):
        u, v = eu[e], ev[e]
        left, right = at[0][u], at[1][v]
        a = left.index(-1)
        if right[a] != -1:
            b = right.index(-1)
            _flip(at, eu, ev, colour, v, a, b)
        colour[e] = a
        left[a] = e
        right[a] = e
    return colour


def _flip(at, eu, ev, colour, v: int, a: int, b: int) -> None:
    """Swap colours a and b along the a/b alternating path that starts at right node v with colour a."""
    path = []
    side, node, c = 1, v, a
    while True:
        e = at[side][node][c]
        if e == -1:
            break
        path.append(e)
        node = eu[e] if side == 1 else ev[e]
        side, c = 1 - side, (b if c == a else a)
    for e in path:
        at[0][eu[e]][colour[e]] = -1
        at[1][ev[e]][colour[e]] = -1
    for e in path:
        colour[e] = b if colour[e] == a else a
        at[0][eu[e]][colour[e]] = e
        at[1][ev[e]][colour[e]] = e


def seat(youth: list[str], tables: list[tuple[str, int]], turn: int) -> dict[str, list[str]]:
    """Spread one company's young people of one round over its tables (id, seats): each next one goes to
    the table filled least in proportion to its seats, so every table gets someone before any gets a
    second; ties rotate with ``turn`` so the same table is not always the one left short."""
    count = {t: 0 for t, _ in tables}
    n = len(tables)
    for _ in youth:
        best = min(
            (i for i, (t, s) in enumerate(tables) if count[t] < s),
            key=lambda i: (count[tables[i][0]] / tables[i][1], (i - turn) % n),
        )
        count[tables[best][0]] += 1
    out: dict[str, list[str]] = {t: [] for t, _ in tables}
    it = iter(youth)
    for t, _ in tables:
        out[t] = [next(it) for _ in range(count[t])]
    return out
