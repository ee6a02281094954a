"""Backups of the PostgreSQL database (pg_dump's custom format) with a manifest that a restore checks against.

The manifest (the dump's path + ".json") holds, taken from the very snapshot that pg_dump dumps, the row count and
a checksum of every table, the latest migration per app, and a key check: a keyed hash of a fixed string with the
lookup key and a token encrypted with the first encryption key. A restore verifies the keys against it before it
touches anything, and the counts and checksums after pg_restore. The keys are not in the backup: they travel
separately (README, "Running in production").
"""

import datetime as dt
import json
import os
import shutil
import subprocess  # nosec B404
from pathlib import Path

import psycopg
from psycopg import sql

from nextwork.core.crypto import DecryptionError, decrypt, encrypt, lookup_hash

MANIFEST_FORMAT = 1
KEY_CHECK_TEXT = "nextwork backup key check"
KEYS_DO_NOT_MATCH = "the encryption keys do not match this backup: the CPR numbers and notes would be unreadable"
# Connection options of Django's settings that libpq understands (others, such as "pool", are Django's own).
LIBPQ_OPTIONS = {"sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword", "options", "connect_timeout"}
# A row's text form depends on these session settings: fix them so that equal data gives equal checksums.
CHECKSUM_SESSION = [
    "SET TIME ZONE 'UTC'", "SET DateStyle = 'ISO, YMD'", "SET IntervalStyle = 'postgres'",
    "SET extra_float_digits = 1", "SET bytea_output = 'hex'",
]


class BackupError(RuntimeError):
    """A backup or restore that cannot go on; the message is for the operator."""


def manifest_path(path) -> Path:
    return Path(f"{path}.json")


def _require_postgresql(db_settings: dict) -> None:
    if "postgresql" not in db_settings.get("ENGINE", ""):
        raise BackupError("backup and restore work with PostgreSQL only (the configured database is "
                          f"{db_settings.get('ENGINE') or 'not set'}); copy the SQLite file instead.")


def _connect(db_settings: dict, **kwargs) -> psycopg.Connection:
    params = {key: value for key, value in (db_settings.get("OPTIONS") or {}).items() if key in LIBPQ_OPTIONS}
    params.update(dbname=db_settings["NAME"], user=db_settings.get("USER") or None,
                  password=db_settings.get("PASSWORD") or None, host=db_settings.get("HOST") or None,
                  port=db_settings.get("PORT") or None)
    return psycopg.connect(**{key: value for key, value in params.items() if value is not None}, **kwargs)


def _tool(name: str, db_settings: dict) -> tuple[list[str], dict]:
    """The client program's path, its connection arguments and an environment with the password (never an
    argument: arguments are visible to every user of the machine)."""
    program = shutil.which(name)
    if program is None:
        raise BackupError(f"{name} was not found on PATH: install the PostgreSQL client programs.")
    args = [program, "--no-password"]
    if db_settings.get("HOST"):
        args.append(f"--host={db_settings['HOST']}")
    if db_settings.get("PORT"):
        args.append(f"--port={db_settings['PORT']}")
    if db_settings.get("USER"):
        args.append(f"--username={db_settings['USER']}")
    env = dict(os.environ)
    env.pop("PGPASSWORD", None)
    if db_settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(db_settings["PASSWORD"])
    options = db_settings.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    return args, env


def _run(args: list[str], env: dict) -> None:
    # B603/S603 are false positives here: a list of arguments, no shell, and the program is the absolute path
    # that shutil.which found.
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed (exit code {result.returncode}):\n"
                          f"{result.stderr.strip()}")


def _tables(cursor) -> list[str]:
    cursor.execute("""
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname
    """)
    return [row[0] for row in cursor.fetchall()]


def _primary_key(cursor, table: str) -> list[str]:
    cursor.execute("""
        SELECT a.attname FROM pg_index i
        JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = %s::regclass AND i.indisprimary ORDER BY k.position
    """, [sql.Identifier("public", table).as_string(cursor)])
    return [row[0] for row in cursor.fetchall()]


def table_checksums(cursor) -> dict[str, dict]:
    """Row count and md5 of every table's rows in a fixed order (the primary key, else the rows' text)."""
    for statement in CHECKSUM_SESSION:
        cursor.execute(statement)
    checksums = {}
    for table in _tables(cursor):
        key = _primary_key(cursor, table)
        order = (sql.SQL(", ").join(sql.SQL("t.{}").format(sql.Identifier(column)) for column in key)
                 if key else sql.SQL("t::text"))
        cursor.execute(sql.SQL("SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY {})), '') "
                               "FROM {} t").format(order, sql.Identifier("public", table)))
        rows, checksum = cursor.fetchone()
        checksums[table] = {"rows": rows, "md5": checksum}
    return checksums


