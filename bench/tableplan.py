"""Table plan benchmark: a match event (60 young people, 15 companies) and a large one (2,000, 300 tables).

    make bench-tableplan                      # or: .venv/bin/python -m bench.tableplan

Each event is generated (nextwork.tableplan._generate: 5-8 seats a table, three requests per young
person with skewed popularity, one avoided company for every fifth) in both modes: mode 1 with a given
number of rounds (the engine chooses the meetings) and mode 2 with the requests as the meetings to hold
(the engine finds the fewest rounds). The plan is solved in this process (timed after a warm-up) and by
the whole command line in a subprocess (Python start, SciPy import, JSON in and out, the checker).
Results go to var/bench/tableplan.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from nextwork.tableplan import _core, check_plan, solve  # noqa: F401  (_core: import SciPy before timing)
from nextwork.tableplan._generate import random_event

OUT = Path("var/bench/tableplan.json")
CASES = {
    "event": {"n_youth": 60, "n_companies": 15, "n_tables": 15, "rounds": 5},
    "large": {"n_youth": 2000, "n_companies": 200, "n_tables": 300, "rounds": 6},
}


def _cli(path: Path) -> tuple[float, dict]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "nextwork.tableplan", str(path)], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"the command line failed on {path}: {done.stderr}")
    return wall, json.loads(done.stdout)


def run_case(name: str, spec: dict, mode: int, seed: int, workdir: Path) -> dict:
    instance = random_event(
        spec["n_youth"],
        spec["n_companies"],
        spec["n_tables"],
        rounds=spec["rounds"],
        seed=seed,
        meetings=mode == 2,
    )
    solve(instance)  # warm-up
    start = time.perf_counter()
    plan = solve(instance)
    solve_s = time.perf_counter() - start
    start = time.perf_counter()
    check_plan(instance, plan)
    check_s = time.perf_counter() - start
    path = workdir / f"tableplan-{name}-mode{mode}.json"
    path.write_text(json.dumps(instance.to_json()), encoding="utf-8")
    cli_s, cli_plan = _cli(path)
    requests = sum(len(y.requests) for y in instance.youth)
    return {
        "case": name,
        "mode": mode,
        "youth": len(instance.youth),
        "companies": len(instance.companies),
        "tables": len(instance.tables),
        "seats": sum(t.seats for t in instance.tables),
        "rounds": len(plan.rounds),
        "lower_bound": plan.lower_bound,
        "rounds_asked": instance.rounds,
        "meetings": len(plan.meetings()),
        "requests": requests,
        "requests_met": requests - len(plan.unmet_requests),
        "empty_table_rounds": sum(not s.youth for r in plan.rounds for s in r.tables),
        "solve_s": round(solve_s, 3),
        "check_s": round(check_s, 3),
        "cli_s": round(cli_s, 3),
        "cli_matches_in_process": cli_plan == plan.to_json(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.tableplan", description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(CASES), action="append", help="run only these cases")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    rows = [
        run_case(name, spec, mode, args.seed, OUT.parent)
        for name, spec in CASES.items()
        if not args.only or name in args.only
        for mode in (1, 2)
    ]
    load = os.getloadavg()
    report = {
        "benchmark": "tableplan",
        "seed": args.seed,
        "load_average": [round(x, 2) for x in load],
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "cases": rows,
    }
    OUT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    header = (
        f"{'case':<7}{'mode':>5}{'youth':>7}{'tables':>7}{'rounds':>7}{'bound':>6}{'meetings':>9}"
        f"{'requests met':>15}{'empty':>6}{'solve s':>9}{'check s':>8}{'CLI s':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        met = f"{r['requests_met']}/{r['requests']}"
        print(
            f"{r['case']:<7}{r['mode']:>5}{r['youth']:>7}{r['tables']:>7}{r['rounds']:>7}{r['lower_bound']:>6}"
            f"{r['meetings']:>9}{met:>15}{r['empty_table_rounds']:>6}{r['solve_s']:>9.3f}{r['check_s']:>8.3f}"
            f"{r['cli_s']:>7.2f}"
        )
        if r["mode"] == 2 and r["rounds"] != r["lower_bound"]:
            print(f"BOUND MISSED: {r['case']}")
        if not r["cli_matches_in_process"]:
            print(f"CLI DIFFERS: {r['case']} mode {r['mode']}")
    print(f"load average {load[0]:.1f} on {os.cpu_count()} cores; wall times. Mode 1: rounds given, bound =")
    print("the fewest rounds the chosen meetings need. Mode 2: the requests as meetings, rounds = bound.")
    print(f"written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
