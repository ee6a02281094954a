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
