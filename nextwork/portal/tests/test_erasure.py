"""Erasure after the retention period across every app: once a young person's last course is past the
retention period, no app keeps their free text (searched row by row, decrypted, for a marker), the research
record and the trial's pseudonymised data stay, every erased record has its audit row, and a dry run
changes nothing. The guard test fails the day a model points to a young person or a course and no erasure
step covers it (nor NO_FREE_TEXT with a reason)."""

import datetime as dt

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from nextwork.companies.models import InternshipEvent, Offer
from nextwork.core.crypto import lookup_hash
from nextwork.core.models import AuditEvent, Municipality
from nextwork.devising.models import Proposal
from nextwork.events.models import AllocationRun, Invitation, Lock, MatchEvent, Placement
from nextwork.groups.models import AgendaItem
from nextwork.groups.services.memberships import membership_add
from nextwork.people import erasure as people_erasure
from nextwork.people.models import ResearchRecord, YoungPerson
from nextwork.people.services.courses import course_change_status, course_end
from nextwork.people.services.notes import conversation_add, psychologist_conversation_add
from nextwork.portal import erasure as portal_erasure
from nextwork.portal.erasure import ERASURE_STEPS, NO_FREE_TEXT
from nextwork.trial.models import HandoverMeeting, Participant, Trial
from nextwork.wellbeing.models import ConcernAction, ConcernFlag, Goal

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
MARKER = "Zebrafink"
CONTROL_CPR = "0101991234"


def _years_later(years: int):
    return time_machine.travel(dt.datetime.combine(TODAY.replace(year=TODAY.year + years), dt.time(3, 0)),
                               tick=False)


def _participant(trial, municipality, actor, *, person=None, cpr, arm):
    return Participant.objects.create(
        trial=trial, municipality=municipality, first_name=MARKER, last_name=f"{MARKER}sen", cpr=cpr,
        cpr_lookup=lookup_hash(cpr), birth_date=dt.date(1999, 5, 17), age=23, gender="female",
        benefit_type="cash_benefit", months_on_support=4, highest_education="primary",
        stratum=f"{municipality.slug}|18-24|cash_benefit", position=1 if arm == "treatment" else 2, arm=arm,
        allocated_at=timezone.now() - dt.timedelta(days=400), entered_by=actor, person=person)


@pytest.fixture
def everywhere(make_person, consultant, psychologist, team_lead, make_group, make_company, make_internship,
               roskilde):
    """A young person in a research-phase municipality whose only course ended a month ago, with free text
    containing MARKER in every app, a trial participation (the trial closed today) and a control participant
    beside them."""
    Municipality.objects.filter(pk=roskilde.pk).update(phase=Municipality.Phase.RESEARCH)
    ended_on = TODAY - dt.timedelta(days=30)
    person = make_person(referred_days_ago=400, interests=MARKER, work_history=MARKER,
                         availability_note=MARKER).person
    course = course_change_status(actor=consultant, course=person.courses.get(), status="active",
                                  on=ended_on - dt.timedelta(days=300))
    conversation_add(actor=consultant, course=course, kind="note", occurred_on=ended_on - dt.timedelta(days=20),
                     text=MARKER)
    psychologist_conversation_add(actor=psychologist, course=course, occurred_on=ended_on - dt.timedelta(days=20),
                                  note=MARKER)
    company = make_company()
    internship = make_internship(course=course, company=company, start=ended_on - dt.timedelta(days=200))
    type(internship).objects.filter(pk=internship.pk).update(meeting_notes=MARKER, youth_note=MARKER,
                                                              interruption_reason=MARKER)
    InternshipEvent.objects.create(internship=internship, kind="paused", occurred_on=ended_on - dt.timedelta(days=90),
                                   actor=consultant, summary=f"Paused: {MARKER}")
    course_end(actor=consultant, course=course, exit_type="job", exit_date=ended_on, employer_or_school=MARKER,
               note=MARKER)

    membership = membership_add(actor=consultant, group=make_group(), person=person,
                                joined_on=ended_on - dt.timedelta(days=250))
    AgendaItem.objects.create(group=membership.group, title=MARKER, proposed_by_member=membership)

    offer = Offer.objects.create(company=company, function="Smed", occupation_code="7212")
    event = MatchEvent.objects.create(municipality=roskilde, held_on=ended_on - dt.timedelta(days=210),
                                      starts_at=dt.time(10), place="Ungehuset")
    Invitation.objects.create(event=event, person=person, about_me=MARKER, buddy_name=MARKER)
    Lock.objects.create(event=event, person=person, offer=offer, reason=MARKER, created_by=consultant)
    run = AllocationRun.objects.create(event=event, created_by=consultant, seed=1, instance={}, result={})
    Placement.objects.create(run=run, person=person, offer=offer, note=MARKER)

    goal = Goal.objects.create(person=person, municipality=roskilde, text=MARKER, set_on=ended_on)
    flag = ConcernFlag.objects.create(person=person, municipality=roskilde, kind="crisis", note=MARKER,
                                      raised_by=consultant)
    ConcernAction.objects.create(flag=flag, text=MARKER, by=team_lead)
    Proposal.objects.create(municipality=roskilde, person=person, title=MARKER, where_principles=MARKER,
                            why=MARKER, expected=MARKER, response=MARKER)

    trial = Trial.objects.create(name="NExTWORK-forsøget", status="closed", closed_at=timezone.now())
    treated = _participant(trial, roskilde, consultant, person=person, cpr=person.cpr, arm="treatment")
    HandoverMeeting.objects.create(participant=treated, meets_on=ended_on - dt.timedelta(days=299),
                                   previous_caseworker="Sagsbehandler", carries_across=MARKER)
    control = _participant(trial, roskilde, consultant, cpr=CONTROL_CPR, arm="control")
    return person, course, goal, treated, control


