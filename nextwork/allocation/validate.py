"""Input parsing, consistency checks and the feasibility checker shared by tests and the CLI."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .model import POLICIES, Instance, Offer, Result, Youth

_TOP_KEYS = frozenset({"policy", "seed", "offers", "youth", "forbidden", "fixed"})
_OFFER_KEYS = frozenset({"id", "company", "capacity"})
_YOUTH_KEYS = frozenset({"id", "wishes", "vetoes"})


def _known_keys(raw: dict, known: frozenset, where: str) -> None:
    """Refuse keys the engine does not read: a typo such as "wishs" must not silently mean "no wishes"."""
    unknown = [k for k in raw if k not in known]
    if unknown:
        s = "s" if len(unknown) > 1 else ""
        raise ValueError(
            f"{where}: unknown key{s} {_names(unknown)} (known keys: {', '.join(sorted(known))})"
        )


def _show(value: Any, limit: int = 60) -> str:
    """A value of the wrong type for an error message, shortened: it may be any size."""
    try:
        text = repr(value)
    except (RecursionError, ValueError):  # nested too deeply, or an integer too long to print
        return f"a {type(value).__name__}"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _where(raw: dict, kind: str, plural: str, i: int) -> str:
    """'offer 'o1'' when the object has a usable id, else its position such as 'offers[3]'."""
    oid = raw.get("id")
    return f"{kind} {oid!r}" if isinstance(oid, str) and oid else f"{plural}[{i}]"


def _id(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{where}: expected a non-empty string id, got {_show(value)}")
    return value


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a list, got {type(value).__name__}")
    return value


def _ids(raw: dict, key: str, yid: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, list) and all(isinstance(v, str) and v for v in value):
        return tuple(value)  # the common case, without building an error location per id
    where = f"youth {yid!r}: {key}"
    return tuple(_id(v, where) for v in _list(value, where))


def _pairs(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for i, pair in enumerate(_list(value, where)):
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ValueError(f"{where}[{i}]: expected a pair [youth id, offer id], got {_show(pair)}")
        pairs.append((_id(pair[0], f"{where}[{i}][0]"), _id(pair[1], f"{where}[{i}][1]")))
    return tuple(pairs)


def parse_instance(data: Any) -> Instance:
    """Turn parsed JSON into an Instance, checking shapes and types; then check consistency."""
    instance = _parse_fast(data)
    if instance is not None:
        return instance
    return _parse_checked(data)


_EMPTY: list = []


def _is_str_pair(pair: Any) -> bool:
    return type(pair) in (list, tuple) and len(pair) == 2 and type(pair[0]) is str and type(pair[1]) is str


def _parse_fast(data: Any) -> Instance | None:
    """The common case in one pass of sets and comprehensions: a well-formed, consistent instance.

    Returns None at the first sign of anything unusual; :func:`_parse_checked` then parses the same
    data item by item and raises the precise error (or, should this be over-cautious, succeeds).
    """
    try:
        if type(data) is not dict or not data.keys() <= _TOP_KEYS:
            return None
        policy = data.get("policy", "youth_first")
        seed = data.get("seed", 0)
        raw_offers = data.get("offers", _EMPTY)
        raw_youth = data.get("youth", _EMPTY)
        raw_forbidden = data.get("forbidden", _EMPTY)
        raw_fixed = data.get("fixed", _EMPTY)
        if (
            policy not in POLICIES
            or type(seed) is not int
            or type(raw_offers) is not list
            or type(raw_youth) is not list
            or type(raw_forbidden) is not list
            or type(raw_fixed) is not list
        ):
            return None
        # Offers: non-empty string ids and companies, non-negative integer capacities, no duplicates.
        if not all(type(r) is dict and r.keys() <= _OFFER_KEYS for r in raw_offers):
            return None
        oids = [r.get("id") for r in raw_offers]
        ocompanies = [r.get("company") for r in raw_offers]
        ocaps = [r.get("capacity") for r in raw_offers]
        if not all(type(v) is str and v for v in oids) or not all(type(v) is str and v for v in ocompanies):
            return None
        if not all(type(c) is int and c >= 0 for c in ocaps):
            return None
        offer_company = dict(zip(oids, ocompanies, strict=True))
        if len(offer_company) != len(oids):
            return None
        companies = set(ocompanies)
        # Young people: non-empty string ids, no duplicates; wishes known offers without repeats;
        # vetoes known companies, none of them a wished offer's company.
        if not all(type(r) is dict and r.keys() <= _YOUTH_KEYS for r in raw_youth):
            return None
        yids = [r.get("id") for r in raw_youth]
        wishes = [r.get("wishes", _EMPTY) for r in raw_youth]
        vetoes = [r.get("vetoes", _EMPTY) for r in raw_youth]
        if not all(type(v) is str and v for v in yids) or len(set(yids)) != len(yids):
            return None
        if not all(type(w) is list for w in wishes) or not all(type(v) is list for v in vetoes):
            return None
        if not set().union(*wishes) <= offer_company.keys():  # unhashable items raise TypeError
            return None
        if not all(len(set(w)) == len(w) for w in wishes):
            return None
        vetoed = [(w, v) for w, v in zip(wishes, vetoes, strict=True) if v]
        if vetoed:
            if not set().union(*(v for _, v in vetoed)) <= companies:
                return None
            for w, v in vetoed:
                if not set(v).isdisjoint([offer_company[o] for o in w]):
                    return None
        if not all(_is_str_pair(p) for p in raw_forbidden) or not all(_is_str_pair(p) for p in raw_fixed):
            return None
        forbidden = tuple((p[0], p[1]) for p in raw_forbidden)
        fixed = tuple((p[0], p[1]) for p in raw_fixed)
        offers = tuple(map(Offer, oids, ocompanies, ocaps))
        youth = tuple(map(Youth, yids, map(tuple, wishes), map(tuple, vetoes)))
    except (TypeError, ValueError, AttributeError):
        return None
    instance = Instance(
        offers=offers, youth=youth, forbidden=forbidden, fixed=fixed, policy=policy, seed=seed
    )
    if not (forbidden or fixed):
        return instance  # every check of validate() has been made above
    try:
        # The checks of validate() before these have all been made above.
        _check_pairs(instance, dict(zip(oids, offers, strict=True)), dict(zip(yids, youth, strict=True)))
    except ValueError:
        return None
    return instance


def _parse_checked(data: Any) -> Instance:
    """:func:`parse_instance` item by item, raising the first error found."""
    if not isinstance(data, dict):
        raise ValueError("the instance must be a JSON object")
    _known_keys(data, _TOP_KEYS, "top level")
    policy = data.get("policy", "youth_first")
    if policy not in POLICIES:
        raise ValueError(f"policy: expected one of {', '.join(POLICIES)}, got {_show(policy)}")
    seed = data.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed: expected an integer, got {_show(seed)}")
    offers = []
    for i, raw in enumerate(_list(data.get("offers", []), "offers")):
        if not isinstance(raw, dict):
            raise ValueError(f"offers[{i}]: expected an object")
        _known_keys(raw, _OFFER_KEYS, _where(raw, "offer", "offers", i))
        oid = _id(raw.get("id"), f"offers[{i}].id")
        company = _id(raw.get("company"), f"offer {oid!r}: company")
        capacity = raw.get("capacity")
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise ValueError(f"offer {oid!r}: capacity must be an integer, got {_show(capacity)}")
        offers.append(Offer(id=oid, company=company, capacity=capacity))
    youth = []
    for i, raw in enumerate(_list(data.get("youth", []), "youth")):
        if not isinstance(raw, dict):
            raise ValueError(f"youth[{i}]: expected an object")
        _known_keys(raw, _YOUTH_KEYS, _where(raw, "youth", "youth", i))
        yid = _id(raw.get("id"), f"youth[{i}].id")
        youth.append(Youth(id=yid, wishes=_ids(raw, "wishes", yid), vetoes=_ids(raw, "vetoes", yid)))
    instance = Instance(
        offers=tuple(offers),
        youth=tuple(youth),
        forbidden=_pairs(data.get("forbidden", []), "forbidden"),
        fixed=_pairs(data.get("fixed", []), "fixed"),
        policy=policy,
        seed=seed,
    )
    validate(instance)
    return instance


def _duplicates(ids) -> list[str]:
    return sorted(i for i, n in Counter(ids).items() if n > 1)


def _names(ids, limit: int = 5) -> str:
    ids = list(ids)
    shown = ", ".join(repr(i) for i in ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def validate(instance: Instance) -> None:
    """Raise ValueError naming the ids if the instance is inconsistent."""
    if instance.policy not in POLICIES:
        raise ValueError(f"policy: expected one of {', '.join(POLICIES)}, got {instance.policy!r}")
    if dup := _duplicates(o.id for o in instance.offers):
        raise ValueError(f"duplicate offer ids: {_names(dup)}")
    if dup := _duplicates(y.id for y in instance.youth):
        raise ValueError(f"duplicate youth ids: {_names(dup)}")
    offers = {o.id: o for o in instance.offers}
    companies = {o.company for o in instance.offers}
    youth = {y.id: y for y in instance.youth}
    for o in instance.offers:
        if o.capacity < 0:
            raise ValueError(f"offer {o.id!r} has a negative capacity ({o.capacity})")
    for y in instance.youth:
        if unknown := [w for w in y.wishes if w not in offers]:
            raise ValueError(f"youth {y.id!r} wishes unknown offers: {_names(unknown)}")
        if len(set(y.wishes)) != len(y.wishes):
            raise ValueError(f"youth {y.id!r} wishes the same offer twice: {_names(_duplicates(y.wishes))}")
        if not y.vetoes:
            continue
        if unknown := [c for c in y.vetoes if c not in companies]:
            raise ValueError(f"youth {y.id!r} vetoes unknown companies: {_names(unknown)}")
        vetoed = set(y.vetoes)
        if clash := [w for w in y.wishes if offers[w].company in vetoed]:
            raise ValueError(
                f"youth {y.id!r} wishes offers of a company they veto: "
                + ", ".join(f"{w!r} (company {offers[w].company!r})" for w in clash)
            )
    _check_pairs(instance, offers, youth)


def _check_pairs(instance: Instance, offers: dict[str, Offer], youth: dict[str, Youth]) -> None:
    """The checks of :func:`validate` on forbidden and fixed pairs (which it makes last)."""
    for kind, pairs in (("forbidden", instance.forbidden), ("fixed", instance.fixed)):
        for yid, oid in pairs:
            if yid not in youth:
                raise ValueError(f"{kind} pair [{yid!r}, {oid!r}]: unknown youth {yid!r}")
            if oid not in offers:
                raise ValueError(f"{kind} pair [{yid!r}, {oid!r}]: unknown offer {oid!r}")
    forbidden = set(instance.forbidden)
    if dup := _duplicates(yid for yid, _ in instance.fixed):
        raise ValueError(f"youth fixed to more than one offer: {_names(dup)}")
    for yid, oid in instance.fixed:
        if (yid, oid) in forbidden:
            raise ValueError(f"the pair [{yid!r}, {oid!r}] is both fixed and forbidden")
        if offers[oid].company in youth[yid].vetoes:
            raise ValueError(
                f"fixed pair [{yid!r}, {oid!r}]: youth {yid!r} vetoes company {offers[oid].company!r}"
            )
    for oid, n in sorted(Counter(oid for _, oid in instance.fixed).items()):
        if n > offers[oid].capacity:
            raise ValueError(
                f"offer {oid!r} has {n} fixed pairs but a capacity of {offers[oid].capacity}: "
                + _names(sorted(y for y, o in instance.fixed if o == oid))
            )


def check_feasible(instance: Instance, result: Result) -> None:
    """Raise ValueError listing every way the result breaks the instance's rules.

    Checks capacities, vetoes, forbidden and fixed pairs, that every placement is a wish or a fixed pair
    with the right rank, that each young person appears exactly once, and that the reported profile and
    company counts match the placements.
    """
    problems: list[str] = []
    offers = {o.id: o for o in instance.offers}
    youth = {y.id: y for y in instance.youth}
    fixed = dict(instance.fixed)
    forbidden = set(instance.forbidden)
    seen = Counter([p.youth for p in result.placements] + [u.youth for u in result.unplaced])
    if dup := [y for y, n in seen.items() if n > 1]:
        problems.append(f"youth listed more than once: {_names(sorted(dup))}")
    if missing := sorted(set(youth) - set(seen)):
        problems.append(f"youth missing from the result: {_names(missing)}")
    if unknown := sorted(set(seen) - set(youth)):
        problems.append(f"unknown youth in the result: {_names(unknown)}")
    known = []
    for p in result.placements:
        yid, oid = p.youth, p.offer
        y, o = youth.get(yid), offers.get(oid)
        if y is None or o is None:
            problems.append(f"placement {yid!r} -> {oid!r} names an unknown id")
            continue
        known.append(oid)
        if forbidden and (yid, oid) in forbidden:
            problems.append(f"placement {yid!r} -> {oid!r} is forbidden")
        if y.vetoes and o.company in y.vetoes:
            problems.append(f"placement {yid!r} -> {oid!r} is at vetoed company {o.company!r}")
        wishes = y.wishes
        rank = wishes.index(oid) + 1 if oid in wishes else None
        if rank != p.rank:
            problems.append(f"placement {yid!r} -> {oid!r} reports rank {p.rank}, not {rank}")
        is_fixed = fixed.get(yid) == oid
        if rank is None and not is_fixed:
            problems.append(f"placement {yid!r} -> {oid!r} is neither wished nor fixed")
        if p.fixed != is_fixed:
            problems.append(f"placement {yid!r} -> {oid!r} has the wrong fixed flag")
    load = Counter(known)
    for oid, n in sorted(load.items()):
        if n > offers[oid].capacity:
            problems.append(f"offer {oid!r} holds {n} young people but has capacity {offers[oid].capacity}")
    placed = {p.youth: p.offer for p in result.placements}
    if broken := sorted(y for y, o in fixed.items() if placed.get(y) != o):
        problems.append(f"fixed pairs not kept for: {_names(broken)}")
    depth = max((len(y.wishes) for y in instance.youth), default=0)
    profile = [0] * depth
    for p in result.placements:
        if p.rank is not None and 1 <= p.rank <= depth:
            profile[p.rank - 1] += 1
    if tuple(profile) != tuple(result.profile):
        problems.append(f"profile {list(result.profile)} does not match the placements ({profile})")
    active = {offers[p.offer].company for p in result.placements if p.offer in offers}
    companies = {o.company for o in instance.offers}
    if result.companies_activated != len(active):
        problems.append(
            f"companies_activated is {result.companies_activated}, the placements activate {len(active)}"
        )
    if set(result.companies_not_activated) != companies - active:
        problems.append("companies_not_activated does not match the placements")
    if problems:
        raise ValueError("infeasible result: " + "; ".join(problems))