def _migrations(cursor) -> dict[str, str]:
    if "django_migrations" not in _tables(cursor):
        return {}
    cursor.execute("SELECT app, max(name) FROM django_migrations GROUP BY app ORDER BY app")
    return dict(cursor.fetchall())


def key_check() -> dict:
    return {"lookup_hash": lookup_hash(KEY_CHECK_TEXT), "encrypted": encrypt(KEY_CHECK_TEXT)}


def keys_fit(manifest: dict) -> bool:
    check = manifest.get("key_check") or {}
    if check.get("lookup_hash") != lookup_hash(KEY_CHECK_TEXT):
        return False
    try:
        return decrypt(check.get("encrypted", "")) == KEY_CHECK_TEXT
    except DecryptionError:
        return False


def backup(db_settings: dict, path) -> dict:
    """Dumps the database to `path` and writes the manifest beside it; returns the manifest."""
    _require_postgresql(db_settings)
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    args, env = _tool("pg_dump", db_settings)
    # The checksums and pg_dump see the same snapshot, so that writes during the backup cannot tell them apart.
    with _connect(db_settings) as connection:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot(), now()")
            snapshot, taken_at = cursor.fetchone()
            manifest = {
                "format": MANIFEST_FORMAT,
                "created": taken_at.astimezone(dt.UTC).isoformat(),
                "database": db_settings["NAME"],
                "migrations": _migrations(cursor),
                "tables": table_checksums(cursor),
                "key_check": key_check(),
            }
            _run([*args, "--format=custom", f"--snapshot={snapshot}", f"--file={partial}",
                  f"--dbname={db_settings['NAME']}"], env)
    os.replace(partial, path)
    manifest_path(path).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def read_manifest(path) -> dict:
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"there is no backup at {path}.")
    try:
        manifest = json.loads(manifest_path(path).read_text())
    except FileNotFoundError as error:
        raise BackupError(f"the manifest {manifest_path(path)} is missing: without it the restore cannot be "
                          "verified.") from error
    except json.JSONDecodeError as error:
        raise BackupError(f"the manifest {manifest_path(path)} is not valid JSON: {error}") from error
    if manifest.get("format") != MANIFEST_FORMAT or "tables" not in manifest:
        raise BackupError(f"the manifest {manifest_path(path)} is not a NExTWORK backup manifest (format "
                          f"{MANIFEST_FORMAT}).")
    return manifest


def database_tables(db_settings: dict) -> list[str]:
    _require_postgresql(db_settings)
    with _connect(db_settings) as connection, connection.cursor() as cursor:
        return _tables(cursor)


def differences(expected: dict, found: dict) -> list[str]:
    lines = []
    for table in sorted(set(expected) | set(found)):
        if table not in found:
            lines.append(f"{table}: missing after the restore")
        elif table not in expected:
            lines.append(f"{table}: not in the backup")
        elif expected[table] != found[table]:
            lines.append(f"{table}: {expected[table]['rows']} rows in the backup, {found[table]['rows']} restored"
                         + ("" if expected[table]["rows"] != found[table]["rows"] else " (checksums differ)"))
    return lines


def restore(db_settings: dict, path, replace: bool = False) -> dict:
    """Restores the backup at `path` into the database of `db_settings` and verifies it; returns the manifest.

    Refuses, before it changes anything, when the configured keys do not fit the backup or when the database
    has tables and `replace` is not given. With `replace`, the public schema is dropped and created anew."""
    _require_postgresql(db_settings)
    manifest = read_manifest(path)
    if not keys_fit(manifest):
        raise BackupError(KEYS_DO_NOT_MATCH)
    args, env = _tool("pg_restore", db_settings)
    existing = database_tables(db_settings)
    if existing and not replace:
        raise BackupError(f"the database {db_settings['NAME']} is not empty ({len(existing)} tables): restore "
                          "into an empty database, or give --replace to drop everything in it first.")
    if existing:
        with _connect(db_settings, autocommit=True) as connection:
            connection.execute("DROP SCHEMA public CASCADE")
            connection.execute("CREATE SCHEMA public")
    _run([*args, "--no-owner", "--exit-on-error", "--single-transaction", f"--dbname={db_settings['NAME']}",
          str(path)], env)
    with _connect(db_settings) as connection, connection.cursor() as cursor:
        found = table_checksums(cursor)
    problems = differences(manifest["tables"], found)
    if problems:
        raise BackupError("THE RESTORED DATABASE DOES NOT MATCH THE BACKUP'S MANIFEST:\n" + "\n".join(problems))
    return manifest
