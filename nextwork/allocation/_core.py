"""Exact lexicographic optimisation on a flow network, one linear programme per objective.

The young people, offers and companies form a network: source -> young person -> offer -> company ->
sink. Each company reaches the sink by two parallel arcs, a "first seat" arc of capacity one that
counts the company as activated and an arc for the remaining seats. Every objective of the policy is
linear in the arc flows, the constraint matrix is a node-arc incidence matrix (totally unimodular),
so the optimal vertices are integral.

Stages run in the policy's order. After each stage the optimal duals give reduced costs; by
complementary slackness an arc with a non-zero reduced cost sits at the same bound in *every*
optimal solution of that stage, so fixing it there restricts the next stage to exactly the optimal
face. The restricted problem is still a network problem, so no priorities are blended and no
weights can overflow. A last stage maximises seeded random weights over the final optimal face:
the lottery.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from operator import attrgetter

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import breadth_first_order, maximum_flow

try:
    import highspy
except ImportError:  # pragma: no cover - the engine falls back to SciPy's linprog
    highspy = None

from ._lottery import lottery_weights
from .model import Instance, SolverUnavailable

_TOL = 0.5  # reduced costs of a basic dual solution of a unimodular system are integers


@dataclass(frozen=True)
class Network:
    """The canonical (id-sorted) arrays behind one instance."""

    youth_ids: list[str]
    offer_ids: list[str]
    company_ids: list[str]
    offer_company: np.ndarray  # company index per offer
    capacity: np.ndarray  # remaining capacity per offer after fixed pairs
    fixed: dict[int, int]  # youth index -> offer index
    arc_youth: np.ndarray  # one arc per usable wish of a young person who is not fixed
    arc_offer: np.ndarray
    arc_rank: np.ndarray  # 1-based
    depth: int  # the longest wish list


def build_network(instance: Instance) -> Network:
    youth = sorted(instance.youth, key=attrgetter("id"))
    offers = sorted(instance.offers, key=attrgetter("id"))
    youth_ids = [y.id for y in youth]
    offer_ids = [o.id for o in offers]
    company_ids = sorted({o.company for o in offers})
    y_index = {y: i for i, y in enumerate(youth_ids)}
    o_index = {o: i for i, o in enumerate(offer_ids)}
    c_index = {c: i for i, c in enumerate(company_ids)}
    offer_company = np.array([c_index[o.company] for o in offers], dtype=np.int64)
    # No offer can hold more young people than there are, so a larger capacity means the same as that
    # number: clamping changes no feasible placement (and so no result), and keeps every capacity well
    # inside the 32-bit integers of the maximum flow and the exact doubles of the LP, however large
    # the input (2**31 or 10**30 would otherwise overflow).
    capacity = np.array([min(o.capacity, len(youth)) for o in offers], dtype=np.int64)
    fixed = {y_index[y]: o_index[o] for y, o in instance.fixed}
    for o in fixed.values():
        capacity[o] -= 1
    # One arc per wish of a young person who is not fixed, young people in id order, wishes best first.
    wishes = [() if i in fixed else y.wishes for i, y in enumerate(youth)]
    lengths = np.fromiter(map(len, wishes), dtype=np.int64, count=len(wishes))
    ay = np.repeat(np.arange(len(wishes), dtype=np.int64), lengths)
    ao = np.fromiter(map(o_index.__getitem__, chain.from_iterable(wishes)), dtype=np.int64, count=len(ay))
    ar = np.arange(1, len(ay) + 1, dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    usable = capacity[ao] > 0
    if instance.forbidden:
        n_o = len(offer_ids)
        ruled_out = np.array([y_index[y] * n_o + o_index[o] for y, o in instance.forbidden], dtype=np.int64)
        usable &= ~np.isin(ay * n_o + ao, ruled_out)
    return Network(
        youth_ids=youth_ids,
        offer_ids=offer_ids,
        company_ids=company_ids,
        offer_company=offer_company,
        capacity=capacity,
        fixed=fixed,
        arc_youth=ay[usable],
        arc_offer=ao[usable],
        arc_rank=ar[usable],
        depth=max((len(y.wishes) for y in youth), default=0),
    )


@dataclass
class _LP:
    matrix: object
    rhs: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    n_arcs: int
    a_slice: slice  # the "first seat" arcs of the companies
    u_slice: slice  # the "unplaced" slack per young person


def _build_lp(net: Network) -> _LP:
    n_arcs = len(net.arc_youth)
    lp_youth, arc_row = np.unique(net.arc_youth, return_inverse=True)
    n_y = len(lp_youth)
    n_o = len(net.offer_ids)
    n_c = len(net.company_ids)
    # columns: x (arcs) | u (unplaced) | f (offer -> company) | a (first seat) | b (other seats)
    x0, u0, f0, a0, b0 = 0, n_arcs, n_arcs + n_y, n_arcs + n_y + n_o, n_arcs + n_y + n_o + n_c
    n_cols = b0 + n_c
    row_o, row_c = n_y, n_y + n_o
    rows = np.concatenate(
        [
            arc_row,
            row_o + net.arc_offer,  # x
            np.arange(n_y),  # u
            row_o + np.arange(n_o),
            row_c + net.offer_company,  # f
            row_c + np.arange(n_c),
            row_c + np.arange(n_c),  # a, b
        ]
    )
    cols = np.concatenate(
        [
            x0 + np.arange(n_arcs),
            x0 + np.arange(n_arcs),
            u0 + np.arange(n_y),
            f0 + np.arange(n_o),
            f0 + np.arange(n_o),
            a0 + np.arange(n_c),
            b0 + np.arange(n_c),
        ]
    )
    vals = np.concatenate(
        [
            np.ones(n_arcs),
            -np.ones(n_arcs),
            np.ones(n_y),
            np.ones(n_o),
            -np.ones(n_o),
            np.ones(n_c),
            np.ones(n_c),
        ]
    )
    matrix = coo_matrix((vals, (rows, cols)), shape=(n_y + n_o + n_c, n_cols)).tocsc()
    rhs = np.zeros(n_y + n_o + n_c)
    rhs[:n_y] = 1.0
    company_cap = np.bincount(net.offer_company, weights=net.capacity, minlength=n_c)
    active = np.zeros(n_c, dtype=bool)
    active[[net.offer_company[o] for o in net.fixed.values()]] = True
    first = np.where(active | (company_cap < 1), 0.0, 1.0)
    lower = np.zeros(n_cols)
    upper = np.concatenate(
        [np.ones(n_arcs), np.ones(n_y), net.capacity.astype(float), first, company_cap - first]
    )
    return _LP(matrix, rhs, lower, upper, n_arcs, slice(a0, b0), slice(u0, f0))


def _solve_stage(lp: _LP, cost: np.ndarray):
    """Solve over the free columns only; returns (objective incl. fixed part, x, reduced costs)."""
    free = lp.lower < lp.upper
    fixed_x = np.where(free, 0.0, lp.lower)
    x = fixed_x.copy()
    reduced = np.zeros(len(cost))
    base = float(cost @ fixed_x)
    if not free.any() or not cost[free].any():
        # Nothing to choose or every choice costs the same: the zero dual is optimal, nothing to fix.
        if free.any():
            x = _any_feasible(lp, free, fixed_x)
        return base + float(cost @ np.where(free, x, 0.0)), x, reduced
    sub = lp.matrix[:, np.flatnonzero(free)]
    rhs = lp.rhs - lp.matrix @ fixed_x
    rows = np.flatnonzero(np.bincount(sub.indices, minlength=sub.shape[0]))
    from scipy.optimize import linprog

    res = linprog(
        cost[free],
        A_eq=sub.tocsr()[rows],
        b_eq=rhs[rows],
        bounds=np.column_stack([lp.lower[free], lp.upper[free]]),
        method="highs-ds",
    )
    if res.status != 0:
        raise RuntimeError(f"the LP solver failed: {res.message}")
    x[free] = res.x
    reduced[free] = res.lower.marginals + res.upper.marginals
    return base + res.fun, x, reduced


def _any_feasible(lp: _LP, free: np.ndarray, fixed_x: np.ndarray) -> np.ndarray:
    cost = np.zeros(len(lp.lower))
    sub = lp.matrix[:, np.flatnonzero(free)]
    rhs = lp.rhs - lp.matrix @ fixed_x
    rows = np.flatnonzero(np.bincount(sub.indices, minlength=sub.shape[0]))
    from scipy.optimize import linprog

    res = linprog(
        cost[free],
        A_eq=sub.tocsr()[rows],
        b_eq=rhs[rows],
        bounds=np.column_stack([lp.lower[free], lp.upper[free]]),
        method="highs-ds",
    )
    if res.status != 0:
        raise RuntimeError(f"the LP solver failed: {res.message}")
    x = fixed_x.copy()
    x[free] = res.x
    return x


def _max_placed(net: Network, lp: _LP) -> int:
    """Stage one as a maximum flow; a minimum cut fixes the arcs exactly as optimal duals would.

    Every maximum flow saturates the arcs leaving the source side of a minimum cut and leaves the
    arcs entering it empty, and a feasible flow meeting both is maximum.
    """
    n_arcs = lp.n_arcs
    lp_youth, arc_row = np.unique(net.arc_youth, return_inverse=True)
    n_y, n_o = len(lp_youth), len(net.offer_ids)
    source, sink = 0, 1 + n_y + n_o
    y_node = 1 + arc_row
    o_node = 1 + n_y + net.arc_offer
    tails = np.concatenate([np.zeros(n_y, dtype=np.int64), y_node, 1 + n_y + np.arange(n_o)])
    heads = np.concatenate([1 + np.arange(n_y), o_node, np.full(n_o, sink)])
    caps = np.concatenate([np.ones(n_y), np.ones(n_arcs), net.capacity]).astype(np.int32)
    n = sink + 1
    graph = csr_matrix((caps, (tails, heads)), shape=(n, n))
    flow = maximum_flow(graph, source, sink, method="dinic")
    residual = (graph - flow.flow).tocsr()
    residual.data[residual.data < 0] = 0
    residual.eliminate_zeros()
    reach = np.zeros(n, dtype=bool)
    reach[breadth_first_order(residual, source, directed=True, return_predecessors=False)] = True
    y_in, o_in = reach[y_node], reach[o_node]
    x_one = y_in & ~o_in
    x_zero = ~y_in & o_in
    lp.lower[:n_arcs][x_one] = 1.0
    lp.upper[:n_arcs][x_zero] = 0.0
    u = lp.upper[lp.u_slice]
    u[~reach[1 : 1 + n_y]] = 0.0
    f = slice(lp.u_slice.stop, lp.u_slice.stop + n_o)
    full = reach[1 + n_y : 1 + n_y + n_o]
    lp.lower[f][full] = lp.upper[f][full]
    return int(flow.flow_value)


# Consecutive objectives are merged into one integer cost while every objective value stays below
# this bound, inside the 2**53 where doubles count exactly: the LP still solves for integers and the
# reduced costs stay integers. Each merged solve is checked for integrality and redone objective by
# objective if the check fails.
_MERGE_LIMIT = 2**50


_HIGHS_OPTIONS = (
    ("output_flag", False),  # first: nothing may reach standard output, where the JSON goes
    ("presolve", "off"),  # presolve would throw the warm basis away at every stage
    ("simplex_scale_strategy", 0),  # a 0/1 incidence matrix needs no scaling
    ("threads", 1),
)


def new_highs():
    """The one place the engine creates a HiGHS solver: silent, configured, or a clear error.

    It uses the extension's own class ``highspy._core._Highs``: the public ``highspy.Highs`` prints a
    banner on standard output when it is created (where the command line writes its JSON) and installs
    callbacks the stages do not use. A highspy without that class (the pin is ``highspy==1.16.0``), or
    one that refuses an option, raises :class:`SolverUnavailable` rather than falling back to something
    that could print.
    """
    cls = getattr(getattr(highspy, "_core", None), "_Highs", None)
    if cls is None:
        version = _highspy_version()
        raise SolverUnavailable(
            f"highspy {version} has no highspy._core._Highs, the silent solver class the engine uses; "
            "install the pinned highspy==1.16.0 (requirements.txt)"
        )
    h = cls()
    for option, value in _HIGHS_OPTIONS:
        if h.setOptionValue(option, value) != highspy.HighsStatus.kOk:
            raise SolverUnavailable(
                f"highspy {_highspy_version()} refused the option {option}={value!r}; "
                "install the pinned highspy==1.16.0 (requirements.txt)"
            )
    return h


def _highspy_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("highspy")
    except PackageNotFoundError:
        return "(version unknown)"


class _HighsStages:
    """One HiGHS model kept across the stages: change the cost, fix bounds, re-solve warm."""

    def __init__(self, lp: _LP):
        matrix = lp.matrix.tocsc()
        n_row, n_col = matrix.shape
        h = new_highs()
        try:
            # The model straight from the arrays: filling a HighsLp converts them element by element.
            h.passModel(
                n_col,
                n_row,
                matrix.nnz,
                int(highspy.MatrixFormat.kColwise),
                int(highspy.ObjSense.kMinimize),
                0.0,
                np.zeros(n_col),
                lp.lower,
                lp.upper,
                lp.rhs,
                lp.rhs,
                matrix.indptr.astype(np.int32),
                matrix.indices.astype(np.int32),
                matrix.data.astype(np.float64),
                np.zeros(n_col, dtype=np.int32),  # every column continuous
            )
        except TypeError:  # pragma: no cover - a highspy without the array form of passModel
            model = highspy.HighsLp()
            model.num_col_, model.num_row_ = n_col, n_row
            model.col_cost_ = np.zeros(n_col)
            model.col_lower_, model.col_upper_ = lp.lower, lp.upper
            model.row_lower_ = model.row_upper_ = lp.rhs
            model.a_matrix_.format_ = highspy.MatrixFormat.kColwise
            model.a_matrix_.start_ = matrix.indptr
            model.a_matrix_.index_ = matrix.indices
            model.a_matrix_.value_ = matrix.data
            h.passModel(model)
        self._h = h
        self._index = np.arange(n_col, dtype=np.int32)

    def solve(self, lp: _LP, cost: np.ndarray):
        h = self._h
        h.changeColsBounds(len(self._index), self._index, lp.lower, lp.upper)
        h.changeColsCost(len(self._index), self._index, cost)
        h.run()
        status = h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"the LP solver failed: {h.modelStatusToString(status)}")
        sol = h.getSolution()
        x = np.array(sol.col_value)
        return float(cost @ x), x, np.array(sol.col_dual)


class _ScipyStages:
    """Fallback without highspy: SciPy's HiGHS, the LP rebuilt over the free columns at every stage."""

    def solve(self, lp: _LP, cost: np.ndarray):
        return _solve_stage(lp, cost)


