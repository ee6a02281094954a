"""Hypothesis strategies for small consistent instances."""

from __future__ import annotations

from hypothesis import strategies as st

from nextwork.allocation.model import POLICIES, Instance, Offer, Youth


@st.composite
def instances(draw, max_youth: int = 5, max_offers: int = 4, max_wishes: int = 3) -> Instance:
    n_offers = draw(st.integers(1, max_offers))
    n_companies = draw(st.integers(1, n_offers))
    offers = tuple(
        Offer(
            f"o{i}",
            f"c{draw(st.integers(0, n_companies - 1)) if i >= n_companies else i}",
            draw(st.integers(0, 2)),
        )
        for i in range(n_offers)
    )
    company = {o.id: o.company for o in offers}
    companies = sorted(set(company.values()))
    youth = []
    for i in range(draw(st.integers(1, max_youth))):
        wishes = draw(st.lists(st.sampled_from([o.id for o in offers]), unique=True, max_size=max_wishes))
        wished = {company[o] for o in wishes}
        vetoes = draw(
            st.lists(st.sampled_from(companies), unique=True, max_size=1).filter(
                lambda v, w=wished: not set(v) & w
            )
        )
        youth.append(Youth(f"y{i}", tuple(wishes), tuple(vetoes)))
    pairs = [(y.id, o.id) for y in youth for o in offers]
    forbidden = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2))
    fixed = []
    load = dict.fromkeys(company, 0)
    fixed_youth = set()
    for y, o in draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2)):
        yth = next(x for x in youth if x.id == y)
        offer = next(x for x in offers if x.id == o)
        if (
            y in fixed_youth
            or (y, o) in forbidden
            or offer.company in yth.vetoes
            or load[o] >= offer.capacity
        ):
            continue
        fixed_youth.add(y)
        load[o] += 1
        fixed.append((y, o))
    return Instance(
        offers=offers,
        youth=tuple(youth),
        forbidden=tuple(forbidden),
        fixed=tuple(fixed),
        policy=draw(st.sampled_from(POLICIES)),
        seed=draw(st.integers(0, 2**31)),
    )
