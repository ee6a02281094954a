"""Privacy of young people's records: 1:1 notes encrypted at rest and kept out of the timeline (read in the
conversations panel, audited, never by a caseworker), erasure after the retention period (with the research
record kept where the municipality is in the research phase) and consent withdrawal leaving research data."""

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation

from nextwork.core.crypto import decrypt, pseudonym
from nextwork.core.models import AuditEvent, Municipality
from nextwork.core.roles import Role
from nextwork.people import access, stats
from nextwork.people.choices import TimelineKind
from nextwork.people.models import (
    Conversation,
    Course,
    PsychologistConversation,
    ResearchRecord,
    TimelineEntry,
    YoungPerson,
)
from nextwork.people.services.consent import consent_give, consent_withdraw
from nextwork.people.services.courses import course_change_status, course_end
from nextwork.people.services.notes import conversation_add, psychologist_conversation_add

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
SECRET = "Bor hos sin moster efter bruddet med faren"
migration = importlib.import_module("nextwork.people.migrations.0005_encrypt_conversations_blank_timeline")


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def noted(make_person, consultant):
    course = make_person().course
    conversation = conversation_add(actor=consultant, course=course, kind="one_to_one", occurred_on=TODAY,
                                    text=SECRET)
    return course, conversation


def _raw_text(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM people_conversation WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def _page(client, user, person) -> str:
    client.force_login(user)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("portal:person", args=[person.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _section(page: str, heading_id: str) -> str:
    start = page.index(f'aria-labelledby="{heading_id}"')
    return page[start:page.index("</section>", start)]


# Notes: encrypted, out of the timeline, read in their own panel


def test_a_note_is_encrypted_in_the_database(noted):
    course, conversation = noted
    raw = _raw_text(conversation.pk)
    assert SECRET not in raw and "moster" not in raw
    assert decrypt(raw) == SECRET
    assert Conversation.objects.get(pk=conversation.pk).text == SECRET


def test_the_timeline_says_the_kind_and_date_but_holds_no_note_text(noted, english):
    course, conversation = noted
    entry = TimelineEntry.objects.get(course=course, kind=TimelineKind.CONVERSATION)
    stored = f"{entry.summary} {entry.message} {entry.params}"
    assert "moster" not in stored
    assert entry.occurred_on == TODAY
    assert entry.text == "1:1 conversation"
    assert entry.params == {"conversation_kind": "one_to_one", "conversation": conversation.pk}


def test_the_person_page_shows_the_note_in_the_conversations_panel_and_links_to_it_from_the_timeline(
        client, noted, consultant):
    course, conversation = noted
    page = _page(client, consultant, course.person)
    assert "moster" not in _section(page, "timeline-heading")
    assert f'href="#conversation-{conversation.pk}"' in _section(page, "timeline-heading")
    panel = _section(page, "conversations-heading")
    assert "moster" in panel and f'id="conversation-{conversation.pk}"' in panel


def test_reading_the_conversations_panel_is_audited(client, noted, consultant):
    course, conversation = noted
    _page(client, consultant, course.person)
    row = AuditEvent.objects.get(object_type="conversation", action="view")
    assert row.actor == consultant and row.object_id == str(course.person_id)
    assert row.summary == f"1 notes: {conversation.pk}" and "moster" not in row.summary


def test_a_caseworker_sees_no_conversations_and_is_refused_the_notes(client, noted, team):
    course, conversation = noted
    caseworker = team[Role.CASEWORKER]
    page = _page(client, caseworker, course.person)
    assert "moster" not in page and "conversations-heading" not in page
    assert not AuditEvent.objects.filter(object_type="conversation", action="view").exists()
    with pytest.raises(PermissionDenied):
        access.conversations_of(caseworker, course.person)
    assert AuditEvent.objects.filter(actor=caseworker, action="denied", object_type="conversation").exists()


def test_the_api_still_lists_the_notes_decrypted(client, noted, consultant):
    from nextwork.core.tokens import api_token_create

    course, conversation = noted
    response = client.get(f"/api/young-people/courses/{course.pk}/notes/",
                          HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=consultant)}")
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["items"]] == [SECRET]


# The data migration


def test_the_migration_encrypts_plain_notes_and_leaves_encrypted_ones(noted):
    course, conversation = noted
    with connection.cursor() as cursor:
        cursor.execute("UPDATE people_conversation SET text = %s WHERE id = %s", ["Gammel note i klartekst",
                                                                               conversation.pk])
    migration.encrypt_notes(apps, SimpleNamespace(connection=connection))
    first = _raw_text(conversation.pk)
    assert "klartekst" not in first and decrypt(first) == "Gammel note i klartekst"
    migration.encrypt_notes(apps, SimpleNamespace(connection=connection))  # twice: no double encryption
    assert decrypt(_raw_text(conversation.pk)) == "Gammel note i klartekst"


def test_the_migration_blanks_the_note_text_of_old_timeline_lines(noted, consultant, english):
    course, conversation = noted
    TimelineEntry.objects.filter(course=course, kind=TimelineKind.CONVERSATION).update(
        summary=f"1:1-samtale: {SECRET}", message="%(conversation_kind)s: %(text)s",
        params={"conversation_kind": "one_to_one", "text": SECRET})
    old_style = TimelineEntry.objects.create(course=course, kind=TimelineKind.CONVERSATION, occurred_on=TODAY,
                                             actor=consultant, summary="Telefonsamtale: ringede om praktik")
    migration.blank_timeline_text(apps, None)
    new = TimelineEntry.objects.get(course=course, kind=TimelineKind.CONVERSATION, params__has_key="conversation")
    assert new.summary == "1:1-samtale" and new.text == "1:1 conversation"
    assert new.params == {"conversation_kind": "one_to_one", "conversation": conversation.pk}
    old_style.refresh_from_db()
    assert old_style.summary == "Telefonsamtale" and old_style.text == "Phone call"
    assert not TimelineEntry.objects.filter(summary__contains="moster").exists()


# Erasure after the retention period


def _ended(make_person, consultant, *, ended_on: dt.date, **details):
    course = make_person(referred_days_ago=(TODAY - ended_on).days + 200, **details).course
    course_change_status(actor=consultant, course=course, status="active", on=ended_on - dt.timedelta(days=150))
    course_end(actor=consultant, course=course, exit_type="job", exit_date=ended_on, employer_or_school="Netto",
               note="Fik job via praktikken")
    conversation_add(actor=consultant, course=course, kind="note", occurred_on=ended_on - dt.timedelta(days=10),
                     text=SECRET)
    return Course.objects.get(pk=course.pk)


def _years_later(years: int):
    return time_machine.travel(dt.datetime.combine(TODAY.replace(year=TODAY.year + years), dt.time(3, 0)),
                               tick=False)


def test_a_course_is_erased_after_the_retention_period_with_an_audit_row(make_person, consultant, psychologist,
                                                                          roskilde):
    course = _ended(make_person, consultant, ended_on=TODAY - dt.timedelta(days=30))
    psychologist_conversation_add(actor=psychologist, course=course, occurred_on=TODAY - dt.timedelta(days=40),
                                  note="Angst")
    person = course.person
    with _years_later(4):
        call_command("erase_expired")
    assert Conversation.objects.filter(course=course).exists()  # not yet: 4 of 5 years

    with _years_later(6):
        call_command("erase_expired")
    assert not Conversation.objects.filter(course=course).exists()
    assert not PsychologistConversation.objects.filter(course=course).exists()
    assert not TimelineEntry.objects.filter(course=course).exists()
    course.refresh_from_db()
    assert course.erased_on is not None and course.exit.note == "" and course.exit.employer_or_school == ""
    person = YoungPerson.objects.get(pk=person.pk)
    assert person.erased_on is not None
    assert (person.first_name, person.last_name, person.cpr, person.phone, person.email, person.address) == (
        "—", "", "", "", "", "")
    assert person.birth_date.month == 1 and person.birth_date.day == 1
    rows = AuditEvent.objects.filter(summary__startswith="erased after 5 years")
    assert {(row.object_type, row.object_id) for row in rows} == {("course", str(course.pk)),
                                                                  ("young_person", str(person.pk))}
    assert all(row.actor.username == "nextwork-retention" and not row.actor.is_active for row in rows)
    assert not ResearchRecord.objects.exists()  # Roskilde is in the operations phase
    assert pseudonym("course", course.pk) not in {row["course"] for row in stats.pseudonymised_courses()}


def test_a_dry_run_changes_nothing(make_person, consultant, roskilde):
    course = _ended(make_person, consultant, ended_on=TODAY - dt.timedelta(days=30))
    with _years_later(6):
        call_command("erase_expired", "--dry-run")
    assert Conversation.objects.filter(course=course).exists()
    assert YoungPerson.objects.get(pk=course.person_id).erased_on is None
    assert not AuditEvent.objects.filter(summary__startswith="erased").exists()


def test_a_person_with_a_newer_course_keeps_their_details_while_the_old_course_is_erased(make_person, consultant):
    from nextwork.people.services.courses import course_start_new

    old = _ended(make_person, consultant, ended_on=TODAY - dt.timedelta(days=30))
    with _years_later(6):
        course_start_new(actor=consultant, person=old.person, referred_on=dt.date.today())
        call_command("erase_expired")
    old.refresh_from_db()
    assert old.erased_on is not None and not old.conversations.exists()
    assert YoungPerson.objects.get(pk=old.person_id).first_name == "Freja"


def test_in_a_research_phase_municipality_the_research_record_is_kept(make_person, consultant, roskilde):
    Municipality.objects.filter(pk=roskilde.pk).update(phase=Municipality.Phase.RESEARCH)
    course = _ended(make_person, consultant, ended_on=TODAY - dt.timedelta(days=30))
    before = next(row for row in stats.pseudonymised_courses() if row["course"] == pseudonym("course", course.pk))
    with _years_later(6):
        call_command("erase_expired")
    record = ResearchRecord.objects.get()
    assert record.course == before["course"] and record.person == before["person"]
    after = [row for row in stats.pseudonymised_courses() if row["course"] == before["course"]]
    assert after == [before]  # the same row as before the erasure, now from the research record
    assert not Conversation.objects.filter(course=course).exists()
    assert "research record kept" in AuditEvent.objects.get(object_type="course",
                                                            summary__startswith="erased").summary


# Consent


def test_withdrawing_consent_leaves_the_young_person_out_of_the_research_export(make_person, consultant):
    leaving = make_person(first_name="Ida").person
    staying = make_person(first_name="Ali").person
    consent_withdraw(actor=consultant, person=leaving, on=TODAY)
    people = {row["person"] for row in stats.pseudonymised_courses()}
    assert pseudonym("person", staying.pk) in people and pseudonym("person", leaving.pk) not in people
    leaving.refresh_from_db()
    assert leaving.consent_withdrawn_on == TODAY and not leaving.consent_given and leaving.consent_date == TODAY
    row = AuditEvent.objects.get(action="change", object_id=str(leaving.pk), object_type="young_person")
    assert "consent_withdrawn_on: - -> " in row.summary

    consent_give(actor=consultant, person=leaving, on=TODAY)
    assert pseudonym("person", leaving.pk) in {row["person"] for row in stats.pseudonymised_courses()}


def test_a_withdrawn_consent_is_not_kept_as_a_research_record(make_person, consultant, roskilde):
    Municipality.objects.filter(pk=roskilde.pk).update(phase=Municipality.Phase.RESEARCH)
    course = _ended(make_person, consultant, ended_on=TODAY - dt.timedelta(days=30))
    consent_withdraw(actor=consultant, person=course.person, on=TODAY)
    with _years_later(6):
        call_command("erase_expired")
    assert not ResearchRecord.objects.exists()


def test_staff_record_the_withdrawal_from_the_profile_panel(client, make_person, consultant, team):
    person = make_person().person
    page = _page(client, consultant, person)
    assert "Record that consent is withdrawn" in _section(page, "profile-heading")
    response = client.post(reverse("people:consent", args=[person.pk]),
                           {"action": "withdraw", "on": TODAY.isoformat()})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.consent_withdrawn_on == TODAY
    assert "Withdrawn on" in _section(_page(client, consultant, person), "profile-heading")
    # The caseworker may not.
    client.force_login(team[Role.CASEWORKER])
    assert client.post(reverse("people:consent", args=[person.pk]),
                       {"action": "give", "on": TODAY.isoformat()}).status_code == 403


def test_a_withdrawal_in_the_future_is_refused(make_person, consultant):
    from nextwork.core.errors import DomainError

    person = make_person().person
    with pytest.raises(DomainError):
        consent_withdraw(actor=consultant, person=person, on=TODAY + dt.timedelta(days=1))
