from django.db import migrations

# The row trigger of 0002 refuses UPDATE and DELETE, but TRUNCATE fires no row triggers: it needs a statement
# trigger of its own. (The owner of the table can still drop the triggers; production runs the application
# as a role that owns nothing: see README, "Running in production".) The test suite empties its database
# between transactional tests with TRUNCATE, so its connections set nextwork.allow_audit_truncate=on
# (nextwork/settings/test.py); nothing else does.
CREATE = """
CREATE OR REPLACE FUNCTION nextwork_audit_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('nextwork.allow_audit_truncate', true) = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM core_auditevent LIMIT 1;
    IF NOT FOUND THEN
        RETURN NULL;  -- an empty log loses nothing (a fresh database emptied before loading the demo)
    END IF;
    RAISE EXCEPTION 'The audit log is append-only: it cannot be truncated';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_refuse_truncate BEFORE TRUNCATE ON core_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION nextwork_audit_refuse_truncate();
"""
DROP = """
DROP TRIGGER IF EXISTS core_auditevent_refuse_truncate ON core_auditevent;
DROP FUNCTION IF EXISTS nextwork_audit_refuse_truncate();
"""


def forwards(apps, schema_editor):
    # PostgreSQL only (production); SQLite has no TRUNCATE.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_agreement_shows_cpr")]
    operations = [migrations.RunPython(forwards, backwards)]
