from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from nextwork.core.backups import BackupError, backup, manifest_path


class Command(BaseCommand):
    help = ("Dumps the PostgreSQL database (pg_dump --format=custom) to PATH and writes a manifest to PATH.json "
            "(row counts, checksums, migrations, key check) for `manage.py restore`. The encryption and lookup "
            "keys are not in the backup: keep them separately.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="where to write the dump (the manifest goes to PATH.json)")

    def handle(self, *args, path, **options):
        try:
            manifest = backup(connections[DEFAULT_DB_ALIAS].settings_dict, path)
        except BackupError as error:
            raise CommandError(f"Backup failed: {error}") from error
        tables = manifest["tables"]
        self.stdout.write(self.style.SUCCESS(
            f"Backed up {len(tables)} tables ({sum(t['rows'] for t in tables.values())} rows) to {path}; "
            f"manifest {manifest_path(path)}."))
