"""Hypothesis strategies for small consistent events (both modes)."""

from __future__ import annotations

from hypothesis import strategies as st

from nextwork.tableplan.model import Instance, Table, Youth


@st.composite
def events(draw, mode: int, max_youth: int = 4, max_companies: int = 3, max_tables: int = 4) -> Instance:
    n_companies = draw(st.integers(1, max_companies))
    n_tables = draw(st.integers(n_companies, max(n_companies, max_tables)))
    companies = [f"c{i}" for i in range(n_companies)]
    tables = tuple(
        Table(
            f"t{i}",
            companies[i] if i < n_companies else draw(st.sampled_from(companies)),
            draw(st.integers(1, 3)),
        )
        for i in range(n_tables)
    )
    seats = sum(t.seats for t in tables)
    youth = []
    for i in range(draw(st.integers(0, min(max_youth, seats)))):
        requests = draw(st.lists(st.sampled_from(companies), unique=True, max_size=2))
        rest = [c for c in companies if c not in requests]
        avoid = draw(st.lists(st.sampled_from(rest), unique=True, max_size=1)) if rest else []
        youth.append(Youth(f"y{i}", tuple(requests), tuple(avoid)))
    seed = draw(st.integers(0, 2**31))
    if mode == 1:
        return Instance(tables, tuple(youth), rounds=draw(st.integers(1, 3)), seed=seed)
    allowed = [(y.id, c) for y in youth for c in companies if c not in y.avoid]
    meetings = draw(st.lists(st.sampled_from(allowed), unique=True, max_size=8)) if allowed else []
    return Instance(tables, tuple(youth), meetings=tuple(meetings), seed=seed)
