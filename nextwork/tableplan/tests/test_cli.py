"""The command line, run as a subprocess: only JSON on success, exit 1 and a message on every refusal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = Path(__file__).parent / "examples" / "three_one_seat_tables.json"


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nextwork.tableplan", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def _event() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))["instance"]


def test_it_prints_only_the_plan_as_json(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(_event()), encoding="utf-8")
    done = _run(str(path))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    plan = json.loads(done.stdout)
    assert set(plan) == {"rounds", "unmet_requests", "lower_bound"}
    assert [r["round"] for r in plan["rounds"]] == [1, 2]
    assert plan["rounds"][0]["tables"][0].keys() == {"table", "youth"}


def test_it_reads_standard_input_for_a_dash_and_gives_the_same_plan(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(_event()), encoding="utf-8")
    assert _run("-", stdin=json.dumps(_event())).stdout == _run(str(path)).stdout


def test_given_meetings_are_planned_in_the_fewest_rounds():
    event = _event()
    del event["rounds"]
    event["meetings"] = [["y1", "c1"], ["y2", "c1"], ["y1", "c2"], ["y1", "c3"]]
    done = _run("-", stdin=json.dumps(event))
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert plan["lower_bound"] == 3
    assert len(plan["rounds"]) == 3


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("{not json", "is not valid JSON"),
        ("[" * 100000, "nested too deeply"),
        ('{"tables": [], "youth": []}', "exactly one of 'rounds'"),
        ('{"tables": [], "youth": [], "rounds": 1, "meetings": []}', "exactly one of 'rounds'"),
        ('{"tables": [], "youth": [], "rounds": 1, "extra": 1}', "unknown keys 'extra'"),
        (
            '{"tables": [{"id": "t1", "company": "c1", "seats": 0}], "youth": [], "rounds": 1}',
            "without seats",
        ),
        (
            '{"tables": [{"id": "t1", "company": "c1", "seats": 1}], "youth": [{"id": "y"}, {"id": "z"}], "rounds": 1}',
            "more young people",
        ),
        (
            '{"tables": [{"id": "t1", "company": "c1", "seats": 1}], "youth": [{"id": "y", "requests": ["c1"], "avoid": ["c1"]}], "rounds": 1}',
            "both requests and avoids",
        ),
        (
            '{"tables": [{"id": "t1", "company": "c1", "seats": 1}], "youth": [{"id": "y", "requests": ["c7"]}], "rounds": 1}',
            "unknown companies: 'c7'",
        ),
        (
            '{"tables": [{"id": "t1", "company": "c1", "seats": 1}, {"id": "t1", "company": "c1", "seats": 1}], "youth": [], "rounds": 1}',
            "duplicate table ids",
        ),
        (
            '{"tables": [{"id": "t1", "company": "c1", "seats": 1e400}], "youth": [], "rounds": 1}',
            "expected an integer",
        ),
        ('"just a string"', "expected an object"),
        ('{"tables": [], "youth": [], "rounds": ' + "9" * 5000 + "}", "is not valid JSON"),
        ("\udcff", "not valid JSON"),
    ],
)
def test_every_refusal_is_exit_1_with_a_message_and_no_traceback(stdin, message):
    done = _run("-", stdin=stdin.encode("utf-8", "surrogateescape").decode("latin-1"))
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("error: ")
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_a_missing_file_is_refused():
    done = _run("/nonexistent/plan.json")
    assert done.returncode == 1
    assert "cannot read /nonexistent/plan.json" in done.stderr
