"""`manage.py backup` and `manage.py restore` (PostgreSQL only): a round trip into a scratch database gives the
same row counts and checksums for every table; wrong keys, a non-empty database and a tampered manifest are
refused."""

import io
import json
import secrets

import psycopg
import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from nextwork.core import backups
from nextwork.core.crypto import _fernet
from nextwork.people.models import YoungPerson

ON_POSTGRESQL = "postgresql" in settings.DATABASES["default"]["ENGINE"]
postgresql_only = pytest.mark.skipif(not ON_POSTGRESQL, reason="backup and restore are for PostgreSQL")
pytestmark = pytest.mark.django_db(transaction=True)


def _admin_connection():
    db = settings.DATABASES["default"]
    return psycopg.connect(dbname="postgres", user=db.get("USER") or None, password=db.get("PASSWORD") or None,
                           host=db.get("HOST") or None, port=db.get("PORT") or None, autocommit=True)


@pytest.fixture
def scratch_db():
    """The settings of a new, empty database beside the test database; dropped at the end."""
    name = f"nextwork_backup_test_{secrets.token_hex(4)}"
    with _admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**settings.DATABASES["default"], "NAME": name}
    finally:
        with _admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def backup_path(tmp_path, make_person, psychologist, other_team, network_users):
    for first_name in ["Freja", "Oskar", "Aya"]:
        make_person(first_name=first_name)
    path = tmp_path / "nextwork.dump"
    call_command("backup", str(path), stdout=io.StringIO())
    return path


def _checksums(db_settings):
    with backups._connect(db_settings) as conn, conn.cursor() as cursor:
        return backups.table_checksums(cursor)


@postgresql_only
def test_backup_writes_a_dump_and_a_manifest(backup_path):
    manifest = json.loads(backups.manifest_path(backup_path).read_text())
    assert backup_path.stat().st_size > 0
    assert manifest["tables"]["people_youngperson"]["rows"] == 3
    assert manifest["tables"]["core_auditevent"]["rows"] > 0
    assert manifest["migrations"]["core"].startswith("00")
    assert manifest["tables"] == _checksums(settings.DATABASES["default"])
    assert backups.keys_fit(manifest)
    # The password never goes on pg_dump's command line; the keys are not in the manifest.
    text = backups.manifest_path(backup_path).read_text()
    assert settings.NEXTWORK_ENCRYPTION_KEYS[0] not in text and settings.NEXTWORK_LOOKUP_KEY not in text


@postgresql_only
def test_restore_into_an_empty_database_gives_identical_tables(backup_path, scratch_db):
    manifest = backups.restore(scratch_db, backup_path)
    restored = _checksums(scratch_db)
    assert restored == manifest["tables"] == _checksums(settings.DATABASES["default"])
    assert restored["people_youngperson"]["rows"] == 3
    # Restoring again into the now full database needs --replace, and then gives the same tables again.
    with pytest.raises(backups.BackupError, match="not empty"):
        backups.restore(scratch_db, backup_path)
    backups.restore(scratch_db, backup_path, replace=True)
    assert _checksums(scratch_db) == manifest["tables"]


@postgresql_only
def test_restore_refuses_a_database_that_is_not_empty(backup_path):
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(backup_path))
    assert YoungPerson.objects.count() == 3


@postgresql_only
def test_restore_replace_needs_yes_when_not_interactive(backup_path, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(backup_path), replace=True, stderr=stderr)
    assert "DROPS EVERYTHING" in stderr.getvalue()
    assert YoungPerson.objects.count() == 3


@postgresql_only
@pytest.mark.parametrize("keys", [
    {"NEXTWORK_ENCRYPTION_KEYS": [Fernet.generate_key().decode()]},
    {"NEXTWORK_LOOKUP_KEY": "another-lookup-key"},
])
def test_restore_with_wrong_keys_refuses_and_changes_nothing(backup_path, scratch_db, keys):
    before = _checksums(settings.DATABASES["default"])
    _fernet.cache_clear()
    try:
        with override_settings(**keys):
            # Even with --replace --yes, into the full test database: the keys are checked before anything.
            with pytest.raises(CommandError, match="the encryption keys do not match this backup: the CPR "
                                                   "numbers and notes would be unreadable"):
                call_command("restore", str(backup_path), replace=True, yes=True, stderr=io.StringIO())
            with pytest.raises(backups.BackupError, match="encryption keys do not match"):
                backups.restore(scratch_db, backup_path)
    finally:
        _fernet.cache_clear()
    connection.close()
    assert _checksums(settings.DATABASES["default"]) == before
    assert backups.database_tables(scratch_db) == []


@postgresql_only
def test_restore_fails_loudly_when_the_data_differs_from_the_manifest(backup_path, scratch_db):
    manifest_file = backups.manifest_path(backup_path)
    manifest = json.loads(manifest_file.read_text())
    manifest["tables"]["people_youngperson"]["rows"] = 4
    manifest["tables"]["core_user"]["md5"] = "0" * 32
    manifest_file.write_text(json.dumps(manifest))
    with pytest.raises(backups.BackupError, match="DOES NOT MATCH") as error:
        backups.restore(scratch_db, backup_path)
    assert "people_youngperson: 4 rows in the backup, 3 restored" in str(error.value)
    assert "core_user" in str(error.value) and "checksums differ" in str(error.value)


def test_backup_and_restore_refuse_sqlite(tmp_path):
    if not ON_POSTGRESQL:
        with pytest.raises(CommandError, match="PostgreSQL only"):
            call_command("backup", str(tmp_path / "x.dump"))
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3")}
    with pytest.raises(backups.BackupError, match="PostgreSQL only"):
        backups.backup(sqlite, tmp_path / "x.dump")
    with pytest.raises(backups.BackupError, match="PostgreSQL only"):
        backups.restore(sqlite, tmp_path / "x.dump")
