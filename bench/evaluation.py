"""Evaluation engine benchmark: 20,000 people x 260 weeks, five outcomes, 10,000 randomisation draws.

    make bench-evaluation                      # or: .venv/bin/python -m bench.evaluation [--people N ...]

The synthetic trial (nextwork.evaluation.simulate) is built first and not timed; then the full analysis
(`nextwork.evaluation.analyse` on data frames, as the report and the command line call it) is timed,
once with the five outcomes and once more with effects by municipality as well. Peak memory is the
process's peak resident set size, generation included, so it bounds the analysis from above.
Results go to var/bench/evaluation.json. Target: under 10 s and 2 GB on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import time
from pathlib import Path

from nextwork.evaluation import Spec, analyse
from nextwork.evaluation.simulate import synthetic_trial

TARGET_SECONDS = 10.0
TARGET_PEAK_MB = 2048.0
OUTCOMES = ("employed", "in_education", "weeks_public_support", "weeks_internship", "earnings_year2")
OUT = Path("var/bench/evaluation.json")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _timed(people, weeks, spec: Spec) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = analyse(people, weeks, spec)
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--draws", type=int, default=10_000)
    args = parser.parse_args()

    started = time.perf_counter()
    people, weeks = synthetic_trial(args.people, args.weeks, seed=2026, attrition=0.03)
    generated = time.perf_counter() - started
    spec = Spec(
        horizon_weeks=130,
        outcomes=OUTCOMES,
        covariates=("age", "female", "prior_weeks_support"),
        ri_draws=args.draws,
        seed=1,
    )
    rows = []
    for label, run_spec in (
        ("five outcomes", spec),
        ("five outcomes + municipality subgroups", Spec(**{**spec.__dict__, "subgroups": ("municipality",)})),
    ):
        wall, cpu, result = _timed(people, weeks, run_spec)
        rows.append({"case": label, "wall_seconds": round(wall, 2), "cpu_seconds": round(cpu, 2)})
        if label == "five outcomes":
            outcomes = [
                {
                    k: o[k]
                    for k in ("name", "effect", "se", "p_value", "p_value_ri", "n_treatment", "n_control")
                }
                for o in result.to_dict()["outcomes"]
            ]
    peak = _peak_mb()
    main_wall = rows[0]["wall_seconds"]
    report = {
        "people": args.people,
        "weeks": args.weeks,
        "panel_rows": len(weeks),
        "ri_draws": args.draws,
        "outcomes": list(OUTCOMES),
        "covariates": list(spec.covariates),
        "strata": int(people["stratum"].nunique()),
        "generation_seconds": round(generated, 2),
        "runs": rows,
        "peak_rss_mb": round(peak, 1),
        "target_seconds": TARGET_SECONDS,
        "target_peak_mb": TARGET_PEAK_MB,
        "meets_target": main_wall < TARGET_SECONDS and peak < TARGET_PEAK_MB,
        "cpus": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "estimates": outcomes,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    print(
        f"Evaluation benchmark: {args.people:,} people x {args.weeks} weeks ({len(weeks):,} panel rows), "
        f"{report['strata']} strata, {args.draws:,} RI draws, {len(OUTCOMES)} outcomes, 3 covariates"
    )
    print(f"{'case':<42} {'wall s':>8} {'cpu s':>8}")
    for row in rows:
        print(f"{row['case']:<42} {row['wall_seconds']:>8.2f} {row['cpu_seconds']:>8.2f}")
    print(
        f"peak memory (process RSS): {peak:,.0f} MB   target: < {TARGET_SECONDS:.0f} s and < {TARGET_PEAK_MB:,.0f} MB"
        f"   -> {'met' if report['meets_target'] else 'NOT met'}"
    )
    print(f"{'outcome':<22} {'effect':>12} {'se':>10} {'p':>10} {'p (RI)':>10}")
    for o in outcomes:
        print(
            f"{o['name']:<22} {o['effect']:>12.4f} {o['se']:>10.4f} {o['p_value']:>10.2g} {o['p_value_ri']:>10.4f}"
        )
    print(f"written to {OUT}")


if __name__ == "__main__":
    main()
