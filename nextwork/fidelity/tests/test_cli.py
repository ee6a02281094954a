"""The command line, run as a subprocess: JSON on success, exit 1 and a message on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
FIXTURE = Path(__file__).parent / "fixture_month.json"


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nextwork.fidelity", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=60)


def test_it_prints_every_indicator_as_json():
    done = _run(str(FIXTURE))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["start"] == "2026-10-01" and out["end"] == "2026-10-31"
    by_key = {i["key"]: i for i in out["indicators"]}
    assert by_key["first_wish"] == {"key": "first_wish", "principle": "power_shift", "unit": "share",
                                    "value": 0.4, "numerator": 2, "denominator": 5, "target": 0.6,
                                    "light": "yellow"}


def test_bad_input_names_the_place_and_exits_1():
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["sessions"][0]["took_part"] = "all"
    done = _run("-", stdin=json.dumps(data))
    assert done.returncode == 1 and done.stdout == ""
    assert "sessions[0].took_part" in done.stderr


def test_unknown_course_and_bad_month_are_refused():
    assert "no course with id 'zz'" in _run("-", stdin=json.dumps(
        {"month": "2026-10", "internships": [{"id": "i", "course": "zz", "start_on": "2026-10-01"}]})).stderr
    assert "expected 'YYYY-MM'" in _run("-", stdin='{"month": "October"}').stderr
    assert "not valid JSON" in _run("-", stdin="{").stderr
