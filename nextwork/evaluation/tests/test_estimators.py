import itertools

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from nextwork.evaluation.estimators import (
    Design,
    _blocks,
    _permuted_assignments,
    compact_cells,
    fit_fe_ols,
    holm,
)


def _trial(rng, n=400, n_strata=7, effect=0.3, with_covariates=True):
    stratum = rng.integers(0, n_strata, n)
    d = np.zeros(n, dtype=bool)
    for s in range(n_strata):
        members = rng.permutation(np.flatnonzero(stratum == s))
        d[members[: max(1, int(len(members) * rng.uniform(0.3, 0.7)))]] = True
    x1 = rng.normal(size=n)
    x2 = rng.integers(0, 2, n).astype(float)
    noise = rng.normal(size=n) * (1 + d + np.abs(x1))  # heteroskedastic, so HC2 matters
    y = effect * d + 0.5 * stratum + (0.8 * x1 - 0.4 * x2 if with_covariates else 0) + noise
    return {"y": y, "d": d.astype(float), "stratum": stratum, "x1": x1, "x2": x2}


@pytest.mark.parametrize("covariates", [[], ["x1"], ["x1", "x2"]])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_agrees_with_statsmodels_hc2(covariates, seed):
    df = pd.DataFrame(_trial(np.random.default_rng(seed)))
    formula = "y ~ d + C(stratum)" + "".join(f" + {c}" for c in covariates)
    reference = smf.ols(formula, df).fit(cov_type="HC2")
    ours = fit_fe_ols(df.y, df.d, df.stratum, df[covariates].to_numpy() if covariates else None)
    low, high = reference.conf_int().loc["d"]
    assert ours.effect == pytest.approx(reference.params["d"], abs=1e-8)
    assert ours.se == pytest.approx(reference.bse["d"], abs=1e-8)
    assert ours.p_value == pytest.approx(reference.pvalues["d"], abs=1e-8)
    assert (ours.ci_low, ours.ci_high) == pytest.approx((low, high), abs=1e-8)


def test_it_agrees_with_statsmodels_on_a_binary_outcome_with_uneven_strata():
    rng = np.random.default_rng(9)
    df = pd.DataFrame(_trial(rng, n=150, n_strata=12))
    df["y"] = (df.y > df.y.median()).astype(float)
    reference = smf.ols("y ~ d + C(stratum) + x1", df).fit(cov_type="HC2")
    ours = fit_fe_ols(df.y, df.d, df.stratum, df[["x1"]].to_numpy())
    assert ours.effect == pytest.approx(reference.params["d"], abs=1e-8)
    assert ours.se == pytest.approx(reference.bse["d"], abs=1e-8)


def test_the_randomisation_statistic_is_the_regression_estimate():
    df = pd.DataFrame(_trial(np.random.default_rng(4)))
    design = Design(df.d.to_numpy(), compact_cells(df.stratum.to_numpy()), df[["x1", "x2"]].to_numpy())
    y = df[["y"]].to_numpy()
    # With zero draws nothing is permuted; with draws, the observed statistic must be among them.
    assert np.isnan(design.ri_pvalues(y, 0, np.random.SeedSequence(1))).all()
    p = design.ri_pvalues(np.column_stack([y, y]), 500, np.random.SeedSequence(1))
    assert p[0] == p[1] and 1 / 501 <= p[0] <= 1


def test_95_percent_intervals_cover_the_true_effect_95_percent_of_the_time():
    rng = np.random.default_rng(2026)
    trials, covered = 2000, 0
    for _ in range(trials):
        df = _trial(rng, n=240, n_strata=4, effect=0.3)
        est = fit_fe_ols(df["y"], df["d"], df["stratum"], np.column_stack([df["x1"], df["x2"]]))
        covered += est.ci_low <= 0.3 <= est.ci_high
    assert 0.93 <= covered / trials <= 0.97


