"""Mode 1: which meetings to hold, exactly, as one min-cost flow solved as a linear programme.

The network: source -> young person (capacity ``rounds``) -> company (capacity 1 per pair, none for an
avoided company) -> sink. Each company has two arcs to the sink: a *filling* arc of capacity
rounds x tables (the places that keep its tables occupied) and a *spare* arc for its remaining
rounds x (seats - tables) places. The costs are lexicographic and integer: a unit on a filling arc is
worth more than all requests together, a request more than all meetings together, each meeting 1.
The constraint matrix is a network matrix (totally unimodular), so the simplex vertex is integral (it
is checked and, should it not be, solved again as an integer programme).

Column generation keeps the LP small: it starts from the requested pairs and a few other pairs per
young person, then adds every pair whose reduced cost (from the duals) is negative, until none is. The
last LP is then optimal for all pairs (LP duality), so the choice is exact.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csc_matrix


def choose_meetings(
    rounds: int,
    allowed: np.ndarray,  # youth x companies, bool: the young person does not avoid the company
    requested: np.ndarray,  # youth x companies, bool
    tables: np.ndarray,  # per company: how many tables
    seats: np.ndarray,  # per company: all its seats
) -> tuple[np.ndarray, np.ndarray]:
    """Return (youth index, company index) arrays of the meetings to hold."""
    n_y, n_c = allowed.shape
    n_pairs = int(allowed.sum())
    if n_pairs == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    most_meetings = min(n_pairs, rounds * n_y, int(rounds * seats.sum()))
    w_request = most_meetings + 1
    w_fill = w_request * (min(int(requested.sum()), most_meetings) + 1)
    pair_cost = -(1.0 + w_request * requested)  # youth x companies
    lp = _Flow(rounds, tables, seats, w_fill, n_y)
    # The start: every requested pair and, per young person, the first few other companies in the
    # seeded company order, shifted per young person so the load spreads over the companies.
    in_model = requested & allowed
    extra = min(n_c, 2 * rounds + 2)
    rank = (np.arange(n_c)[None, :] - np.arange(n_y)[:, None]) % n_c  # a rotation per young person
    candidate = allowed & ~in_model
    order = np.where(candidate, rank, n_c)
    threshold = np.sort(order, axis=1)[:, extra - 1 : extra]
    in_model |= candidate & (order <= threshold)
    while True:
        yi, ci = np.nonzero(in_model)
        x, u, v = lp.solve(yi, ci, pair_cost[yi, ci])
        reduced = pair_cost - u[:, None] - v[None, :]
        add = allowed & ~in_model & (reduced < -0.5)
        if not add.any():
            break
        in_model |= add
    chosen = x > 0.5
    return yi[chosen], ci[chosen]


class _Flow:
    def __init__(self, rounds, tables, seats, w_fill, n_y):
        self.n_y, self.n_c = n_y, len(tables)
        self.rounds = rounds
        self.fill_cap = (rounds * tables).astype(float)
        self.spare_cap = (rounds * (seats - tables)).astype(float)
        self.w_fill = float(w_fill)

    def solve(self, yi, ci, x_cost):
        """Solve over the given pairs; return x and the duals of the youth and company rows."""
        n_y, n_c, n_x = self.n_y, self.n_c, len(yi)
        arange_x, arange_c = np.arange(n_x), np.arange(n_c)
        a_ub = csc_matrix((np.ones(n_x), (yi, arange_x)), shape=(n_y, n_x + 2 * n_c))
        a_eq = csc_matrix(
            (
                np.concatenate([np.ones(n_x), -np.ones(2 * n_c)]),
                (
                    np.concatenate([ci, arange_c, arange_c]),
                    np.concatenate([arange_x, n_x + arange_c, n_x + n_c + arange_c]),
                ),
            ),
            shape=(n_c, n_x + 2 * n_c),
        )
        cost = np.concatenate([x_cost, np.full(n_c, -self.w_fill), np.zeros(n_c)])
        upper = np.concatenate([np.ones(n_x), self.fill_cap, self.spare_cap])
        res = linprog(
            cost,
            A_ub=a_ub,
            b_ub=np.full(n_y, float(self.rounds)),
            A_eq=a_eq,
            b_eq=np.zeros(n_c),
            bounds=np.column_stack([np.zeros(len(upper)), upper]),
            method="highs-ds",
        )
        if res.status != 0:  # pragma: no cover - the zero flow is always feasible
            raise RuntimeError(f"the LP solver failed: {res.message}")
        x = res.x
        if np.abs(x - np.round(x)).max(initial=0.0) > 1e-6:  # pragma: no cover - a network LP is integral
            from scipy.optimize import Bounds, LinearConstraint, milp
            from scipy.sparse import vstack

            res2 = milp(
                cost,
                constraints=LinearConstraint(
                    vstack([a_ub, a_eq]),
                    np.concatenate([np.full(n_y, -np.inf), np.zeros(n_c)]),
                    np.concatenate([np.full(n_y, float(self.rounds)), np.zeros(n_c)]),
                ),
                bounds=Bounds(0, upper),
                integrality=np.ones(len(cost)),
            )
            x = res2.x
        return np.round(x[:n_x]), res.ineqlin.marginals, res.eqlin.marginals
