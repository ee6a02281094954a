"""Page benchmark on the national demo (100 municipalities, 20,000 young people) in PostgreSQL.

    make bench                         # builds the national demo, then measures
    .venv/bin/python -m bench.pages --reuse    # measures again on the data already built

Each page is requested through Django's test client: a few warm-ups, then timed requests; we record the
median and 95th percentile in ms and the number of SQL queries per request. Every page is measured twice,
on a small and a large case (few vs many people, page 1 vs page 5), so a query count that grows with the
data (an N+1) shows as two different counts. Results go to var/bench/pages.json.
"""

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit, urlunsplit

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/nextwork_bench"
TARGET_P95_MS = 150.0
TARGET_QUERIES = 20


@dataclass(frozen=True)
class Case:
    page: str
    variant: str
    username: str
    url: str
    api: bool = False


@dataclass(frozen=True)
class Result:
    page: str
    variant: str
    url: str
    median_ms: float
    p95_ms: float
    cpu_ms: float  # this process's CPU time (median): less sensitive than wall time to a busy machine
    queries: int
    reads: int  # SELECTs only: an empty list writes no audit row, a list with names writes one


def ensure_database(url: str) -> None:
    """Creates the database named in the URL when it does not exist (connects to `postgres` for that)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")


def build(reuse: bool) -> float | None:
    from django.core.management import call_command
    from django.db import connection

    from nextwork.core.models import Municipality

    call_command("migrate", verbosity=0)
    if reuse and Municipality.objects.count() >= 100:
        print("Reusing the national demo already in the database.")
        elapsed = None
    else:
        started = time.perf_counter()
        call_command("demo", scale="national", flush=True)
        elapsed = time.perf_counter() - started
    # Fresh bulk-loaded tables have no planner statistics (and autovacuum may be off): without them
    # PostgreSQL picks nested loops over all 20,000 people, and the key figures take seconds.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return elapsed


def cases() -> list[Case]:
    from django.db.models import Count

    from nextwork.people.choices import CourseStatus
    from nextwork.people.models import Course, YoungPerson

    # Roskilde: a normal caseload. Fredericia: one consultant holds every course (the largest caseload).
    small, large = "roskilde", "fredericia"
    ended = YoungPerson.objects.filter(municipality__slug=small, courses__status=CourseStatus.ENDED).annotate(
        n=Count("courses__timeline")).order_by("n", "pk")
    few, many = ended.first(), ended.last()
    open_few = Course.objects.filter(consultant__username=f"youth-consultant-{small}-2").count()
    open_many = Course.objects.filter(consultant__username=f"youth-consultant-{large}").count()
    return [
        Case("start (youth consultant)", f"few courses ({open_few})", f"youth-consultant-{small}-2", "/"),
        Case("start (youth consultant)", f"many courses ({open_many})", f"youth-consultant-{large}", "/"),
        Case("start (team lead)", small, f"team-lead-{small}", "/"),
        Case("start (team lead)", large, f"team-lead-{large}", "/"),
        Case("young-people list", "q=a, active, page 1", f"youth-consultant-{small}",
             "/young-people/?q=a&status=active&page=1"),
        Case("young-people list", "q=a, active, page 2", f"youth-consultant-{small}",
             "/young-people/?q=a&status=active&page=2"),
        Case("young-people list", "all, page 5", f"youth-consultant-{small}", "/young-people/?page=5"),
        Case("young person's page", f"{few.n} timeline entries", f"youth-consultant-{small}",
             f"/young-people/{few.pk}/"),
        Case("young person's page", f"{many.n} timeline entries", f"youth-consultant-{small}",
             f"/young-people/{many.pk}/"),
        Case("API list", "active, page 1", f"youth-consultant-{small}", "/api/young-people/?status=active&page=1",
             api=True),
        Case("API list", "active, page 2", f"youth-consultant-{large}", "/api/young-people/?status=active&page=2",
             api=True),
        *group_and_company_cases(small),
    ]


def _fewest_and_most(queryset, related: str):
    """The records with the fewest and the most related rows, with their counts (as `n`)."""
    from django.db.models import Count

    ranked = queryset.annotate(n=Count(related, distinct=True)).order_by("n", "pk")
    return ranked.first(), ranked.last()


def group_and_company_cases(town: str) -> list[Case]:
    """The group, session, company, offer and internship pages, each on a small and a large record."""
    from nextwork.companies.models import Company, Internship, Offer
    from nextwork.groups.models import NetworkGroup, Session

    user = f"team-lead-{town}"
    cases = []
    pairs = [
        ("group page", "members", NetworkGroup.objects.filter(municipality__slug=town), "memberships",
         "/groups/{pk}/"),
        ("session page", "attendance rows", Session.objects.filter(group__municipality__slug=town), "attendance",
         "/groups/sessions/{pk}/"),
        ("company page", "internships", Company.objects.filter(municipality__slug=town), "internships",
         "/companies/{pk}/"),
        ("offer form", "internships", Offer.objects.filter(company__municipality__slug=town), "internships",
         "/companies/offers/{pk}/edit/"),
        ("internship page", "events", Internship.objects.filter(municipality__slug=town), "events",
         "/companies/internships/{pk}/"),
    ]
    for page, what, queryset, related, url in pairs:
        few, many = _fewest_and_most(queryset, related)
        cases += [Case(page, f"{few.n} {what}", user, url.format(pk=few.pk)),
                  Case(page, f"{many.n} {what}", user, url.format(pk=many.pk))]
    cases += [Case("offers list", "page 1", user, "/companies/offers/"),
              Case("offers list", "page 3", user, "/companies/offers/?page=3"),
              Case("internships list", "page 1", user, "/companies/internships/"),
              Case("internships list", "page 3", user, "/companies/internships/?page=3")]
    return cases


def measure(case: Case, *, requests: int, warmups: int) -> Result:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from nextwork.core.models import User
    from nextwork.core.tokens import api_token_create

    user = User.objects.get(username=case.username)
    client = Client()
    headers = {}
    if case.api:
        headers["Authorization"] = f"Bearer {api_token_create(user=user, label='bench')}"
    else:
        client.force_login(user)

    def get():
        response = client.get(case.url, headers=headers)
        if response.status_code != 200:
            raise SystemExit(f"{case.url} as {case.username}: HTTP {response.status_code}")

    for _ in range(warmups):
        get()
    with CaptureQueriesContext(connection) as captured:
        get()
    queries = len(captured.captured_queries)
    reads = sum(query["sql"].lstrip().upper().startswith("SELECT") for query in captured.captured_queries)
    timings, cpu = [], []
    for _ in range(requests):
        started, started_cpu = time.perf_counter(), time.process_time()
        get()
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    p95 = statistics.quantiles(timings, n=20, method="inclusive")[18]
    return Result(case.page, case.variant, case.url, round(statistics.median(timings), 1), round(p95, 1),
                  round(statistics.median(cpu), 1), queries, reads)


def verdicts(results: list[Result]) -> dict[str, str]:
    """Per page: FAIL when a p95 or a query count is over target, or the number of reads (SELECTs) grows
    from the first (small) case to a larger one. Writes are left out of the growth check: the audit row of a
    list is written once when the list names anybody, and not for an empty list."""
    by_page: dict[str, list[Result]] = {}
    for result in results:
        by_page.setdefault(result.page, []).append(result)
    out = {}
    for page, rows in by_page.items():
        problems = []
        if any(r.p95_ms > TARGET_P95_MS for r in rows):
            problems.append("slow")
        if any(r.queries > TARGET_QUERIES for r in rows):
            problems.append("queries")
        if any(r.reads > rows[0].reads for r in rows[1:]):
            problems.append("count grows")
        out[page] = "FAIL (" + ", ".join(problems) + ")" if problems else "OK"
    return out


def table(results: list[Result], verdict: dict[str, str]) -> str:
    header = (f"{'page':<26} {'case':<26} {'median ms':>9} {'p95 ms':>8} {'cpu ms':>7} {'queries':>7} {'reads':>5}  "
              f"target: p95 < {TARGET_P95_MS:.0f} ms, queries <= {TARGET_QUERIES}")
    lines = [header, "-" * len(header)]
    for r in results:
        ok = "OK" if r.p95_ms <= TARGET_P95_MS and r.queries <= TARGET_QUERIES else "FAIL"
        lines.append(f"{r.page:<26} {r.variant:<26} {r.median_ms:>9.1f} {r.p95_ms:>8.1f} {r.cpu_ms:>7.1f} "
                     f"{r.queries:>7} {r.reads:>5}  {ok}")
    lines.append("")
    lines += [f"{page:<26} {v}" for page, v in verdict.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep the national demo when it is already built")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmups", type=int, default=3)
    args = parser.parse_args(argv)

    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("bench.pages measures PostgreSQL: DATABASE_URL must be a postgres:// URL.")
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nextwork.settings.demo")

    import django

    django.setup()
    from django.conf import settings

    build_seconds = build(args.reuse)
    if build_seconds is not None:
        print(f"National demo built in {build_seconds:.1f} s (target < 300 s).")
    results = [measure(case, requests=args.requests, warmups=args.warmups) for case in cases()]
    verdict = verdicts(results)
    print(table(results, verdict))

    out = settings.VAR_DIR / "bench" / "pages.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "database": urlsplit(url)._replace(netloc=urlsplit(url).hostname or "").geturl(),
        "build_seconds": round(build_seconds, 1) if build_seconds is not None else None,
        "requests": args.requests, "warmups": args.warmups, "load_average": os.getloadavg(),
        "targets": {"p95_ms": TARGET_P95_MS, "queries": TARGET_QUERIES},
        "results": [asdict(r) for r in results],
        "verdicts": verdict,
    }, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWritten to {out.relative_to(settings.BASE_DIR)}.")
    return 0 if all(v == "OK" for v in verdict.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
