"""Input parsing and consistency checks, and the validity checker shared by the tests and the CLI."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .model import Instance, Plan, Table, Youth

MAX_ROUNDS = 1000  # the output lists every table in every round: absurd numbers are refused, not tried
MAX_SEATS = 10_000
_TOP_KEYS = {"tables", "youth", "rounds", "meetings", "seed"}
_TABLE_KEYS = {"id", "company", "seats"}
_YOUTH_KEYS = {"id", "requests", "avoid"}


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{where}: expected an integer, got {value!r}")
    return value


def _id(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{where}: expected a non-empty string id, got {value!r}")
    return value


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a list, got {type(value).__name__}")
    return value


def _object(value: Any, where: str, keys: set[str]) -> dict:
    if not isinstance(value, dict):
        raise ValueError(f"{where}: expected an object, got {type(value).__name__}")
    unknown = sorted(set(value) - keys)
    if unknown:
        raise ValueError(f"{where}: unknown keys {_names(unknown)} (allowed: {_names(sorted(keys))})")
    return value


def _names(ids) -> str:
    return ", ".join(repr(i) for i in ids)


def parse_instance(data: Any) -> Instance:
    """Turn parsed JSON into a validated Instance; ValueError with a clear message otherwise."""
    data = _object(data, "plan", _TOP_KEYS)
    for key in ("tables", "youth"):
        if key not in data:
            raise ValueError(f"plan: missing key {key!r}")
    tables = []
    for i, raw in enumerate(_list(data["tables"], "tables")):
        raw = _object(raw, f"tables[{i}]", _TABLE_KEYS)
        missing = sorted(_TABLE_KEYS - set(raw))
        if missing:
            raise ValueError(f"tables[{i}]: missing {_names(missing)}")
        tid = _id(raw["id"], f"tables[{i}].id")
        tables.append(
            Table(
                tid,
                _id(raw["company"], f"table {tid!r}: company"),
                _int(raw["seats"], f"table {tid!r}: seats"),
            )
        )
    youth = []
    for i, raw in enumerate(_list(data["youth"], "youth")):
        raw = _object(raw, f"youth[{i}]", _YOUTH_KEYS)
        if "id" not in raw:
            raise ValueError(f"youth[{i}]: missing 'id'")
        yid = _id(raw["id"], f"youth[{i}].id")
        lists = {}
        for key in ("requests", "avoid"):
            where = f"youth {yid!r}: {key}"
            lists[key] = tuple(_id(v, where) for v in _list(raw.get(key, []), where))
        youth.append(Youth(yid, lists["requests"], lists["avoid"]))
    has_rounds, has_meetings = "rounds" in data, "meetings" in data
    if has_rounds == has_meetings:
        raise ValueError(
            "plan: give exactly one of 'rounds' (choose the meetings) and 'meetings' (hold these)"
        )
    rounds = meetings = None
    if has_rounds:
        rounds = _int(data["rounds"], "rounds")
    else:
        pairs = []
        for i, pair in enumerate(_list(data["meetings"], "meetings")):
            if not isinstance(pair, list) or len(pair) != 2:
                raise ValueError(f"meetings[{i}]: expected a pair [youth id, company id], got {pair!r}")
            pairs.append((_id(pair[0], f"meetings[{i}][0]"), _id(pair[1], f"meetings[{i}][1]")))
        meetings = tuple(pairs)
    seed = _int(data.get("seed", 0), "seed")
    instance = Instance(tuple(tables), tuple(youth), rounds, meetings, seed)
    validate(instance)
    return instance


def _duplicates(ids) -> list:
    return sorted(i for i, n in Counter(ids).items() if n > 1)


def validate(instance: Instance) -> None:
    """Raise ValueError naming the ids if the instance is inconsistent."""
    if (instance.rounds is None) == (instance.meetings is None):
        raise ValueError("give exactly one of rounds (choose the meetings) and meetings (hold these)")
    for kind, items in (("table", instance.tables), ("youth", instance.youth)):
        dup = _duplicates(x.id for x in items)
        if dup:
            raise ValueError(f"duplicate {kind} ids: {_names(dup)}")
    no_seats = [t.id for t in instance.tables if t.seats < 1]
    if no_seats:
        raise ValueError(f"tables without seats (seats must be at least 1): {_names(no_seats)}")
    huge = [t.id for t in instance.tables if t.seats > MAX_SEATS]
    if huge:
        raise ValueError(f"tables with more than {MAX_SEATS} seats: {_names(huge)}")
    companies = instance.companies
    for y in instance.youth:
        for key, ids in (("requests", y.requests), ("avoid", y.avoid)):
            unknown = sorted(set(ids) - set(companies))
            if unknown:
                raise ValueError(f"youth {y.id!r}: {key} unknown companies: {_names(unknown)}")
            dup = _duplicates(ids)
            if dup:
                raise ValueError(f"youth {y.id!r}: {key} lists a company twice: {_names(dup)}")
        both = sorted(set(y.requests) & set(y.avoid))
        if both:
            raise ValueError(f"youth {y.id!r}: both requests and avoids company {_names(both)}")
    seats = sum(companies.values())
    if len(instance.youth) > seats:
        raise ValueError(
            f"more young people ({len(instance.youth)}) than seats in a round ({seats}): add tables or seats"
        )
    if instance.rounds is not None and not 1 <= instance.rounds <= MAX_ROUNDS:
        raise ValueError(f"rounds must be between 1 and {MAX_ROUNDS}, got {instance.rounds}")
    if instance.meetings is not None:
        youth = {y.id: y for y in instance.youth}
        for yid, cid in instance.meetings:
            if yid not in youth:
                raise ValueError(f"meeting [{yid!r}, {cid!r}]: unknown young person {yid!r}")
            if cid not in companies:
                raise ValueError(f"meeting [{yid!r}, {cid!r}]: unknown company {cid!r}")
            if cid in youth[yid].avoid:
                raise ValueError(f"meeting [{yid!r}, {cid!r}]: {yid!r} avoids company {cid!r}")
        dup = _duplicates(instance.meetings)
        if dup:
            raise ValueError(f"meetings listed twice: {_names([list(p) for p in dup])}")


def konig_bound(instance: Instance, meetings) -> int:
    """The fewest rounds these meetings need: the most meetings of one young person, and for each
    company its meetings divided by its seats, rounded up (König's theorem makes it exact)."""
    seats = instance.companies
    per_youth = Counter(y for y, _ in meetings)
    per_company = Counter(c for _, c in meetings)
    return max([0, *per_youth.values(), *(-(-n // seats[c]) for c, n in per_company.items())])


def max_filled_table_rounds(instance: Instance) -> int:
    """Mode 1: the most (table, round) places that any plan can keep occupied (a maximum flow).

    Each company can fill at most rounds x tables places, each by a different young person (nobody meets
    a company twice), and each young person sits at most once per round, never at an avoided company.
    """
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_flow

    rounds = instance.rounds or 0
    tables = Counter(t.company for t in instance.tables)
    companies = sorted(tables)
    c_index = {c: i for i, c in enumerate(companies)}
    n_y, n_c = len(instance.youth), len(companies)
    source, sink = n_y + n_c, n_y + n_c + 1
    rows, cols, caps = [], [], []
    for i, y in enumerate(instance.youth):
        rows.append(source), cols.append(i), caps.append(rounds)
        avoid = set(y.avoid)
        for c in companies:
            if c not in avoid:
                rows.append(i), cols.append(n_y + c_index[c]), caps.append(1)
    for c in companies:
        rows.append(n_y + c_index[c]), cols.append(sink), caps.append(rounds * tables[c])
    n = n_y + n_c + 2
    graph = csr_matrix((np.array(caps, dtype=np.int32), (rows, cols)), shape=(n, n))
    return int(maximum_flow(graph, source, sink).flow_value)


def check_plan(instance: Instance, plan: Plan) -> None:
    """Raise ValueError listing every way the plan breaks the rules; return None for a valid plan.

    Rules: every round lists every table once; nobody sits twice in a round; no table over its seats;
    nobody meets a company twice or meets a company they avoid; ``unmet_requests`` and ``lower_bound``
    are right. Mode 1: exactly ``rounds`` rounds, and with at least as many young people as tables no
    table is empty in any round whenever some plan can achieve that. Mode 2: exactly the given
    meetings, in ``lower_bound`` rounds.
    """
    problems: list[str] = []
    tables = {t.id: t for t in instance.tables}
    youth = {y.id: y for y in instance.youth}
    met: Counter = Counter()
    empty = 0
    for n, r in enumerate(plan.rounds, 1):
        if r.number != n:
            problems.append(f"round {r.number} is listed as round number {n}")
        seen = [s.table for s in r.tables]
        if sorted(seen) != sorted(tables):
            problems.append(f"round {r.number}: the tables listed are not every table once")
        seated: Counter = Counter()
        for s in r.tables:
            t = tables.get(s.table)
            if t is None:
                continue
            if s.company != t.company:
                problems.append(f"round {r.number}: table {s.table!r} is labelled with the wrong company")
            if len(s.youth) > t.seats:
                problems.append(f"round {r.number}: table {s.table!r} seats {len(s.youth)} > {t.seats}")
            empty += not s.youth
            for y in s.youth:
                seated[y] += 1
                met[(y, t.company)] += 1
                if y not in youth:
                    problems.append(f"round {r.number}: unknown young person {y!r}")
                elif t.company in youth[y].avoid:
                    problems.append(f"round {r.number}: {y!r} meets avoided company {t.company!r}")
        twice = [y for y, k in seated.items() if k > 1]
        if twice:
            problems.append(f"round {r.number}: seated at two tables: {_names(sorted(twice))}")
    again = sorted(p for p, k in met.items() if k > 1)
    if again:
        problems.append(f"meets the same company twice: {_names([list(p) for p in again])}")
    unmet = sorted((y.id, c) for y in instance.youth for c in y.requests if (y.id, c) not in met)
    if sorted(plan.unmet_requests) != unmet:
        problems.append("unmet_requests does not list exactly the requests the plan leaves unmet")
    bound = konig_bound(instance, list(met))
    if plan.lower_bound != bound:
        problems.append(f"lower_bound is {plan.lower_bound}, the plan's meetings need {bound} rounds")
    if instance.meetings is not None:
        if set(met) != set(instance.meetings):
            problems.append("the plan does not hold exactly the given meetings")
        if len(plan.rounds) != bound:
            problems.append(f"the plan takes {len(plan.rounds)} rounds, the lower bound is {bound}")
    else:
        if len(plan.rounds) != instance.rounds:
            problems.append(f"the plan takes {len(plan.rounds)} rounds, {instance.rounds} were asked for")
        if (
            empty
            and len(instance.youth) >= len(instance.tables)
            and max_filled_table_rounds(instance) == instance.rounds * len(instance.tables)
        ):
            problems.append(f"{empty} table-rounds are empty although every table can be kept occupied")
    if problems:
        raise ValueError("invalid plan: " + "; ".join(problems))
