import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from nextwork.core.backups import (
    KEYS_DO_NOT_MATCH,
    BackupError,
    database_tables,
    keys_fit,
    read_manifest,
    restore,
)


class Command(BaseCommand):
    help = ("Restores a backup made by `manage.py backup` into the configured PostgreSQL database, which must be "
            "empty unless --replace is given; checks the keys first and the row counts and checksums after.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="the dump written by `manage.py backup` (its manifest is PATH.json)")
        parser.add_argument("--replace", action="store_true",
                            help="DROP everything in the database (the public schema) before restoring")
        parser.add_argument("--yes", action="store_true", help="do not ask before --replace drops the data")

    def handle(self, *args, path, replace, yes, **options):
        db_settings = connections[DEFAULT_DB_ALIAS].settings_dict
        # Closed, so that this process holds no connection (and no lock) while the schema is dropped.
        connections[DEFAULT_DB_ALIAS].close()
        try:
            manifest = read_manifest(path)
            if not keys_fit(manifest):
                raise CommandError(KEYS_DO_NOT_MATCH)
            existing = database_tables(db_settings)
            if existing and replace:
                self._confirm_replace(db_settings["NAME"], len(existing), yes)
            manifest = restore(db_settings, path, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        tables = manifest["tables"]
        self.stdout.write(self.style.SUCCESS(
            f"Restored {len(tables)} tables ({sum(t['rows'] for t in tables.values())} rows) from {path} "
            f"(backup of {manifest['created']}) into {db_settings['NAME']}; every row count and checksum "
            "matches the manifest."))

    def _confirm_replace(self, name, count, yes):
        self.stderr.write(self.style.ERROR(
            f"WARNING: --replace DROPS EVERYTHING in the database {name!r} ({count} tables, all their data) and "
            "replaces it with the backup. This cannot be undone."))
        if yes:
            return
        if not sys.stdin.isatty():
            raise CommandError("Refusing to replace the database without confirmation: give --yes as well.")
        answer = input(f"Type the database name ({name}) to drop it and restore: ")
        if answer.strip() != name:
            raise CommandError("Not confirmed: nothing was changed.")
