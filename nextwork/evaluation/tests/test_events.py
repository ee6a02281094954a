"""Register events (crime): the outcomes charged and convicted, their checks, and the --events option."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from nextwork.evaluation import EvaluationInputError, Spec, analyse, holm
from nextwork.evaluation.tests.data import small_trial, tiny

ROOT = Path(__file__).resolve().parents[3]


def _events(rows):
    return pd.DataFrame(rows, columns=["person_id", "week", "event"])


TINY_EVENTS = _events([("a", 1, "charge"), ("c", 2, "charge"), ("d", 3, "charge"), ("a", 3, "conviction")])


def test_charged_counts_any_charge_up_to_the_horizon_by_hand():
    people, weeks = tiny()
    spec = Spec(horizon_weeks=2, outcomes=("charged",), ri_draws=0)
    charged = analyse(people, weeks, spec, TINY_EVENTS).outcome("charged")
    # week 2: a and c (both treated) charged, d's charge in week 3 is after the horizon
    assert (charged.treatment_mean, charged.control_mean, charged.effect) == (1.0, 0.0, 1.0)
    spec = Spec(horizon_weeks=3, outcomes=("charged", "convicted"), ri_draws=0)
    result = analyse(people, weeks, spec, TINY_EVENTS)
    charged = result.outcome("charged")
    # week 3: d (control, stratum y) too; stratum x +1, stratum y 0, equal weights: 0.5
    assert (charged.treatment_mean, charged.control_mean) == (1.0, 0.5)
    assert charged.effect == pytest.approx(0.5)
    convicted = result.outcome("convicted")
    assert (convicted.treatment_mean, convicted.control_mean) == (0.5, 0.0)
    assert convicted.effect == pytest.approx(0.5)


def test_people_not_observed_up_to_the_horizon_are_left_out_as_for_the_panel_outcomes():
    people, weeks = tiny()
    weeks = weeks[~((weeks.person_id == "d") & (weeks.week == 3))]
    spec = Spec(horizon_weeks=3, outcomes=("employed", "charged"), ri_draws=0)
    result = analyse(people, weeks, spec, TINY_EVENTS)
    for name in ("employed", "charged"):
        outcome = result.outcome(name)
        assert (outcome.n_treatment, outcome.n_control) == (2, 1)


def _trial_with_events(seed=5):
    """The small synthetic trial with charges (fewer among the treated) and some convictions."""
    people, weeks = small_trial()
    rng = np.random.default_rng(seed)
    treated = (people["arm"] == "treatment").to_numpy()
    charged = rng.random(len(people)) < np.where(treated, 0.10, 0.25)
    rows = [(pid, int(rng.integers(1, 61)), "charge") for pid in people.person_id[charged]]
    rows += [(pid, week, "conviction") for pid, week, _ in rows[::2]]
    rows += rows[:3]  # the same event twice in a week is allowed
    return people, weeks, _events(rows)


def test_crime_outcomes_join_the_holm_family_with_the_others():
    people, weeks, events = _trial_with_events()
    spec = Spec(horizon_weeks=52, outcomes=("employed", "charged", "convicted"), ri_draws=200)
    result = analyse(people, weeks, spec, events)
    ps = [r.p_value for r in result.outcomes]
    assert [r.p_value_holm for r in result.outcomes] == pytest.approx(list(holm(ps)))
    charged = result.outcome("charged")
    assert charged.effect < 0 and charged.ci_high < 0  # the simulated reduction is found
    assert charged.p_value_ri is not None and charged.note is None


def test_the_analysis_without_events_is_unchanged_by_an_unused_events_file():
    people, weeks, events = _trial_with_events()
    spec = Spec(horizon_weeks=52, outcomes=("employed", "weeks_internship"), ri_draws=50)
    assert analyse(people, weeks, spec).to_dict() == analyse(people, weeks, spec, events).to_dict()


CHARGED = Spec(horizon_weeks=3, outcomes=("charged",), ri_draws=0)


def _refused(events):
    people, weeks = tiny()
    with pytest.raises(EvaluationInputError) as info:
        analyse(people, weeks, CHARGED, events)
    return str(info.value)


def test_it_refuses_events_of_people_not_in_people():
    message = _refused(_events([("a", 1, "charge"), ("zz", 2, "charge")]))
    assert "EVENTS names people who are not in PEOPLE" in message and "row 2" in message and "'zz'" in message


def test_it_refuses_events_in_weeks_outside_the_panel():
    message = _refused(_events([("a", 1, "charge"), ("b", 4, "charge")]))
    assert "outside the panel (weeks 1 to 3)" in message and "row 2" in message
    message = _refused(_events([("a", 0, "charge")]))
    assert "EVENTS has weeks that are not whole numbers from 1" in message and "row 1" in message


def test_it_refuses_unknown_event_codes():
    message = _refused(_events([("a", 1, "charge"), ("b", 2, "arrest"), ("c", 2, "Charge")]))
    assert "unknown events (use charge, conviction)" in message
    assert "row 2" in message and "'arrest'" in message and "row 3" in message


def test_it_refuses_an_events_file_without_its_columns():
    message = _refused(pd.DataFrame({"person_id": ["a"], "week": [1]}))
    assert "EVENTS lacks the columns event" in message


def test_crime_outcomes_need_the_events():
    people, weeks = tiny()
    with pytest.raises(EvaluationInputError, match="SPEC names charged, which need the register events"):
        analyse(people, weeks, Spec(horizon_weeks=3, outcomes=("employed", "charged"), ri_draws=0))


def test_an_unknown_outcome_lists_the_crime_outcomes():
    with pytest.raises(EvaluationInputError, match="charged, convicted"):
        Spec(outcomes=("arrested",))


def _cli(*args):
    return subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "nextwork.evaluation", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_the_command_line_reads_the_events_file_and_gives_the_python_result(tmp_path):
    people, weeks, events = _trial_with_events()
    people.to_csv(tmp_path / "people.csv", index=False)
    weeks.to_csv(tmp_path / "weeks.csv", index=False)
    events.to_csv(tmp_path / "events.csv", index=False)
    spec = {"horizon_weeks": 52, "outcomes": ["employed", "charged", "convicted"], "ri_draws": 100}
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    base = ("analyse", "--people", tmp_path / "people.csv", "--weeks", tmp_path / "weeks.csv",
            "--spec", tmp_path / "spec.json")  # fmt: skip
    done = _cli(*base, "--events", tmp_path / "events.csv")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    expected = analyse(people, weeks, Spec.from_json(spec), events).to_dict()
    assert result["outcomes"] == json.loads(json.dumps(expected["outcomes"]))
    done = _cli(*base)
    assert done.returncode == 1 and "need the register events" in done.stderr
    events.loc[4, "event"] = "arrest"
    events.to_csv(tmp_path / "events.csv", index=False)
    done = _cli(*base, "--events", tmp_path / "events.csv")
    assert done.returncode == 1 and "row 5" in done.stderr and "'arrest'" in done.stderr