def _stage_solver(lp: _LP):
    """HiGHS through highspy (created by :func:`new_highs` only), or SciPy's linprog if highspy is not
    installed at all; neither writes to standard output."""
    return _HighsStages(lp) if highspy is not None else _ScipyStages()


def optimise(net: Network, policy: str, seed: int) -> tuple[np.ndarray, dict[str, int]]:
    """Return a boolean array over the arcs (the chosen wishes) and the optimum of every stage."""
    n_arcs = len(net.arc_youth)
    if n_arcs == 0:
        return np.zeros(0, dtype=bool), {"placed": 0}
    lp = _build_lp(net)
    n_cols = len(lp.lower)
    placed = _max_placed(net, lp)
    optimum: dict[tuple[str, int], int] = {("placed", 0): placed}

    def arcs_cost(mask: np.ndarray) -> np.ndarray:
        c = np.zeros(n_cols)
        c[:n_arcs][mask] = 1.0
        return c

    companies = np.zeros(n_cols)
    companies[lp.a_slice] = 1.0
    ranks = [("rank", r, arcs_cost(net.arc_rank == r)) for r in range(1, net.depth + 1)]
    stages = (
        [("companies", 0, companies), *ranks]
        if policy == "companies_first"
        else [*ranks, ("companies", 0, companies)]
    )
    solver = _stage_solver(lp)
    limit = _MERGE_LIMIT
    while stages:
        # Merge the next objectives while the weights stay exact: objective j counts at most
        # bound_j - 1, so weighting it by the product of the later bounds keeps the priorities apart.
        group, bounds = [], []
        for name, r, gain in stages:
            bound = 1 + int(min(gain @ lp.upper, placed))
            if group and int(np.prod(bounds, dtype=object)) * bound > limit:
                break
            group.append((name, r, gain))
            bounds.append(bound)
        cost = np.zeros(n_cols)
        weight = 1
        for (_, _, gain), bound in zip(reversed(group), reversed(bounds), strict=True):
            cost -= weight * gain
            weight *= bound
        try:
            value, x, reduced = solver.solve(lp, cost)
        except RuntimeError:
            if len(group) == 1:
                raise
            value, x, reduced = np.nan, None, None
        # Integer costs on a unimodular system give integer values and reduced costs; if rounding
        # in a merged solve ever blurs them, solve the same objectives again one by one.
        if len(group) > 1 and (
            x is None
            or abs(value - round(value)) > 1e-6
            or np.abs(reduced - np.rint(reduced)).max(initial=0.0) > 1e-3
            or np.abs(x - np.rint(x)).max(initial=0.0) > 1e-6
        ):
            limit = 1
            continue
        del stages[: len(group)]
        limit = _MERGE_LIMIT
        total = -round(value)
        for (name, r, _), bound in zip(reversed(group), reversed(bounds), strict=True):
            total, optimum[(name, r)] = divmod(total, bound)
        at_lower = reduced > _TOL
        at_upper = reduced < -_TOL
        lp.upper[at_lower] = lp.lower[at_lower]
        lp.lower[at_upper] = lp.upper[at_upper]
    cost = np.zeros(n_cols)
    cost[:n_arcs] = -lottery_weights(net, seed)
    _, x, _ = solver.solve(lp, cost)
    x = x[:n_arcs]
    chosen = np.rint(x)
    if np.abs(x - chosen).max(initial=0.0) > 1e-6:
        chosen = _integral_fallback(lp, cost)
    chosen = chosen.astype(bool)
    for (name, r), value in optimum.items():
        got = _stage_value(net, chosen, name, r)
        if got != value:
            raise RuntimeError(f"internal error: stage {name} {r} reached {got}, its optimum is {value}")
    return chosen, {f"{n}{r or ''}": v for (n, r), v in optimum.items()}


def _stage_value(net: Network, chosen: np.ndarray, name: str, r: int) -> int:
    if name == "placed":
        return int(chosen.sum())
    if name == "rank":
        return int((chosen & (net.arc_rank == r)).sum())
    active = np.zeros(len(net.company_ids), dtype=bool)
    active[[net.offer_company[o] for o in net.fixed.values()]] = True
    before = int(active.sum())
    active[net.offer_company[net.arc_offer[chosen]]] = True
    return int(active.sum()) - before


def _integral_fallback(lp: _LP, cost: np.ndarray) -> np.ndarray:
    """Should never run (the face is integral); kept so a numerical surprise costs time, not exactness."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    integrality = np.zeros(len(cost))
    integrality[: lp.n_arcs] = 1
    res = milp(
        cost,
        constraints=LinearConstraint(lp.matrix, lp.rhs, lp.rhs),
        bounds=Bounds(lp.lower, lp.upper),
        integrality=integrality,
    )
    if res.status != 0:
        raise RuntimeError(f"the MILP solver failed: {res.message}")
    return np.rint(res.x[: lp.n_arcs])
