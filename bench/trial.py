"""Trial benchmark: importing a register panel of 20,000 people x 260 weeks into PostgreSQL, and 200 concurrent
randomisations through the API.

    make bench-trial            # or: DATABASE_URL=postgres://... .venv/bin/python -m bench.trial [--people N]

The import part builds a throwaway test database (test_<name> of DATABASE_URL) with a frozen plan and 20,000
participants, writes the synthetic panel (nextwork.evaluation.simulate, 5.2 million person-weeks with weekly
earnings) as the CSV a researcher would upload, and times `register_import` - reading, checking every row,
and writing in one transaction with COPY - then computes the report from the imported rows (the engine's
own time is in `make bench-evaluation`). Target: the import under 60 s on this 2-core machine. The
randomisation part is helper B's `bench.trial_randomisation.run(users=200)` (no slot used twice, throughput).
Results go to var/bench/trial.json. A benchmark, not a test: nothing here fails a build."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import time
from pathlib import Path

TARGET_SECONDS = 60.0
OUT = Path("var/bench/trial.json")


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _participants(trial, people, municipalities, user) -> None:
    from django.utils import timezone

    from nextwork.core.crypto import lookup_hash
    from nextwork.trial.models import Participant

    allocated = timezone.now() - dt.timedelta(days=2000)
    rows = []
    for index, row in enumerate(people.itertuples(index=False)):
        cpr = f"{index:010d}"
        rows.append(Participant(
            trial=trial, municipality=municipalities[index % len(municipalities)], research_id=row.person_id,
            first_name="Bench", last_name="Person", cpr=cpr, cpr_lookup=lookup_hash(cpr),
            birth_date=dt.date(1995, 1, 1), age=int(row.age), gender="female" if row.female else "male",
            benefit_type="cash_benefit", months_on_support=min(12, int(row.prior_weeks_support) // 4),
            highest_education="primary", stratum=row.stratum, position=index + 1, arm=row.arm,
            allocated_at=allocated, entered_by=user))
    Participant.objects.bulk_create(rows, batch_size=2000)


def import_panel(n_people: int, n_weeks: int) -> dict:
    import numpy as np

    from nextwork.core.models import Municipality, User
    from nextwork.core.roles import Role
    from nextwork.evaluation.simulate import synthetic_trial
    from nextwork.research.models import RegisterWeek
    from nextwork.research.services import imports, plans, reports
    from nextwork.trial.models import Trial

    started = time.perf_counter()
    people, weeks = synthetic_trial(n_people, n_weeks, seed=2026, attrition=0.03)
    people["person_id"] = [f"R{i:011X}" for i in range(len(people))]
    weeks["person_id"] = weeks["person_id"].map(dict(zip([f"p{i:06d}" for i in range(len(people))],
                                                          people["person_id"], strict=True)))
    rng = np.random.default_rng(1)
    weeks["earnings"] = np.where(weeks["status"] == "employment", rng.integers(3000, 9000, len(weeks)), 0)
    content = weeks.to_csv(index=False).encode()
    researcher = User.objects.create_user(username="bench-researcher", password=None, role=Role.RESEARCHER)
    municipalities = [Municipality.objects.create(name=f"Bench {i}", slug=f"bench-{i}") for i in range(6)]
    lead = User.objects.create_user(username="bench-lead", password=None, role=Role.TEAM_LEAD,
                                    municipality=municipalities[0])
    trial = Trial.objects.create(name="Bench trial", status="live")
    _participants(trial, people, municipalities, lead)
    plan = plans.plan_save(actor=researcher, trial=trial, details={
        "outcomes": ["employed", "in_education", "weeks_public_support", "weeks_internship", "earnings_year2"],
        "horizon_weeks": 130, "covariates": ["age"], "subgroups": ["municipality"], "ri_draws": 10_000, "seed": 1})
    plans.plan_freeze(actor=researcher, plan=plan)
    prepared = time.perf_counter() - started
    steps: list[tuple[float, int, str]] = []
    t0 = time.perf_counter()
    record = imports.register_import(actor=researcher, trial=trial, kind="panel", filename="panel.csv",
                                     content=content,
                                     progress=lambda p, m: steps.append((time.perf_counter() - t0, p, m)))
    seconds = time.perf_counter() - t0
    stored = RegisterWeek.objects.count()
    t1 = time.perf_counter()
    run = reports.report_compute(actor=researcher, trial=trial)
    report_seconds = time.perf_counter() - t1
    return {
        "people": n_people, "weeks": n_weeks, "rows": record.rows, "rows_stored": stored,
        "file_mb": round(len(content) / 2**20, 1), "prepare_seconds": round(prepared, 1),
        "import_seconds": round(seconds, 1), "rows_per_second": round(record.rows / seconds),
        "target_seconds": TARGET_SECONDS, "within_target": seconds < TARGET_SECONDS,
        "import_stages": [{"at_seconds": round(at, 1), "percent": p, "stage": m} for at, p, m in steps
                          if p in (5, 15, 30) or p >= 95],
        "report_seconds": round(report_seconds, 1), "report_error": run.error,
        "peak_rss_mb": _peak_mb(),
    }


def run_import(n_people: int, n_weeks: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nextwork.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    if connection.vendor != "postgresql":
        return {"skipped": "needs PostgreSQL: set DATABASE_URL=postgres://..."}
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        return import_panel(n_people, n_weeks)
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def run_randomisation(users: int) -> dict:
    try:
        from bench import trial_randomisation
    except ImportError:
        return {"not_available": "bench.trial_randomisation (helper B) is not there yet"}
    if not hasattr(trial_randomisation, "run"):
        return {"not_available": "bench.trial_randomisation has no run()"}
    started = time.perf_counter()
    result = trial_randomisation.run(users=users)
    return {**result, "wall_seconds_with_setup": round(time.perf_counter() - started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--skip-randomisation", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("bench.trial measures PostgreSQL: set DATABASE_URL=postgres://USER@HOST:PORT/NAME "
                         "(a throwaway test_NAME database is created and dropped).")
    # The test settings (not the Makefile's demo settings): DATABASE_URL, fixed test keys, no 2FA.
    os.environ["DJANGO_SETTINGS_MODULE"] = "nextwork.settings.test"
    results = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                           "load_1min": round(os.getloadavg()[0], 2)}}
    results["import"] = run_import(args.people, args.weeks)
    print(json.dumps({"import": results["import"]}, indent=2))
    results["randomisation"] = ({"skipped": "--skip-randomisation"} if args.skip_randomisation
                                else run_randomisation(args.users))
    print(json.dumps({"randomisation": results["randomisation"]}, indent=2, default=str))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"Written to {OUT}.")


if __name__ == "__main__":
    main()
