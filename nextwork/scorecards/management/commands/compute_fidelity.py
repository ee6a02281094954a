"""`python manage.py compute_fidelity [--months N]`: stores every fidelity indicator for every municipality
for the last N months (default 2: this month and the last, which has just become complete), run nightly.
Idempotent: a month computed again replaces its figures."""

import time

from django.core.management.base import BaseCommand, CommandError

from nextwork.scorecards.collect import MAX_MONTHS
from nextwork.scorecards.figures import figures_store, recent_months


class Command(BaseCommand):
    help = "Computes and stores the fidelity indicators of every municipality for the last N months (nightly)."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=2,
                            help=f"How many months back, this month included (1-{MAX_MONTHS}; default 2).")

    def handle(self, *args, months: int, **options):
        if not 1 <= months <= MAX_MONTHS:
            raise CommandError(f"--months must be from 1 to {MAX_MONTHS}.")
        span = recent_months(months)
        started = time.perf_counter()
        written = figures_store(span)
        self.stdout.write(f"Stored {written} fidelity figures for {span[0]:%Y-%m} to {span[-1]:%Y-%m} "
                          f"in {time.perf_counter() - started:.2f} s.")
