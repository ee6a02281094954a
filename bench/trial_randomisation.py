"""Trial randomisation under load: many caseworkers entering young people at the same moment through the JSON
API, against a live server on PostgreSQL (each request its own thread and database connection).

    .venv/bin/python -m bench.trial_randomisation [--users 200] [--concurrency 40]
    # or, from helper code:  bench.trial_randomisation.run(users=200) -> dict

`run` builds a throwaway test database (test_<name> of DATABASE_URL), a live trial in two municipalities and
one API token per caseworker, starts Django's live server, and releases `users` randomisations through
`concurrency` client threads at once (PostgreSQL's default 100 connections bound how many can be open).
It reports throughput and checks that no slot was used twice: every (stratum, position) once, each stratum's
positions 1..n without a gap, one participant per CPR number, and a repeated CPR answered with the original
allocation. Needs PostgreSQL: SQLite serialises writes and would hide the race."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import queue
import threading
import time
import urllib.error
import urllib.request


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nextwork.settings.test")
    import django

    django.setup()


def _cpr(birth_date: dt.date, serial: int, used: set[str]) -> str:
    from nextwork.core.cpr import CprError, parse

    for offset in range(1000):
        digits = f"{birth_date:%d%m%y}{'0' if birth_date.year < 2000 else '4'}{(serial + offset) % 1000:03d}"
        if digits in used:
            continue
        try:
            parse(digits)
        except CprError:
            continue
        used.add(digits)
        return digits
    raise RuntimeError("no CPR number found")


def _fixture(users: int) -> tuple[int, list[str], list[dict]]:
    from nextwork.core.models import Municipality, User
    from nextwork.core.roles import Role
    from nextwork.core.tokens import api_token_create
    from nextwork.trial.services.lifecycle import (
        trial_create,
        trial_go_live,
        trial_site_add,
        trial_start_test,
    )

    admin = User.objects.create_user(username="bench-admin", password=None, role=Role.ADMIN)
    caseworkers = []
    for slug in ("roskilde", "fredericia"):
        municipality = Municipality.objects.create(name=slug.title(), slug=slug, phase="research")
        for number in range(10):
            caseworkers.append(User.objects.create_user(username=f"cw-{slug}-{number}", password=None,
                                                        role=Role.CASEWORKER, municipality=municipality))
    trial = trial_create(actor=admin, name="Bench trial", ends_on=dt.date.today() + dt.timedelta(days=365))
    for municipality in Municipality.objects.all():
        trial_site_add(actor=admin, trial=trial, municipality=municipality, recruitment_target_treated=600)
    trial_start_test(actor=admin, trial=trial)
    trial_go_live(actor=admin, trial=trial)
    tokens = [api_token_create(user=user) for user in caseworkers]
    used: set[str] = set()
    bodies = []
    for index in range(users):
        birth_date = dt.date.today() - dt.timedelta(days=365 * (19 + index % 10) + 40 + index % 200)
        bodies.append({"eligibility_confirmed": True, "informed": True, "first_name": f"Ung{index}",
                       "last_name": "Bench", "cpr_number": _cpr(birth_date, index * 7, used),
                       "gender": ("female", "male")[index % 2],
                       "benefit_type": ("education_benefit", "cash_benefit")[index % 3 == 0],
                       "months_on_support": index % 13, "highest_education": "primary"})
    return trial.pk, tokens, bodies


def _post(url: str, token: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={  # noqa: S310
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 (the local live server)
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, {"detail": error.read().decode()[:200]}
    except OSError as error:  # a transport failure is a result to report, not a crash
        return 0, {"detail": repr(error)}


def _fire(base: str, trial_id: int, tokens: list[str], bodies: list[dict], concurrency: int):
    """All client threads start together; each takes the next body until none is left."""
    work: queue.Queue = queue.Queue()
    for index, body in enumerate(bodies):
        work.put((index, body))
    results: list = [None] * len(bodies)
    barrier = threading.Barrier(concurrency + 1)

    def client(number: int) -> None:
        barrier.wait()
        while True:
            try:
                index, body = work.get_nowait()
            except queue.Empty:
                return
            results[index] = _post(f"{base}/api/trial/{trial_id}/randomise/", tokens[index % len(tokens)], body)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def _checks(trial_id: int, bodies: list[dict], results: list) -> dict:
    from collections import Counter

    from nextwork.trial.models import Participant

    rows = list(Participant.objects.filter(trial_id=trial_id).values_list("stratum", "position", "cpr_lookup"))
    slots = Counter((stratum, position) for stratum, position, _ in rows)
    per_stratum: dict[str, list[int]] = {}
    for stratum, position, _ in rows:
        per_stratum.setdefault(stratum, []).append(position)
    gapless = all(sorted(p) == list(range(1, len(p) + 1)) for p in per_stratum.values())
    return {
        "created": sum(1 for status, _ in results if status == 201),
        "errors": [r for r in results if r[0] not in (200, 201)][:5],
        "participants": len(rows),
        "strata": len(per_stratum),
        "no_slot_used_twice": all(n == 1 for n in slots.values()) and gapless,
        "one_per_cpr": len({lookup for *_, lookup in rows}) == len(rows) == len(bodies),
    }


def run(users: int = 200, *, concurrency: int = 40) -> dict:
    """Builds a throwaway PostgreSQL test database, randomises `users` young people through the API from
    `concurrency` threads at once, checks the slots and drops the database again."""
    _setup_django()
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread, _StaticFilesHandler

    class _Backlog(ThreadedWSGIServer):
        request_queue_size = 512  # the default 10 resets connections that arrive together

    class _Server(LiveServerThread):
        server_class = _Backlog
    from django.test.utils import setup_test_environment, teardown_test_environment

    if connection.vendor != "postgresql":
        raise SystemExit("bench.trial_randomisation needs PostgreSQL (DATABASE_URL=postgres://...)")
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    server = None
    try:
        trial_id, tokens, bodies = _fixture(users)
        server = _Server("127.0.0.1", _StaticFilesHandler, port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        base = f"http://127.0.0.1:{server.port}"
        concurrency = max(1, min(concurrency, users))
        results, seconds = _fire(base, trial_id, tokens, bodies, concurrency)
        repeat = _post(f"{base}/api/trial/{trial_id}/randomise/", tokens[0], bodies[0])
        checks = _checks(trial_id, bodies, results)
        original = results[0][1].get("research_id") if results[0] else None
        return {
            "users": users, "concurrency": concurrency, "seconds": round(seconds, 3),
            "randomisations_per_second": round(users / seconds, 1) if seconds else None,
            "repeat_returns_original": repeat[0] == 200 and repeat[1].get("research_id") == original,
            **checks,
        }
    finally:
        if server is not None:
            server.terminate()
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=40)
    args = parser.parse_args()
    print(json.dumps(run(args.users, concurrency=args.concurrency), indent=2, default=str))


if __name__ == "__main__":
    main()
