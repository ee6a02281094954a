"""The command line as an auditor runs it: sequence, verify, and every refusal with exit 1."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from nextwork.randomisation import load_settings, minimise, secret_sha256, sequence

ROOT = Path(__file__).resolve().parents[3]
SECRET = b"an example secret, never use it!"
SETTINGS = {
    "method": "permuted_blocks",
    "arms": {"treatment": 1, "control": 1},
    "block_multiples": [1, 2, 3],
    "secret_sha256": secret_sha256(SECRET),
}
STRATA = ("Roskilde|18-24|kontanthjaelp", "Roskilde|25-29|kontanthjaelp", "Fredericia|18-24|dagpenge")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nextwork.randomisation", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.fixture
def files(tmp_path):
    (tmp_path / "secret").write_bytes(SECRET)
    (tmp_path / "settings.json").write_text(json.dumps(SETTINGS), encoding="utf-8")
    return tmp_path


def _write_log(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _log_rows() -> list[dict]:
    """An exported log: extra columns, strata interleaved, one row marked in error (it still counts)."""
    settings = load_settings(SETTINGS)
    rows = []
    for s, stratum in enumerate(STRATA):
        for position, arm in enumerate(sequence(settings, SECRET, stratum, 10 + 3 * s), 1):
            rows.append(
                {
                    "pseudonym": f"R{s}{position:03}",
                    "allocated_at": f"2026-03-{position:02}T10:00",
                    "stratum": stratum,
                    "position": position,
                    "arm": arm,
                    "in_error": "yes" if (s, position) == (1, 4) else "",
                }
            )
    rows.sort(key=lambda r: (r["position"], r["stratum"]))  # any row order
    return rows


def _verify(files, rows):
    log = _write_log(files / "log.csv", rows)
    return _run(
        "verify",
        "--log",
        str(log),
        "--secret-file",
        str(files / "secret"),
        "--settings",
        str(files / "settings.json"),
    )


def test_sequence_prints_one_arm_a_line(files):
    done = _run(
        "sequence",
        "--settings",
        str(files / "settings.json"),
        "--secret-file",
        str(files / "secret"),
        "--stratum",
        STRATA[0],
        "--count",
        "12",
    )
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout.splitlines()
        == (
            "control treatment treatment control control treatment treatment control control treatment control treatment"
        ).split()
    )


@pytest.mark.parametrize("count", ["0", "1000001", "-3"])
def test_sequence_refuses_a_count_out_of_bounds(files, count):
    done = _run(
        "sequence",
        "--settings",
        str(files / "settings.json"),
        "--secret-file",
        str(files / "secret"),
        "--stratum",
        "x",
        "--count",
        count,
    )
    assert done.returncode == 1
    assert "count must be between 1 and 1,000,000" in done.stderr
    assert done.stdout == ""


def test_sequence_and_verify_refuse_a_secret_that_does_not_match_the_published_hash(files):
    (files / "secret").write_bytes(SECRET + b"\n")
    done = _run(
        "sequence",
        "--settings",
        str(files / "settings.json"),
        "--secret-file",
        str(files / "secret"),
        "--stratum",
        "x",
        "--count",
        "3",
    )
    assert done.returncode == 1
    assert "does not match secret_sha256" in done.stderr
    assert done.stdout == ""
    done = _verify(files, _log_rows())
    assert done.returncode == 1
    assert "does not match secret_sha256" in done.stderr


def test_verify_accepts_the_exported_log_and_summarises_it(files):
    done = _verify(files, _log_rows())
    assert done.returncode == 0, done.stderr
    assert "39 rows, 3 strata" in done.stdout
    rows = _log_rows()
    treated = sum(r["arm"] == "treatment" for r in rows)
    assert f"treatment {treated}, control {len(rows) - treated}" in done.stdout


def test_verify_refuses_a_log_with_one_arm_changed_and_names_that_row(files):
    rows = _log_rows()
    target = next(i for i, r in enumerate(rows) if r["stratum"] == STRATA[1] and r["position"] == 7)
    rows[target]["arm"] = "control" if rows[target]["arm"] == "treatment" else "treatment"
    done = _verify(files, rows)
    assert done.returncode == 1
    assert f"line {target + 2} (stratum {STRATA[1]!r}, position 7)" in done.stderr
    assert "1 of 39 rows do not match" in done.stderr


def test_verify_names_the_first_mismatch_in_the_files_order(files):
    rows = _log_rows()
    for i in (20, 5):
        rows[i]["arm"] = "control" if rows[i]["arm"] == "treatment" else "treatment"
    done = _verify(files, rows)
    assert done.returncode == 1
    assert f"line 7 (stratum {rows[5]['stratum']!r}, position {rows[5]['position']})" in done.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda rows: [{k: v for k, v in r.items() if k != "position"} for r in rows],
            "line 1: the header lacks the column(s) position",
        ),
        (
            lambda rows: rows[:3] + [{**rows[3], "position": "4th"}] + rows[4:],
            "line 5: position must be a whole number",
        ),
        (
            lambda rows: rows[:3] + [{**rows[3], "position": "0"}] + rows[4:],
            "line 5: position must be between 1",
        ),
        (lambda rows: rows + [dict(rows[2])], "line 41: stratum"),
        (lambda rows: rows[:6] + [{**rows[6], "arm": "placebo"}] + rows[7:], "line 8: unknown arm 'placebo'"),
    ],
)
def test_verify_refuses_malformed_logs_naming_the_line(files, change, message):
    done = _verify(files, change(_log_rows()))
    assert done.returncode == 1
    assert message in done.stderr
    assert done.stdout == ""


def test_a_duplicate_names_both_lines(files):
    rows = _log_rows()
    done = _verify(files, [*rows, dict(rows[2])])
    assert (
        f"line 41: stratum {rows[2]['stratum']!r} and position {rows[2]['position']} already on line 4"
        in done.stderr
    )


def test_verify_refuses_a_row_with_too_few_fields(files):
    log = _write_log(files / "log.csv", _log_rows())
    log.write_text(log.read_text(encoding="utf-8") + "R9,2026-03-01,Roskilde\n", encoding="utf-8")
    done = _run(
        "verify",
        "--log",
        str(log),
        "--secret-file",
        str(files / "secret"),
        "--settings",
        str(files / "settings.json"),
    )
    assert done.returncode == 1
    assert "line 41: 3 fields, the header has 6" in done.stderr


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({**SETTINGS, "block_multiples": []}, "block_multiples must list at least one"),
        ({**SETTINGS, "arms": {"treatment": 1, "control": 0}}, "ratio of arm 'control'"),
        ({**SETTINGS, "secret_sha256": "abc"}, "secret_sha256 must be 64"),
        ({**SETTINGS, "method": "coin"}, "method must be one of"),
        ({**SETTINGS, "seed": 3}, "unknown keys 'seed'"),
    ],
)
def test_bad_settings_are_refused(files, settings, message):
    (files / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    done = _run(
        "sequence",
        "--settings",
        str(files / "settings.json"),
        "--secret-file",
        str(files / "secret"),
        "--stratum",
        "x",
        "--count",
        "3",
    )
    assert done.returncode == 1
    assert message in done.stderr


def test_a_missing_file_is_refused(files):
    done = _run(
        "sequence",
        "--settings",
        str(files / "nope.json"),
        "--secret-file",
        str(files / "secret"),
        "--stratum",
        "x",
        "--count",
        "3",
    )
    assert done.returncode == 1
    assert "cannot read" in done.stderr


def _minimisation_log(files):
    settings = {**SETTINGS, "method": "minimisation", "factors": ["age_band", "benefit_type"]}
    del settings["block_multiples"]
    (files / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    loaded = load_settings(settings)
    allocated, rows = [], []
    for position in range(1, 31):
        factors = {
            "age_band": ["18-24", "25-29"][position % 2],
            "benefit_type": ["a", "b", "c"][position % 3],
        }
        arm = minimise(loaded, SECRET, allocated, factors, position)
        allocated.append((factors, arm))
        rows.append(
            {
                "stratum": "Roskilde",
                "position": position,
                "arm": arm,
                "factor:age_band": factors["age_band"],
                "factor:benefit_type": factors["benefit_type"],
            }
        )
    return rows[::-1]


def test_verify_checks_a_minimisation_log_in_position_order(files):
    rows = _minimisation_log(files)
    assert _verify(files, rows).returncode == 0
    changed = next(i for i, r in enumerate(rows) if r["position"] == 12)
    rows[changed]["arm"] = "control" if rows[changed]["arm"] == "treatment" else "treatment"
    done = _verify(files, rows)
    assert done.returncode == 1
    assert f"line {changed + 2} (stratum 'Roskilde', position 12)" in done.stderr


def test_a_minimisation_log_needs_its_factor_columns_and_every_position(files):
    rows = _minimisation_log(files)
    done = _verify(files, [{k: v for k, v in r.items() if k != "factor:age_band"} for r in rows])
    assert done.returncode == 1
    assert "minimisation needs factor:age_band" in done.stderr
    done = _verify(files, [r for r in rows if r["position"] != 5])
    assert done.returncode == 1
    assert "position 5 is missing" in done.stderr


def test_verify_refuses_a_log_without_allocations(files):
    (files / "log.csv").write_text("stratum,position,arm\n", encoding="utf-8")
    done = _run("verify", "--log", str(files / "log.csv"), "--secret-file", str(files / "secret"),
                "--settings", str(files / "settings.json"))
    assert done.returncode == 1 and "nothing to verify" in done.stderr
