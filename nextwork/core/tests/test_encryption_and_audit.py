import pytest
from django.core.checks import run_checks
from django.db import connection
from django.test import override_settings

from nextwork.core import audit
from nextwork.core.crypto import _fernet
from nextwork.core.models import AuditEvent
from nextwork.people.models import PsychologistConversation, YoungPerson


def raw_value(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_cpr_numbers_are_encrypted_at_rest_and_found_by_lookup_hash(make_person):
    person = make_person().person
    stored = raw_value("people_youngperson", "cpr", person.pk)
    assert person.cpr not in stored and len(stored) > 50
    assert YoungPerson.objects.get(pk=person.pk).cpr == person.cpr
    assert person.cpr_lookup not in (person.cpr, "")


def test_psychologist_notes_are_encrypted_at_rest(make_person, psychologist):
    from nextwork.people.services.notes import psychologist_conversation_add

    course = make_person().course
    import datetime as dt

    note = psychologist_conversation_add(actor=psychologist, course=course, occurred_on=dt.date.today(),
                                         note="Angst for store grupper")
    assert "Angst" not in raw_value("people_psychologistconversation", "note", note.pk)
    assert PsychologistConversation.objects.get(pk=note.pk).note == "Angst for store grupper"


def test_a_wrong_key_fails_loudly_instead_of_showing_a_placeholder(make_person):
    from nextwork.core.crypto import DecryptionError

    person = make_person().person
    _fernet.cache_clear()
    try:
        with override_settings(NEXTWORK_ENCRYPTION_KEYS=["Kx3vWUMcXnwlJWcN4Jd3BcUqR2wmUzW-yC1Kz0ZxH5E="]):
            with pytest.raises(DecryptionError):
                YoungPerson.objects.get(pk=person.pk)
    finally:
        _fernet.cache_clear()


def test_the_system_check_rejects_an_invalid_encryption_key():
    with override_settings(NEXTWORK_ENCRYPTION_KEYS=["not-a-key"]):
        ids = {message.id for message in run_checks()}
    assert "nextwork.E002" in ids


def test_the_audit_log_is_append_only(team_lead):
    event = audit.record(actor=team_lead, action="view", object_type="young_person", object_id=1,
                         municipality_id=team_lead.municipality_id)
    event.summary = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_itself_refuses_to_change_audit_rows(team_lead):
    from django.db import DatabaseError, transaction

    event = audit.record(actor=team_lead, action="view", object_type="young_person", object_id=1,
                         municipality_id=team_lead.municipality_id)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET summary = 'x' WHERE id = %s", [event.pk])

