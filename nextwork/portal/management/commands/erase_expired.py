"""Erasure after the retention period: `python manage.py erase_expired [--dry-run]`, run nightly. What it
erases in each app: nextwork/portal/erasure.py and docs/privacy.md."""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand

from nextwork.people.erasure import BLANKED_SUMMARY
from nextwork.portal.erasure import erase_expired


class Command(BaseCommand):
    help = ("Erases courses that ended more than NEXTWORK_RETENTION_YEARS years ago, and every app's free text "
            "about the young people blanked (run it nightly).")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be erased; change nothing.")

    def handle(self, *args, dry_run: bool, **options):
        years = settings.NEXTWORK_RETENTION_YEARS
        done = erase_expired(today=dt.date.today(), years=years, dry_run=dry_run)
        verb = "Would erase" if dry_run else "Erased"
        for erasure in done:
            self.stdout.write(f"{verb} {erasure.object_type} {erasure.object_id}: {erasure.summary}")
        courses = sum(1 for erasure in done if erasure.object_type == "course")
        people = sum(1 for erasure in done if erasure.summary == BLANKED_SUMMARY)
        self.stdout.write(f"{verb} {courses} courses, {people} young people's details and "
                          f"{len(done) - courses - people} other records (retention {years} years).")
