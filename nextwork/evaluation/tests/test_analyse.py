import json

import numpy as np
import pytest

from nextwork.evaluation import Spec, analyse, fit_fe_ols
from nextwork.evaluation.tests.data import small_trial, tiny


def test_outcomes_are_built_as_the_issue_defines_them():
    people, weeks = tiny()
    spec = Spec(
        horizon_weeks=3,
        outcomes=("employed", "in_education", "weeks_public_support", "weeks_internship", "earnings_year1"),
        ri_draws=0,
    )
    result = analyse(people, weeks, spec)
    employed = result.outcome("employed")
    # Week 3: a employed (treatment), b other, c employed (treatment), d employed.
    assert (employed.treatment_mean, employed.control_mean) == (1.0, 0.5)
    assert employed.effect == pytest.approx(0.5)
    # Internship weeks count as public support: a 2, b 2, c 2, d 0.
    support = result.outcome("weeks_public_support")
    assert (support.treatment_mean, support.control_mean) == (2.0, 1.0)
    assert result.outcome("weeks_internship").treatment_mean == 1.5
    assert result.outcome("in_education").control_mean == 0.0
    assert result.outcome("earnings_year1").treatment_mean == 750.0


def test_the_weeks_outcomes_count_only_up_to_the_horizon():
    people, weeks = tiny()
    result = analyse(people, weeks, Spec(horizon_weeks=1, outcomes=("weeks_public_support",), ri_draws=0))
    assert result.outcome("weeks_public_support").treatment_mean == 1.0  # a: support, c: internship


def test_people_without_full_coverage_are_left_out_and_counted_as_attrition():
    people, weeks = tiny()
    weeks = weeks[~((weeks.person_id == "d") & (weeks.week == 3))]
    result = analyse(people, weeks, Spec(horizon_weeks=3, outcomes=("employed",), ri_draws=0))
    assert (result.outcome("employed").n_treatment, result.outcome("employed").n_control) == (2, 1)
    control = {a.arm: a for a in result.attrition}["control"]
    assert (control.randomised, control.short_panel, control.no_panel, control.attrited) == (2, 1, 0, 1)


def test_it_matches_the_estimator_on_the_same_people():
    people, weeks = small_trial()
    result = analyse(
        people, weeks, Spec(horizon_weeks=52, outcomes=("employed",), covariates=("age",), ri_draws=0)
    )
    week52 = weeks[weeks.week == 52].set_index("person_id").status
    full = weeks[weeks.week <= 52].groupby("person_id").size() == 52
    sample = people[people.person_id.map(full).fillna(False).astype(bool)]
    y = (sample.person_id.map(week52) == "employment").astype(float)
    reference = fit_fe_ols(y, sample.arm == "treatment", sample.stratum, sample[["age"]].to_numpy())
    assert result.outcome("employed").effect == pytest.approx(reference.effect, abs=1e-12)
    assert result.outcome("employed").se == pytest.approx(reference.se, abs=1e-12)


def test_the_same_seed_gives_the_same_result_and_holm_covers_the_outcomes():
    people, weeks = small_trial()
    spec = Spec(horizon_weeks=52, outcomes=("employed", "weeks_internship", "earnings_year1"), ri_draws=300)
    first, second = analyse(people, weeks, spec).to_dict(), analyse(people, weeks, spec).to_dict()
    assert first == second
    p = [o["p_value"] for o in first["outcomes"]]
    holm = [o["p_value_holm"] for o in first["outcomes"]]
    assert all(h >= q for h, q in zip(holm, p, strict=True))
    assert all(1 / 301 <= o["p_value_ri"] <= 1 for o in first["outcomes"])


def test_subgroups_give_effects_within_each_municipality():
    people, weeks = small_trial()
    spec = Spec(horizon_weeks=52, outcomes=("employed",), ri_draws=100, subgroups=("municipality",))
    result = analyse(people, weeks, spec)
    assert {s.value for s in result.subgroups} == set(people.municipality)
    assert sum(s.n_treatment + s.n_control for s in result.subgroups) == len(people)
    one = result.subgroups[0]
    members = people[people.municipality == one.value]
    assert one.outcomes[0].n_treatment + one.outcomes[0].n_control <= len(members)


