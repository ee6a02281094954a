import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from nextwork.core.models import Municipality
from nextwork.demo.builder import DEMO_PASSWORD, SCALES, DemoBuilder


class Command(BaseCommand):
    help = "Builds reproducible demo data. Refuses to run on a database that already has municipalities."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=2017)
        parser.add_argument("--flush", action="store_true", help="Empty the database first (destroys all data).")

    def handle(self, *args, scale, seed, flush, **options):
        if flush:
            # --flush destroys everything on purpose, the audit log included: say so to the trigger that
            # otherwise refuses to empty the log (core migration 0006).
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET nextwork.allow_audit_truncate = on")
            call_command("flush", interactive=False, verbosity=0)
        if Municipality.objects.exists():
            raise CommandError("The database already has data. Use a fresh database or --flush.")
        started = time.perf_counter()
        logins = DemoBuilder(scale=scale, seed=seed).build()
        if connection.vendor == "postgresql":
            # Fresh bulk-loaded tables have no planner statistics until autovacuum gets to them.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Built the '{scale}' demo in {elapsed:.1f} s.")
        if scale == "small":
            self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
            for username, role, municipality in logins:
                self.stdout.write(f"  {username:<34} {role:<24} {municipality}")
            self.stdout.write("\nOpen http://127.0.0.1:8000 and log in.")
