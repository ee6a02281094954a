"""OLS with strata fixed effects and HC2 standard errors, randomisation inference, Holm's adjustment.

The fixed-effects regression y = tau*d + strata dummies + X*beta is solved by demeaning y, d and X within
strata (Frisch-Waugh-Lovell). The residuals are those of the full regression, and the leverage of the
full design is 1/(stratum size) plus the leverage of the demeaned regressors, so HC2 is exact.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np
from scipy.special import ndtr, ndtri  # scipy.stats would add seconds to every CLI start

_WORKERS = max(1, min(4, os.cpu_count() or 1))
_CHUNK_ELEMENTS = 2_000_000  # draws x people per chunk: bounds memory at a few tens of MB per worker


@dataclass(frozen=True)
class Estimate:
    """NaN marks a value that cannot be computed (null in JSON); `note` then says why."""

    effect: float
    se: float
    ci_low: float
    ci_high: float
    p_value: float
    note: str | None = None


NAN_ESTIMATE = Estimate(*(5 * [float("nan")]))

# Why a value cannot be computed. The effect needs a stratum with both arms; HC2 needs every person's
# leverage below one, which fails when an arm has a single person carrying the comparison.
NOTE_NOBODY = "no one to analyse, so there is no estimate"
NOTE_SINGLETONS = (
    "every stratum has a single person with this outcome, and with strata fixed effects a stratum of one "
    "carries no information, so there is no estimate"
)
NOTE_ONE_ARM = "no stratum has people of both arms with this outcome, so the effect cannot be estimated"
NOTE_NOT_IDENTIFIED = (
    "too few people for the strata and covariates ({n} people in strata of two or more, {k} regressors "
    "besides the strata), or the covariates are collinear among them, so there is no estimate"
)
NOTE_LEVERAGE = (
    "too few people for a standard error: HC2 is undefined because {n} leverage 1 (too few people per arm "
    "within the strata, e.g. a single treated or control person in the only stratum holding both arms, or no "
    "more people than regressors and strata); the effect is given without standard error, interval or "
    "analytic p-value"
)
NOTE_ZERO_SE = (
    "the residuals are all zero (the outcome is fitted exactly), so the standard error is 0 and there is no "
    "analytic p-value"
)


def compact_cells(codes: np.ndarray) -> np.ndarray:
    """Relabel stratum codes as 0..C-1 for the people at hand."""
    return np.unique(codes, return_inverse=True)[1].reshape(-1)


def demean(values: np.ndarray, cells: np.ndarray) -> np.ndarray:
    """Subtract the mean within each cell; works column by column on a 2-D array."""
    sizes = np.bincount(cells)
    if values.ndim == 1:
        return values - (np.bincount(cells, weights=values) / sizes)[cells]
    out = np.empty_like(values, dtype=float)
    for j in range(values.shape[1]):
        out[:, j] = values[:, j] - (np.bincount(cells, weights=values[:, j]) / sizes)[cells]
    return out


def independent_columns(matrix: np.ndarray) -> list[int]:
    """Indices of columns kept greedily, left to right, while they add rank (a column of zeros adds none)."""
    kept: list[int] = []
    scale = max(1.0, float(np.abs(matrix).max(initial=0.0)))
    for j in range(matrix.shape[1]):
        trial = matrix[:, kept + [j]]
        if np.linalg.matrix_rank(trial, tol=1e-9 * scale * math.sqrt(matrix.shape[0])) == len(kept) + 1:
            kept.append(j)
    return kept


class Design:
    """The treatment, strata and covariates of one estimation sample, shared by several outcomes.

    Cells of one person carry no information (their residual and their leverage are both one), so they
    are dropped, as statsmodels cannot give a finite HC2 variance with them.
    """

    def __init__(self, d: np.ndarray, cells: np.ndarray, covariates: np.ndarray | None = None):
        covariates = np.empty((len(d), 0)) if covariates is None else np.asarray(covariates, dtype=float)
        sizes = np.bincount(cells)
        self.keep = sizes[cells] > 1
        self.cells = compact_cells(cells[self.keep]) if self.keep.any() else cells[:0]
        self.d = np.asarray(d, dtype=float)[self.keep]
        self.x = demean(covariates[self.keep], self.cells) if len(self.d) else covariates[:0]
        self.sizes = np.bincount(self.cells) if len(self.d) else np.zeros(0)
        self.zt = np.column_stack([demean(self.d, self.cells) if len(self.d) else self.d, self.x])
        gram = self.zt.T @ self.zt
        self.identified = len(self.d) > self.zt.shape[1] and np.linalg.matrix_rank(gram) == gram.shape[0]
        self.note: str | None = None  # why there is no estimate, when there is none
        if not self.identified:
            if not len(d):
                self.note = NOTE_NOBODY
            elif not len(self.d):
                self.note = NOTE_SINGLETONS
            elif not np.any(self.zt[:, 0]):
                self.note = NOTE_ONE_ARM
            else:
                self.note = NOTE_NOT_IDENTIFIED.format(n=len(self.d), k=self.zt.shape[1])
        if self.identified:
            self.gram_inv = np.linalg.inv(gram)
            self.leverage = 1 / self.sizes[self.cells] + np.einsum(
                "ij,jk,ik->i", self.zt, self.gram_inv, self.zt
            )
            self.x_gram_inv = np.linalg.inv(self.x.T @ self.x) if self.x.shape[1] else np.zeros((0, 0))

    def fit(self, outcomes: np.ndarray, ci_level: float = 0.95) -> list[Estimate]:
        """Effect of d on each column of outcomes (people x outcomes), HC2 SE, normal CI and p-value.

        Like statsmodels with cov_type="HC2", the interval and p-value use the normal distribution.
        """
        y = self._outcomes(outcomes)
        if not self.identified:
            return [replace(NAN_ESTIMATE, note=self.note)] * y.shape[1]
        yt = demean(y, self.cells)
        weights = self.gram_inv[0] @ self.zt.T  # row of (Z'Z)^-1 Z' that gives tau
        tau = weights @ yt
        residuals = yt - self.zt @ (self.gram_inv @ (self.zt.T @ yt))
        # A leverage of one (e.g. a single stratum of two) leaves HC2 undefined: report NaN, as statsmodels.
        at_one = int(((1 - self.leverage) < 1e-12).sum())
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            variance = (weights[:, None] ** 2 * residuals**2 / (1 - self.leverage)[:, None]).sum(axis=0)
        variance[~np.isfinite(variance) | bool(at_one)] = np.nan
        z = float(ndtri(0.5 + ci_level / 2))
        out = []
        for effect, var in zip(tau, variance, strict=True):
            if not np.isfinite(effect):
                out.append(replace(NAN_ESTIMATE, note="the estimate is not finite"))
                continue
            if np.isnan(var):
                who = "1 person has" if at_one == 1 else f"{at_one} people have"
                note = NOTE_LEVERAGE.format(n=who) if at_one else "the HC2 variance is not finite"
                out.append(Estimate(float(effect), *(4 * [float("nan")]), note=note))
                continue
            se = math.sqrt(var)
            p, note = (float(2 * ndtr(-abs(effect / se))), None) if se > 0 else (float("nan"), NOTE_ZERO_SE)
            out.append(Estimate(float(effect), se, float(effect - z * se), float(effect + z * se), p, note))
        return out

    def _outcomes(self, outcomes: np.ndarray) -> np.ndarray:
        """People x outcomes as floats, restricted to the people kept (a 1-D array is one outcome)."""
        y = np.asarray(outcomes, dtype=float)
        return (y[:, None] if y.ndim == 1 else y)[self.keep]

    def ri_pvalues(self, outcomes: np.ndarray, draws: int, seed: np.random.SeedSequence) -> np.ndarray:
        """Randomisation-inference p-values: treatment re-permuted within strata, the effect re-estimated.

        The number treated in each stratum is kept, as the randomisation did. Given that, the demeaned
        treatment's sum of squares is fixed and the permuted effect is d*'r / (d*'d* - d*'X G X'd*) with r
        the outcome residualised on strata and covariates, so a chunk of draws is one matrix product.
        Two-sided: p = (1 + #{|tau*| >= |tau|}) / (1 + draws).
        """
        y = self._outcomes(outcomes)
        if not self.identified or draws == 0:
            return np.full(y.shape[1], np.nan)
        yt = demean(y, self.cells)
        r = yt - self.x @ (self.x_gram_inv @ (self.x.T @ yt)) if self.x.shape[1] else yt
        treated = np.bincount(self.cells, weights=self.d).round().astype(int)
        fixed = float((treated - treated**2 / self.sizes).sum())
        observed = (self.d @ r) / (fixed - self._quad(self.d @ self.x))
        threshold = np.abs(observed) * (1 - 1e-9)

        active = ((treated > 0) & (treated < self.sizes))[self.cells]
        people = np.flatnonzero(active)
        size_of, k_of = self.sizes[self.cells[people]], treated[self.cells[people]]
        order = people[np.lexsort((self.cells[people], k_of, size_of))]
        blocks = _blocks(self.sizes[self.cells[order]], treated[self.cells[order]])
        rx = np.column_stack([r[order], self.x[order]])  # one product gives numerators and d*'X together
        n_out, n_x = r.shape[1], self.x.shape[1]
        m = len(order)
        chunk = max(1, min(draws, _CHUNK_ELEMENTS // max(m, 1)))
        starts = range(0, draws, chunk)
        children = seed.spawn(len(starts))

        def run(job: int) -> np.ndarray:
            rng = np.random.default_rng(children[job])
            n_draws = min(chunk, draws - starts[job])
            assignment = _permuted_assignments(rng, n_draws, m, blocks)
            product = assignment @ rx
            numerator = product[:, :n_out]
            denominator = fixed - self._quad(product[:, n_out:]) if n_x else np.full(n_draws, fixed)
            return (np.abs(numerator / denominator[:, None]) >= threshold).sum(axis=0)

        with ThreadPoolExecutor(_WORKERS) as pool:
            exceed = sum(pool.map(run, range(len(starts))))
        return (1 + exceed) / (1 + draws)

    def _quad(self, dx: np.ndarray) -> np.ndarray | float:
        if not self.x.shape[1]:
            return 0.0
        return np.einsum("...j,jk,...k->...", dx, self.x_gram_inv, dx)


def _blocks(sizes: np.ndarray, treated: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Runs of people (already ordered by size, treated count, stratum) whose strata share size and count:
    (start, number of strata, size, treated)."""
    out = []
    start = 0
    while start < len(sizes):
        s, k = int(sizes[start]), int(treated[start])
        end = start
        while end < len(sizes) and sizes[end] == s and treated[end] == k:
            end += s
        out.append((start, (end - start) // s, s, k))
        start = end
    return out


def _permuted_assignments(
    rng: np.random.Generator, n_draws: int, m: int, blocks: list[tuple[int, int, int, int]]
) -> np.ndarray:
    """n_draws x m matrix of 0/1: in each stratum, the k people with the smallest random keys are treated.

    Partitioning random keys is several times faster than shuffling. Equal keys at the k-th place
    (rare with 32-bit keys) would treat too many, so those draws are simply drawn again.
    """
    out = np.empty((n_draws, m))
    for start, n_strata, size, k in blocks:
        stop = start + n_strata * size
        pending = np.arange(n_draws)
        while len(pending):
            raw = rng.bit_generator.random_raw((len(pending) * n_strata * size + 1) // 2)
            keys = raw.view(np.uint32)[: len(pending) * n_strata * size].reshape(len(pending), n_strata, size)
            kth = np.partition(keys, k - 1, axis=2)[:, :, k - 1 : k]
            if len(pending) == n_draws:
                # Written straight into the float matrix: no boolean temporary, no second pass.
                block = out[:, start:stop].reshape(n_draws, n_strata, size)
                np.less_equal(keys, kth, out=block, casting="unsafe")
                if block.sum() == n_draws * n_strata * k:
                    break
            chosen = keys <= kth
            good = (chosen.sum(axis=2) == k).all(axis=1)
            out[pending[good], start:stop] = chosen[good].reshape(int(good.sum()), -1)
            pending = pending[~good]
    return out


def fit_fe_ols(
    y: np.ndarray,
    d: np.ndarray,
    strata: np.ndarray,
    covariates: np.ndarray | None = None,
    ci_level: float = 0.95,
) -> Estimate:
    """The ITT effect of d on y with strata fixed effects and optional covariates; HC2 standard error."""
    cells = compact_cells(np.asarray(strata))
    return Design(np.asarray(d, dtype=float), cells, covariates).fit(np.asarray(y, dtype=float), ci_level)[0]


def holm(p_values: list[float] | np.ndarray) -> np.ndarray:
    """Holm's step-down adjustment; NaN entries are left out of the family and stay NaN."""
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, np.nan)
    present = np.flatnonzero(~np.isnan(p))
    if not len(present):
        return out
    order = present[np.argsort(p[present], kind="stable")]
    m = len(order)
    scaled = np.minimum(1.0, (m - np.arange(m)) * p[order])
    out[order] = np.maximum.accumulate(scaled)
    return out