def test_weekly_shares_and_earnings_among_employed_are_reported():
    people, weeks = small_trial()
    result = analyse(people, weeks, Spec(horizon_weeks=52, outcomes=("employed",), ri_draws=0)).to_dict()
    shares = result["weekly_shares"]
    assert shares["weeks"] == list(range(1, 61))
    treatment = shares["by_arm"]["treatment"]
    week1 = [treatment[s][0] for s in ("public_support", "internship", "employment", "education", "other")]
    assert sum(week1) == pytest.approx(1.0)
    assert treatment["on_public_support"][0] == pytest.approx(week1[0] + week1[1])
    assert result["earnings_among_employed"][0]["name"] == "earnings_year1"
    assert "breaks the randomisation" in result["earnings_note"]
    json.dumps(result, allow_nan=False)


def test_a_subgroup_without_both_arms_in_any_stratum_gives_no_estimate_rather_than_failing():
    people, weeks = tiny()
    people["site"] = ["n", "n", "s", "s"]
    people.loc[0, "site"] = "lonely"
    result = analyse(
        people, weeks, Spec(horizon_weeks=3, outcomes=("employed",), ri_draws=50, subgroups=("site",))
    )
    lonely = next(s for s in result.subgroups if s.value == "lonely")
    assert np.isnan(lonely.outcomes[0].effect)
    json.dumps(result.to_dict(), allow_nan=False)


def _strict(result) -> dict:
    """The result through strict JSON: NaN or infinity anywhere would raise."""
    return json.loads(json.dumps(result.to_dict(), allow_nan=False))


NULL_ESTIMATE = (
    "effect",
    "se",
    "ci_low",
    "ci_high",
    "p_value",
    "p_value_ri",
    "p_value_holm",
    "p_value_ri_holm",
)


def test_an_outcome_with_every_value_missing_gets_a_null_estimate_and_a_note():
    # This failed with "cannot reshape array of size 0".
    people, weeks = tiny()
    people["earnings_year1"] = np.nan
    people["site"] = ["n", "n", "s", "s"]
    spec = Spec(horizon_weeks=3, outcomes=("employed", "earnings_year1"), ri_draws=50, subgroups=("site",))
    result = _strict(analyse(people, weeks, spec))
    earnings = result["outcomes"][1]
    assert {k: earnings[k] for k in NULL_ESTIMATE} == dict.fromkeys(NULL_ESTIMATE)
    assert (earnings["n_treatment"], earnings["n_control"]) == (0, 0)
    assert earnings["note"] == "every value of earnings_year1 is missing, so there is no estimate"
    employed = result["outcomes"][0]
    assert employed["effect"] == pytest.approx(0.5) and employed["note"] is None
    assert employed["p_value_holm"] == employed["p_value"]  # the missing outcome leaves Holm's family
    for subgroup in result["subgroups"]:
        assert subgroup["outcomes"][1]["note"] == (
            "every value of earnings_year1 is missing in this subgroup, so there is no estimate"
        )


def test_a_trial_too_small_for_hc2_gives_the_effect_with_null_standard_errors_and_a_note():
    # One stratum, one treated and one control person: both have leverage 1, so HC2 divides by zero.
    people, weeks = tiny()
    people, weeks = people[people.stratum == "x"], weeks[weeks.person_id.isin(["a", "b"])]
    result = analyse(people, weeks, Spec(horizon_weeks=3, outcomes=("employed",), ri_draws=50))
    employed = _strict(result)["outcomes"][0]
    assert employed["effect"] == 1.0
    assert [employed[k] for k in ("se", "ci_low", "ci_high", "p_value", "p_value_holm")] == [None] * 5
    assert employed["p_value_ri"] == 1.0  # randomisation inference needs no standard error
    assert employed["note"] == (
        "too few people for a standard error: HC2 is undefined because 2 people have leverage 1 (too few "
        "people per arm within the strata, e.g. a single treated or control person in the only stratum "
        "holding both arms, or no more people than regressors and strata); the effect is given without "
        "standard error, interval or analytic p-value"
    )
    assert np.isnan(result.outcome("employed").se)  # NaN in the Python API, null in JSON


def test_a_subgroup_without_an_estimate_says_why():
    people, weeks = tiny()
    people["site"] = ["lonely", "pair", "pair", "pair"]
    people["stratum"] = ["x", "x", "y", "y"]
    spec = Spec(horizon_weeks=3, outcomes=("employed",), ri_draws=0, subgroups=("site",))
    notes = {s["value"]: s["outcomes"][0]["note"] for s in _strict(analyse(people, weeks, spec))["subgroups"]}
    assert notes["lonely"].startswith("every stratum has a single person with this outcome")
    # "pair": b alone in stratum x (dropped), c (treatment) and d (control) in y: leverage 1 again.
    assert notes["pair"].startswith("too few people for a standard error: HC2 is undefined")