def _marker_rows() -> list[str]:
    """Every row of every table (the audit log included: it never holds a note's text), decrypted through
    the models, whose text holds the marker."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        fields = [field for field in model._meta.concrete_fields
                  if isinstance(field, models.CharField | models.TextField | models.JSONField)]
        if not fields:
            continue
        for row in model._base_manager.all():
            found += [f"{model._meta.label}.{field.name} #{row.pk}" for field in fields
                      if MARKER in str(getattr(row, field.attname))]
    return found


def test_after_the_retention_period_no_app_keeps_the_young_persons_free_text(everywhere):
    person, course, goal, treated, control = everywhere
    assert len(_marker_rows()) > 20  # the marker is planted in every app
    with _years_later(6):
        call_command("erase_expired")
    assert _marker_rows() == []
    # What the analyses need stays.
    record = ResearchRecord.objects.get()
    assert record.municipality_id == person.municipality_id and record.exit_type == "job"
    for participant in (treated, control):
        kept = Participant.objects.get(pk=participant.pk)
        assert (kept.research_id, kept.arm, kept.stratum, kept.age, kept.months_on_support) == (
            participant.research_id, participant.arm, participant.stratum, 23, 4)
        assert kept.cpr == "" and kept.cpr_lookup == f"erased-{kept.pk}" and kept.birth_date == dt.date(1999, 1, 1)
    assert Goal.objects.get(pk=goal.pk).status == goal.status  # the goal's status stays for the figures
    assert Invitation.objects.get(person=person).event_id  # the invitation stays, as an empty shell's


def test_every_erased_record_has_its_audit_row_saying_what_was_done(everywhere):
    person, course, goal, treated, control = everywhere
    with _years_later(6):
        call_command("erase_expired")
    rows = AuditEvent.objects.filter(summary__startswith="erased after 5 years' retention")
    about_person = [row.summary for row in rows.filter(object_type="young_person", object_id=str(person.pk))]
    for label in ("personal details blanked", "internships:", "match events:", "wellbeing:",
                  "devising proposals:", "randomised trial:", "network groups:"):
        assert any(label in summary for summary in about_person), label
    assert rows.filter(object_type="course", object_id=str(course.pk)).exists()
    assert rows.filter(object_type="trial_participant", object_id=str(control.pk)).exists()
    assert all(row.actor.username == "nextwork-retention" for row in rows)


def test_a_second_run_finds_nothing_left(everywhere):
    with _years_later(6):
        call_command("erase_expired")
        before = AuditEvent.objects.count()
        call_command("erase_expired")
    assert AuditEvent.objects.count() == before


def test_a_dry_run_lists_what_would_be_erased_and_changes_nothing(everywhere, capsys):
    person, *_ = everywhere
    planted = _marker_rows()
    audit_rows = AuditEvent.objects.count()
    with _years_later(6):
        call_command("erase_expired", "--dry-run")
    out = capsys.readouterr().out
    assert f"Would erase young_person {person.pk}: match events:" in out
    assert "Would erase trial_participant" in out
    assert _marker_rows() == planted
    assert AuditEvent.objects.count() == audit_rows
    assert YoungPerson.objects.get(pk=person.pk).erased_on is None
    assert not ResearchRecord.objects.exists()


def test_while_the_trial_runs_the_cpr_number_stays_and_the_names_go(everywhere):
    person, course, goal, treated, control = everywhere
    Trial.objects.filter(pk=treated.trial_id).update(status="live", closed_at=None)
    with _years_later(6):
        call_command("erase_expired")
    treated = Participant.objects.get(pk=treated.pk)
    assert treated.first_name == "—" and treated.last_name == ""
    assert treated.cpr_lookup != f"erased-{treated.pk}" and treated.cpr
    control = Participant.objects.get(pk=control.pk)
    assert control.first_name == MARKER and control.cpr == CONTROL_CPR  # the trial still needs them
    # Closed later: the next night's run takes the CPR numbers of the blanked young person's participation.
    Trial.objects.filter(pk=treated.trial_id).update(status="closed", closed_at=timezone.now())
    with _years_later(6):
        call_command("erase_expired")
    assert Participant.objects.get(pk=treated.pk).cpr == ""


def test_a_young_person_blanked_by_an_older_run_is_caught_up(everywhere):
    """The steps ask the data, so free text an older version of the command left behind goes too."""
    person, *_ = everywhere
    with _years_later(6):
        people_erasure.blank_person(YoungPerson.objects.get(pk=person.pk), today=dt.date.today())
        assert Invitation.objects.get(person=person).about_me == MARKER
        call_command("erase_expired")
    assert Invitation.objects.get(person=person).about_me == ""


# The guard: every foreign key to a young person or a course is covered by an erasure step


def _uncovered(steps, no_free_text) -> set[tuple[str, str]]:
    targets = {apps.get_model("people", "YoungPerson"), apps.get_model("people", "Course")}
    pointing = set()
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in model._meta.get_fields():
            relation = isinstance(field, models.ForeignKey | models.OneToOneField | models.ManyToManyField)
            if relation and field.related_model in targets and not field.auto_created:
                pointing.add((model._meta.label, field.name))
    covered = {cover for step in steps for cover in step.covers} | set(people_erasure.COVERS) | set(no_free_text)
    return pointing - covered


def test_every_foreign_key_to_a_young_person_or_course_is_covered_by_an_erasure_step():
    uncovered = _uncovered(ERASURE_STEPS, NO_FREE_TEXT)
    assert not uncovered, (
        f"{sorted(uncovered)} point to a young person or a course but no step in nextwork/portal/erasure.py "
        "ERASURE_STEPS erases them: their free text would outlive the retention period. Add an ErasureStep "
        "(in the app's erasure.py) or, if the rows hold no free text, list them in NO_FREE_TEXT with the reason.")


def test_the_guard_notices_a_foreign_key_that_no_step_covers(monkeypatch):
    without_events = tuple(step for step in ERASURE_STEPS if step.label != "match events")
    assert _uncovered(without_events, NO_FREE_TEXT) == {("events.Invitation", "person"), ("events.Lock", "person"),
                                                        ("events.Placement", "person")}
    monkeypatch.setattr(portal_erasure, "NO_FREE_TEXT", {})
    assert ("events.Wish", "person") in _uncovered(ERASURE_STEPS, portal_erasure.NO_FREE_TEXT)


def test_every_cover_names_a_real_foreign_key_and_every_exemption_gives_a_reason():
    targets = {apps.get_model("people", "YoungPerson"), apps.get_model("people", "Course")}
    covers = [cover for step in ERASURE_STEPS for cover in step.covers] + list(people_erasure.COVERS)
    for label, field_name in covers + list(NO_FREE_TEXT):
        assert apps.get_model(label)._meta.get_field(field_name).related_model in targets
    assert all(reason.strip() for reason in NO_FREE_TEXT.values())
    assert not set(covers) & set(NO_FREE_TEXT)
