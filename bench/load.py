"""Load test of the production setup on the national demo: simulated staff against gunicorn on loopback.

    make bench-load                                   # 200 staff for 5 minutes
    .venv/bin/python -m bench.load --users 20 --minutes 0.5   # a quick run

Uses the national demo in PostgreSQL (database nextwork_bench, as `make bench`; built when missing), starts
scripts/serve.sh (production settings, gunicorn + background worker) on a free port with the demo's keys from
var/demo-secrets.json (the demo data is encrypted with them), waits for /login/, runs locust headless with
bench/locustfile.py, stops the server and writes var/bench/load.json. Two-factor login and the HTTPS redirect
are off for the simulated staff. Fails (exit 1) on any error or an overall p95 of 500 ms or more.
The attendance taps change attendance rows (and write their audit rows) in nextwork_bench.
"""

import argparse
import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.pages import DEFAULT_URL, ensure_database

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
TARGET_P95_MS = 500.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(url: str, plan_path: Path) -> dict:
    """The national demo (built when missing) and the plan of accounts and sessions for the locustfile;
    returns the demo's keys."""
    import django

    django.setup()
    import datetime as dt

    from django.conf import settings

    from bench.pages import build
    from nextwork.core.models import Municipality, User
    from nextwork.groups.choices import SessionStatus
    from nextwork.groups.models import Session

    build_seconds = build(reuse=True)
    if build_seconds is not None:
        print(f"National demo built in {build_seconds:.1f} s.")
    slugs = list(Municipality.objects.order_by("slug").values_list("slug", flat=True))
    accounts: dict[str, list[dict]] = {"youth_consultant": [], "team_lead": []}
    # Round-robin over the municipalities, so the first 200 simulated staff are spread over all of them.
    for prefix, role in (("youth-consultant-", "youth_consultant"), ("team-lead-", "team_lead")):
        users = dict(User.objects.filter(username__startswith=prefix, is_active=True)
                     .values_list("username", "municipality__slug"))
        for rank in ("", "-2", "-3"):
            for slug in slugs:
                if f"{prefix}{slug}{rank}" in users:
                    accounts[role].append({"username": f"{prefix}{slug}{rank}", "municipality": slug})
    today = dt.date.today()
    sessions: dict[str, list[int]] = {}
    recent = (Session.objects.filter(date__lte=today, date__gte=today - dt.timedelta(days=60))
              .exclude(status=SessionStatus.CANCELLED).order_by("-date")
              .values_list("group__municipality__slug", "pk"))
    for slug, pk in recent:
        if len(sessions.setdefault(slug, [])) < 10:
            sessions[slug].append(pk)
    plan_path.parent.mkdir(parents=True, exist_ok=True)
    plan_path.write_text(json.dumps({"accounts": accounts, "sessions": sessions}, indent=1) + "\n")
    secrets = json.loads((settings.VAR_DIR / "demo-secrets.json").read_text())
    return secrets


