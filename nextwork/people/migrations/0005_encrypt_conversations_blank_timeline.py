"""Data: encrypt the existing 1:1 notes (Conversation.text) and take the note text out of the timeline.

The column was plain text until 0004; the rows are encrypted here with raw SQL in batches (the model's field
would try to decrypt the plain text). A value that already decrypts is left alone, so running it twice does
no harm. Timeline lines of conversations keep their kind and date and point to the note; the text part of
older lines ("1:1-samtale: ...") is dropped and cannot be brought back by reversing."""

from django.db import migrations

BATCH = 1000
MESSAGE = "%(conversation_kind)s"
# The Danish labels the team's working language wrote into `summary` (the choices as they were).
DANISH_LABELS = {"one_to_one": "1:1-samtale", "phone": "Telefonsamtale", "note": "Notat"}


def _rows(cursor, after: int):
    cursor.execute("SELECT id, text FROM people_conversation WHERE id > %s ORDER BY id LIMIT %s", [after, BATCH])
    return cursor.fetchall()


def _convert(schema_editor, change) -> None:
    with schema_editor.connection.cursor() as cursor:
        last = 0
        while rows := _rows(cursor, last):
            for pk, text in rows:
                new = change(text)
                if new is not None:
                    cursor.execute("UPDATE people_conversation SET text = %s WHERE id = %s", [new, pk])
            last = rows[-1][0]


def encrypt_notes(apps, schema_editor):
    from nextwork.core.crypto import DecryptionError, decrypt, encrypt

    def change(text):
        if not text:
            return None
        try:
            decrypt(text)
        except DecryptionError:
            return encrypt(text)
        return None  # already encrypted

    _convert(schema_editor, change)


def decrypt_notes(apps, schema_editor):
    from nextwork.core.crypto import DecryptionError, decrypt

    def change(text):
        try:
            return decrypt(text) if text else None
        except DecryptionError:
            return None  # plain already

    _convert(schema_editor, change)


def blank_timeline_text(apps, schema_editor):
    TimelineEntry = apps.get_model("people", "TimelineEntry")
    Conversation = apps.get_model("people", "Conversation")
    by_day: dict[tuple, list[int]] = {}
    for pk, course_id, on, kind in Conversation.objects.values_list("pk", "course_id", "occurred_on", "kind"):
        by_day.setdefault((course_id, on, kind), []).append(pk)
    kinds_by_label = {label: kind for kind, label in DANISH_LABELS.items()}
    changed = []
    for entry in TimelineEntry.objects.filter(kind="conversation").iterator(chunk_size=BATCH):
        kind = (entry.params or {}).get("conversation_kind") or kinds_by_label.get(entry.summary.split(": ", 1)[0])
        if kind is None:  # a line this migration cannot read: keep nothing of its text
            entry.summary, entry.message, entry.params = "", "", {}
        else:
            entry.message, entry.params = MESSAGE, {"conversation_kind": kind}
            entry.summary = DANISH_LABELS.get(kind, kind)
            same_day = by_day.get((entry.course_id, entry.occurred_on, kind), [])
            if len(same_day) == 1:
                entry.params["conversation"] = same_day[0]
        changed.append(entry)
        if len(changed) >= BATCH:
            TimelineEntry.objects.bulk_update(changed, ["summary", "message", "params"])
            changed = []
    TimelineEntry.objects.bulk_update(changed, ["summary", "message", "params"])


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0004_privacy"),
    ]

    operations = [
        migrations.RunPython(encrypt_notes, decrypt_notes),
        migrations.RunPython(blank_timeline_text, migrations.RunPython.noop),
    ]