def test_randomisation_p_values_are_uniform_under_the_null():
    rng = np.random.default_rng(11)
    p_values = []
    for i in range(300):
        n = 60
        stratum = rng.integers(0, 3, n)
        d = np.zeros(n, dtype=bool)
        for s in range(3):
            members = rng.permutation(np.flatnonzero(stratum == s))
            d[members[: len(members) // 2]] = True
        y = rng.exponential(size=n) + stratum  # skewed outcome, no effect
        design = Design(d, compact_cells(stratum), rng.normal(size=(n, 1)))
        p_values.append(design.ri_pvalues(y[:, None], 399, np.random.SeedSequence(i))[0])
    assert stats.kstest(p_values, "uniform").pvalue > 0.01


def test_randomisation_p_value_matches_full_enumeration_of_the_scheme():
    # Two strata of four with two treated each: 36 equally likely assignments, enumerable by hand.
    stratum = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    d = np.array([1, 1, 0, 0, 1, 1, 0, 0], dtype=bool)
    y = np.array([3.0, 2.5, 1.0, 2.0, 5.0, 4.0, 4.5, 3.0])
    cells = compact_cells(stratum)

    def effect(assign):
        return fit_fe_ols(y, assign, stratum).effect

    observed = abs(effect(d))
    assignments = []
    for a, b in itertools.product(itertools.combinations(range(4), 2), repeat=2):
        assign = np.zeros(8, dtype=bool)
        assign[list(a)] = True
        assign[[4 + i for i in b]] = True
        assignments.append(assign)
    exact = np.mean([abs(effect(a)) >= observed - 1e-12 for a in assignments])
    p = Design(d, cells).ri_pvalues(y[:, None], 20_000, np.random.SeedSequence(5))[0]
    assert p == pytest.approx(exact, abs=0.015)


def test_permuted_assignments_keep_the_number_treated_in_each_stratum():
    sizes = np.repeat([2, 2, 5, 5, 5], [2, 2, 5, 5, 5])  # strata of 2 (1 treated) and of 5 (2 treated)
    treated = np.repeat([1, 1, 2, 2, 2], [2, 2, 5, 5, 5])
    blocks = _blocks(sizes, treated)
    assert blocks == [(0, 2, 2, 1), (4, 3, 5, 2)]
    out = _permuted_assignments(np.random.default_rng(0), 1000, 19, blocks)
    assert set(np.unique(out)) == {0.0, 1.0}
    assert (out[:, 0:2].sum(axis=1) == 1).all() and (out[:, 2:4].sum(axis=1) == 1).all()
    for start in (4, 9, 14):
        assert (out[:, start : start + 5].sum(axis=1) == 2).all()
    # Every person is treated about as often as the scheme says.
    assert np.allclose(out.mean(axis=0), [0.5] * 4 + [0.4] * 15, atol=0.06)


def test_holm_matches_a_hand_worked_example():
    # Sorted: 0.01*4 = 0.04, 0.02*3 = 0.06, 0.03*2 = 0.06, 0.04*1 = 0.04 -> running max 0.06.
    assert holm([0.03, 0.01, 0.04, 0.02]) == pytest.approx([0.06, 0.04, 0.06, 0.06])
    assert holm([0.5, 0.4]) == pytest.approx([0.8, 0.8])
    adjusted = holm([0.01, float("nan"), 0.04])
    assert adjusted[0] == pytest.approx(0.02) and np.isnan(adjusted[1]) and adjusted[2] == pytest.approx(0.04)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=12))
def test_holm_never_lowers_a_p_value_and_keeps_their_order(p):
    adjusted = holm(p)
    assert (adjusted >= np.array(p) - 1e-15).all() and (adjusted <= 1).all()
    order = np.argsort(p, kind="stable")
    assert (np.diff(adjusted[order]) >= -1e-15).all()


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.floats(-100, 100), min_size=5, max_size=5))
def test_shifting_outcomes_within_a_stratum_does_not_move_the_estimate(seed, shifts):
    df = pd.DataFrame(_trial(np.random.default_rng(seed), n=120, n_strata=5))
    base = fit_fe_ols(df.y, df.d, df.stratum)
    shifted = fit_fe_ols(df.y + np.array(shifts)[df.stratum], df.d, df.stratum)
    assert shifted.effect == pytest.approx(base.effect, abs=1e-8)
    assert shifted.se == pytest.approx(base.se, abs=1e-8)


def test_the_design_says_why_it_gives_no_estimate():
    from nextwork.evaluation import estimators

    nobody = Design(np.zeros(0), np.zeros(0, dtype=int)).fit(np.zeros((0, 2)))
    assert len(nobody) == 2 and nobody[0].note == estimators.NOTE_NOBODY and np.isnan(nobody[0].effect)
    one_arm = Design(np.array([1.0, 1, 0, 0]), np.array([0, 0, 1, 1])).fit(np.arange(4.0))[0]
    assert one_arm.note == estimators.NOTE_ONE_ARM and np.isnan(one_arm.se)
    x = np.array([[1.0], [2], [3], [4]])
    crowded = Design(np.array([1.0, 0, 1, 0]), np.zeros(4, dtype=int), np.hstack([x, x**2, x**3]))
    assert crowded.fit(np.arange(4.0))[0].note == (
        "too few people for the strata and covariates (4 people in strata of two or more, 4 regressors "
        "besides the strata), or the covariates are collinear among them, so there is no estimate"
    )
    saturated = Design(np.array([1.0, 0, 1, 0]), np.zeros(4, dtype=int), np.hstack([x, x**2]))
    assert saturated.fit(np.arange(4.0))[0].note.startswith("too few people for a standard error")
    exact = fit_fe_ols(np.array([1.0, 0, 1, 0, 1, 0]), np.array([1.0, 0, 1, 0, 1, 0]), np.zeros(6))
    assert exact.effect == pytest.approx(1.0) and exact.se == 0.0 and np.isnan(exact.p_value)
    assert exact.note.startswith("the residuals are all zero")
    fine = fit_fe_ols(np.array([1.0, 0, 1, 0, 0, 1]), np.array([1.0, 0, 1, 0, 1, 0]), np.zeros(6))
    assert fine.note is None and fine.se > 0
