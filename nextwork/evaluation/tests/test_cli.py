import json
import subprocess
import sys
from pathlib import Path

import pytest

from nextwork.evaluation import Spec, analyse
from nextwork.evaluation.__main__ import main
from nextwork.evaluation.tests.data import small_trial

ROOT = Path(__file__).resolve().parents[3]
ISSUE_FIELDS = {
    "name", "control_mean", "treatment_mean", "effect", "se", "ci_low", "ci_high",
    "p_value", "p_value_ri", "p_value_holm", "n_treatment", "n_control",
}  # fmt: skip
SPEC = {"horizon_weeks": 52, "outcomes": ["employed", "in_education", "weeks_public_support",
        "weeks_internship", "earnings_year1"], "covariates": ["age"], "ri_draws": 200, "seed": 1}  # fmt: skip


def _cli(*args):
    return subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "nextwork.evaluation", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("evaluation")
    people, weeks = small_trial()
    people.to_csv(folder / "people.csv", index=False)
    weeks.to_csv(folder / "weeks.csv", index=False)
    people.to_parquet(folder / "people.parquet")
    weeks.to_parquet(folder / "weeks.parquet")
    (folder / "spec.json").write_text(json.dumps(SPEC))
    return folder


def test_it_writes_the_results_as_json_in_the_issue_format(files):
    done = _cli("analyse", "--people", files / "people.csv", "--weeks", files / "weeks.csv",
                "--spec", files / "spec.json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [o["name"] for o in result["outcomes"]] == SPEC["outcomes"]
    for outcome in result["outcomes"]:
        assert ISSUE_FIELDS <= set(outcome)
    assert {"attrition", "earnings_among_employed", "earnings_note", "weekly_shares", "subgroups"} <= set(
        result
    )


def test_the_command_line_and_the_python_api_give_the_same_numbers(files, capsys):
    code = main(["analyse", "--people", str(files / "people.parquet"), "--weeks", str(files / "weeks.parquet"),
                 "--spec", str(files / "spec.json"), "--format", "parquet", "--subgroup", "municipality"])  # fmt: skip
    assert code == 0
    people, weeks = small_trial()
    spec = Spec.from_json({**SPEC, "subgroups": ["municipality"]})
    expected = analyse(people, weeks, spec).to_dict()
    result = json.loads(capsys.readouterr().out)
    assert result == json.loads(json.dumps(expected))
    assert {s["column"] for s in result["subgroups"]} == {"municipality"} and len(result["subgroups"]) == 6


def test_bad_input_gives_a_message_naming_the_rows_and_a_non_zero_exit(files, tmp_path):
    weeks = (files / "weeks.csv").read_text().splitlines()
    weeks.append("p999999,1,other")
    (tmp_path / "weeks.csv").write_text("\n".join(weeks) + "\n")
    done = _cli("analyse", "--people", files / "people.csv", "--weeks", tmp_path / "weeks.csv",
                "--spec", files / "spec.json")  # fmt: skip
    assert done.returncode == 1
    assert done.stdout == ""
    assert (
        "not in PEOPLE" in done.stderr and f"row {len(weeks) - 1}" in done.stderr and "p999999" in done.stderr
    )


def test_a_missing_argument_is_a_usage_error():
    done = _cli("analyse", "--people", "people.csv")
    assert done.returncode == 2 and "required" in done.stderr


def test_a_bad_spec_or_a_missing_file_is_refused(files, tmp_path, capsys):
    (tmp_path / "spec.json").write_text('{"horizon_weeks": 130,')
    args = ["analyse", "--people", str(files / "people.csv"), "--weeks", str(files / "weeks.csv")]
    assert main([*args, "--spec", str(tmp_path / "spec.json")]) == 1
    assert "not valid JSON" in capsys.readouterr().err
    (tmp_path / "spec.json").write_text('{"horizon_weeks": 130, "outcomes": ["earnings_year9"]}')
    assert main([*args, "--spec", str(tmp_path / "spec.json")]) == 1
    assert "earnings_year9" in capsys.readouterr().err
    args = ["analyse", "--people", str(tmp_path / "nope.csv"), "--weeks", str(files / "weeks.csv")]
    assert main([*args, "--spec", str(files / "spec.json")]) == 1
    assert "nope.csv" in capsys.readouterr().err


def _no_nan(text):
    raise ValueError(f"{text} in the JSON")


def test_a_trial_too_small_for_estimates_still_writes_strict_json_with_notes(tmp_path):
    # Every earnings value missing used to end in "cannot reshape array of size 0".
    (tmp_path / "people.csv").write_text(
        "person_id,arm,stratum,earnings_year1\na,treatment,x,\nb,control,x,\n"
    )
    (tmp_path / "weeks.csv").write_text("person_id,week,status\na,1,employment\nb,1,other\n")
    (tmp_path / "spec.json").write_text(
        json.dumps({"horizon_weeks": 1, "outcomes": ["employed", "earnings_year1"], "ri_draws": 20})
    )
    done = _cli("analyse", "--people", tmp_path / "people.csv", "--weeks", tmp_path / "weeks.csv",
                "--spec", tmp_path / "spec.json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    employed, earnings = json.loads(done.stdout, parse_constant=_no_nan)["outcomes"]
    assert employed["effect"] == 1.0 and employed["se"] is None
    assert employed["note"].startswith("too few people for a standard error: HC2 is undefined")
    assert earnings["effect"] is None and earnings["se"] is None and earnings["p_value"] is None
    assert earnings["note"] == "every value of earnings_year1 is missing, so there is no estimate"
