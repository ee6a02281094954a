"""The command line, run as a subprocess like the benchmark and the match-event page do."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
