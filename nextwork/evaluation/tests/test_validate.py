import pandas as pd
import pytest

from nextwork.evaluation import EvaluationInputError, Spec, analyse
from nextwork.evaluation.tests.data import tiny

SPEC = Spec(horizon_weeks=3, outcomes=("employed", "weeks_public_support"), ri_draws=0)


def _refused(people, weeks, spec=SPEC):
    with pytest.raises(EvaluationInputError) as info:
        analyse(people, weeks, spec)
    return str(info.value)


def test_it_refuses_people_in_the_panel_who_are_not_in_people():
    people, weeks = tiny()
    weeks = pd.concat([weeks, pd.DataFrame({"person_id": ["zz"], "week": [1], "status": ["other"]})])
    message = _refused(people, weeks)
    assert "not in PEOPLE" in message and "row 13" in message and "'zz'" in message


def test_it_refuses_a_person_week_given_twice():
    people, weeks = tiny()
    weeks = pd.concat([weeks, weeks.iloc[[4]]])
    message = _refused(people, weeks)
    assert "same person-week twice" in message and "row 5" in message and "row 13" in message


def test_it_refuses_unknown_statuses():
    people, weeks = tiny()
    weeks.loc[7, "status"] = "holiday"
    message = _refused(people, weeks)
    assert "unknown statuses" in message and "row 8" in message and "'holiday'" in message


def test_it_refuses_unknown_arms():
    people, weeks = tiny()
    people.loc[1, "arm"] = "Control"
    message = _refused(people, weeks)
    assert "unknown arms" in message and "row 2" in message and "'b'" in message


def test_it_refuses_a_stratum_with_only_one_arm():
    people, weeks = tiny()
    people.loc[1, "arm"] = "treatment"
    message = _refused(people, weeks)
    assert "stratum 'x' has only treatment" in message and "row 1" in message and "row 2" in message


def test_it_refuses_a_horizon_beyond_the_panel():
    people, weeks = tiny()
    message = _refused(people, weeks, Spec(horizon_weeks=10, outcomes=("employed",), ri_draws=0))
    assert "beyond the panel" in message and "last week is 3" in message


def test_it_refuses_earnings_for_a_year_not_present():
    people, weeks = tiny()
    message = _refused(people, weeks, Spec(horizon_weeks=3, outcomes=("earnings_year2",), ri_draws=0))
    assert "earnings_year2" in message and "earnings_year1" in message


def test_it_refuses_missing_columns():
    people, weeks = tiny()
    assert "lacks the columns stratum" in _refused(people.drop(columns="stratum"), weeks)
    assert "lacks the columns status" in _refused(people, weeks.drop(columns="status"))


def test_it_refuses_a_person_listed_twice():
    people, weeks = tiny()
    people.loc[3, "person_id"] = "a"
    assert "lists a person twice" in (message := _refused(people, weeks)) and "row 4" in message


def test_it_refuses_weeks_that_are_not_whole_numbers_from_one():
    people, weeks = tiny()
    weeks["week"] = weeks["week"].astype(float)
    weeks.loc[2, "week"] = 0.5
    assert "row 3" in _refused(people, weeks)


def test_it_refuses_missing_or_text_covariates():
    people, weeks = tiny()
    spec = Spec(horizon_weeks=3, outcomes=("employed",), covariates=("age",), ri_draws=0)
    people["age"] = people["age"].astype(object)
    people.loc[2, "age"] = "old"
    assert "not numeric" in (message := _refused(people, weeks, spec)) and "row 3" in message
    people.loc[2, "age"] = None
    assert "missing" in (message := _refused(people, weeks, spec)) and "row 3" in message
    assert "lacks the columns height" in _refused(
        people, weeks, Spec(horizon_weeks=3, outcomes=("employed",), covariates=("height",), ri_draws=0)
    )


def test_it_refuses_covariates_constant_within_strata():
    people, weeks = tiny()
    people["region"] = [1.0, 1.0, 2.0, 2.0]
    spec = Spec(horizon_weeks=3, outcomes=("employed",), covariates=("region",), ri_draws=0)
    assert "region" in _refused(people, weeks, spec)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"horizon": 130}, "unknown fields: horizon"),
        ({"outcomes": ["earnings"]}, "name the year"),
        ({"outcomes": ["happiness"]}, "unknown outcomes happiness"),
        ({"outcomes": []}, "outcomes is empty"),
        ({"ri_draws": -1}, "ri_draws"),
        ({"horizon_weeks": "130"}, "horizon_weeks"),
        ({"covariates": "age"}, "list of strings"),
        ({"outcomes": ["employed", "employed"]}, "repeats employed"),
        ([], "JSON object"),
    ],
)
def test_it_refuses_a_bad_spec(data, expected):
    with pytest.raises(EvaluationInputError, match=expected):
        Spec.from_json(data)


def test_a_good_spec_round_trips():
    data = {
        "horizon_weeks": 130,
        "outcomes": ["employed", "earnings_year2"],
        "covariates": ["age"],
        "ri_draws": 10000,
        "seed": 1,
    }
    spec = Spec.from_json(data)
    assert spec.outcomes == ("employed", "earnings_year2")
    assert Spec.from_json(spec.to_dict()) == spec