def wait_for(url: str, server: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"scripts/serve.sh ended with status {server.returncode} before answering.")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (our own http://127.0.0.1 URL)
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit(f"No answer from {url} within {timeout:.0f} s.")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def read_stats(path: Path) -> tuple[dict, list[dict]]:
    """Locust's *_stats.csv: per request name and the aggregated row."""
    rows, total = [], {}
    with path.open() as file:
        for row in csv.DictReader(file):
            entry = {
                "name": row["Name"],
                "method": row["Type"],
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "p50_ms": float(row["50%"] or 0),
                "p95_ms": float(row["95%"] or 0),
                "p99_ms": float(row["99%"] or 0),
                "max_ms": float(row["Max Response Time"] or 0),
                "requests_per_s": round(float(row["Requests/s"] or 0), 1),
            }
            if row["Name"] == "Aggregated":
                total = entry
            else:
                rows.append(entry)
    return total, rows


def table(total: dict, rows: list[dict]) -> str:
    header = f"{'page':<30} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7} {'req/s':>6}"
    lines = [header, "-" * len(header)]
    for r in [*rows, {**total, "name": "all"}]:
        lines.append(f"{r['name']:<30} {r['requests']:>8} {r['errors']:>6} {r['p50_ms']:>7.0f} {r['p95_ms']:>7.0f} "
                     f"{r['p99_ms']:>7.0f} {r['max_ms']:>7.0f} {r['requests_per_s']:>6.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200, help="simulated staff at the same time (default 200)")
    parser.add_argument("--minutes", type=float, default=5.0, help="how long the load runs (default 5)")
    parser.add_argument("--spawn-rate", type=float, default=2.0,
                        help="new simulated staff per second (default 2: each login hashes its password, 0.25 s CPU)")
    parser.add_argument("--web-workers", type=int, default=4, help="gunicorn workers (WEB_WORKERS)")
    args = parser.parse_args(argv)

    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("bench.load runs on PostgreSQL: DATABASE_URL must be a postgres:// URL.")
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "nextwork.settings.demo"
    out_dir = ROOT / "var" / "bench"
    plan_path = out_dir / "load-plan.json"
    secrets = prepare(url, plan_path)

    port = free_port()
    host = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nextwork.settings.production",
        "DATABASE_URL": url,
        "NEXTWORK_SECRET_KEY": secrets["secret_key"],
        "NEXTWORK_ENCRYPTION_KEYS": secrets["encryption_key"],
        "NEXTWORK_LOOKUP_KEY": secrets["lookup_key"],
        "NEXTWORK_ALLOWED_HOSTS": "127.0.0.1",
        "NEXTWORK_CSRF_TRUSTED_ORIGINS": host,
        "NEXTWORK_SSL_REDIRECT": "false",
        "NEXTWORK_REQUIRE_2FA": "false",
        "PORT": str(port),
        "WEB_WORKERS": str(args.web_workers),
        "PY": sys.executable,
        "GUNICORN": str(VENV_BIN / "gunicorn"),
        "RUN_DIR": str(out_dir / f"load-run-{port}"),
    }
    server_log = (out_dir / "load-server.log").open("w")
    print(f"Starting scripts/serve.sh on {host} with {args.web_workers} workers (log: var/bench/load-server.log).")
    server = subprocess.Popen([str(ROOT / "scripts" / "serve.sh")], cwd=ROOT, env=env, stdout=server_log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    prefix = out_dir / "load"
    try:
        wait_for(f"{host}/login/", server)
        seconds = max(1, round(args.minutes * 60))
        print(f"Running locust: {args.users} users, spawn rate {args.spawn_rate}/s, {seconds} s.")
        load_before = os.getloadavg()
        locust = subprocess.run([
            str(VENV_BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
            "--host", host, "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
            "--run-time", f"{seconds}s", "--stop-timeout", "10", "--csv", str(prefix), "--only-summary",
            "--loglevel", "WARNING", "--exit-code-on-error", "0",
        ], cwd=ROOT, env={**os.environ, "BENCH_LOAD_PLAN": str(plan_path)}, check=False)
        load_after = os.getloadavg()
    finally:
        stop(server)
        server_log.close()
        shutil.rmtree(env["RUN_DIR"], ignore_errors=True)
    if locust.returncode != 0:
        raise SystemExit(f"locust ended with status {locust.returncode}.")

    total, rows = read_stats(Path(f"{prefix}_stats.csv"))
    failures = []
    with Path(f"{prefix}_failures.csv").open() as file:
        failures = [{"name": r["Name"], "error": r["Error"], "occurrences": int(r["Occurrences"])}
                    for r in csv.DictReader(file)]
    with Path(f"{prefix}_exceptions.csv").open() as file:
        exceptions = [{"error": r["Message"], "occurrences": int(r["Count"])} for r in csv.DictReader(file)]
    errors = total["errors"] + sum(e["occurrences"] for e in exceptions)
    print(table(total, rows))
    print(f"\nLoad average (1, 5, 15 min) before: {', '.join(f'{v:.2f}' for v in load_before)}; "
          f"at the end: {', '.join(f'{v:.2f}' for v in load_after)} ({os.cpu_count()} CPUs).")
    for failure in failures + exceptions:
        print(f"ERROR x{failure['occurrences']}: {failure.get('name', '')} {failure['error']}")

    result = {
        "users": args.users, "minutes": args.minutes, "spawn_rate": args.spawn_rate,
        "web_workers": args.web_workers, "cpus": os.cpu_count(),
        "requests": total["requests"], "errors": errors,
        "p50_ms": total["p50_ms"], "p95_ms": total["p95_ms"], "p99_ms": total["p99_ms"], "max_ms": total["max_ms"],
        "requests_per_s": total["requests_per_s"],
        "load_average_before": load_before, "load_average": load_after,
        "targets": {"errors": 0, "p95_ms": TARGET_P95_MS},
        "pages": rows, "failures": failures, "exceptions": exceptions,
    }
    (out_dir / "load.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    ok = errors == 0 and total["p95_ms"] < TARGET_P95_MS
    print(f"\nWritten to var/bench/load.json. Targets: 0 errors, p95 < {TARGET_P95_MS:.0f} ms: "
          f"{'OK' if ok else 'FAIL'}.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
