"""The command line, run as a subprocess like the benchmark and the match-event page do."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = Path(__file__).parent / "examples" / "greedy_trap.json"


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nextwork.allocation", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_it_writes_the_result_as_json(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(json.loads(EXAMPLE.read_text())["instance"]))
    done = _run(str(path))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["profile"] == [1, 1]
    assert {(p["youth"], p["offer"]) for p in result["placements"]} == {("y1", "o1"), ("y2", "o2")}


def test_it_reads_standard_input_for_a_dash():
    done = _run("-", stdin=json.dumps(json.loads(EXAMPLE.read_text())["instance"]))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["companies_activated"] == 2


def test_an_inconsistent_instance_gets_a_clear_error_and_a_non_zero_exit():
    bad = {
        "offers": [{"id": "o1", "company": "c1", "capacity": 1}],
        "youth": [{"id": "y1", "wishes": ["o7"]}],
    }
    done = _run("-", stdin=json.dumps(bad))
    assert done.returncode == 1
    assert done.stdout == ""
    assert "youth 'y1' wishes unknown offers: 'o7'" in done.stderr
    assert "Traceback" not in done.stderr


def test_malformed_json_and_missing_files_are_reported():
    done = _run("-", stdin="{not json")
    assert done.returncode == 2
    assert "not valid JSON" in done.stderr
    done = _run("/nonexistent/instance.json")
    assert done.returncode == 2
    assert "cannot read /nonexistent/instance.json" in done.stderr


def _instance_exercising_the_stages() -> str:
    """Several ranks and companies (merged and single stages, the lottery), fixed and forbidden pairs."""
    from nextwork.allocation._generate import random_instance

    instance = random_instance(300, 60, wishes=4, seed=5)
    assert instance.fixed and any(len(y.wishes) == 4 for y in instance.youth)
    return json.dumps(instance.to_json())


def _only_one_json_document(stdout: str) -> dict:
    result = json.loads(stdout)  # raises on any text before or after the document
    assert stdout == json.dumps(result, ensure_ascii=False) + "\n"
    return result


# The command line under the given Python prelude, e.g. one that hides highspy or part of it.
_UNDER = (
    "import runpy, sys\n{prelude}\nsys.argv = ['nextwork.allocation', '-']\n"
    "runpy.run_module('nextwork.allocation', run_name='__main__', alter_sys=True)\n"
)


def _run_under(prelude: str, stdin: str) -> subprocess.CompletedProcess:
    code = _UNDER.format(prelude=prelude)
    return subprocess.run(
        [sys.executable, "-c", code], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60
    )


@pytest.mark.parametrize("which", ["greedy_trap", "stages"])
def test_standard_output_holds_nothing_but_one_json_document(which):
    stdin = (
        json.dumps(json.loads(EXAMPLE.read_text())["instance"])
        if which == "greedy_trap"
        else _instance_exercising_the_stages()
    )
    done = _run("-", stdin=stdin)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    result = _only_one_json_document(done.stdout)
    assert result["placements"]


def test_the_scipy_fallback_without_highspy_also_prints_only_the_json():
    done = _run_under("sys.modules['highspy'] = None", _instance_exercising_the_stages())
    assert done.returncode == 0, done.stderr
    assert _only_one_json_document(done.stdout) == json.loads(
        _run("-", stdin=_instance_exercising_the_stages()).stdout
    )


def test_a_highspy_without_its_silent_solver_class_fails_loudly_and_prints_nothing():
    # highspy.Highs(), the public class, prints a banner on standard output when it is created.
    done = _run_under("import highspy._core\ndel highspy._core._Highs", _instance_exercising_the_stages())
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("error: the LP solver is not available: highspy ")
    assert "has no highspy._core._Highs, the silent solver class the engine uses" in done.stderr
    assert "install the pinned highspy==1.16.0" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("capacity", [2**31, 10**30])
def test_a_huge_capacity_counts_as_the_number_of_young_people(capacity):
    instance = {
        "offers": [{"id": "o1", "company": "c1", "capacity": capacity}],
        "youth": [{"id": "y1", "wishes": ["o1"]}, {"id": "y2", "wishes": ["o1"]}],
    }
    done = _run("-", stdin=json.dumps(instance))
    assert done.returncode == 0, done.stderr
    assert [p["youth"] for p in json.loads(done.stdout)["placements"]] == ["y1", "y2"]


REFUSED = {
    "nested 100,000 deep": (
        "[" * 100_000 + "]" * 100_000,
        "error: invalid instance: standard input is nested too deeply (an instance is at most four levels "
        "deep: the object, a list, an item, its list of ids)",
    ),
    "a 5,000-digit number": (
        '{"seed": ' + "9" * 5000 + "}",
        "error: invalid instance: standard input holds a number with more than 4300 digits; capacities "
        "and the seed are ordinary integers",
    ),
    "a typo in a key": (
        '{"offers": [], "youth": [{"id": "y1", "wishs": []}]}',
        "error: invalid instance: youth 'y1': unknown key 'wishs' (known keys: id, vetoes, wishes)",
    ),
}


@pytest.mark.parametrize("stdin,message", REFUSED.values(), ids=REFUSED.keys())
def test_json_beyond_the_parsers_limits_gets_a_clear_message_not_a_traceback(stdin, message):
    done = _run("-", stdin=stdin)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == message + "\n"
