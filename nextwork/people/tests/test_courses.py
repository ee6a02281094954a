import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from nextwork.core.errors import DomainError
from nextwork.people.models import FollowUp, YoungPerson
from nextwork.people.selectors import caseload, due_follow_ups
from nextwork.people.services.courses import (
    course_assign_consultant,
    course_change_status,
    course_end,
    course_start_new,
    follow_up_record,
)
from nextwork.people.services.notes import conversation_add
from nextwork.portal.merge import young_people_merge

TODAY = dt.date.today()


def test_a_course_moves_from_referred_to_active_and_records_the_start(make_person, consultant):
    course = make_person().course
    course_change_status(actor=consultant, course=course, status="active", on=TODAY)
    assert course.status == "active" and course.started_on == TODAY
    assert course.timeline.filter(kind="status").exists()


def test_a_course_cannot_be_ended_by_a_status_change(make_person, consultant):
    course = make_person().course
    with pytest.raises(DomainError):
        course_change_status(actor=consultant, course=course, status="ended", on=TODAY)


def test_ending_a_course_plans_follow_ups_at_3_6_12_and_30_months(make_person, consultant):
    course = make_person(referred_days_ago=400).course
    exit_date = TODAY - dt.timedelta(days=100)
    exit = course_end(actor=consultant, course=course, exit_type="job", exit_date=exit_date)
    assert course.status == "ended" and course.ended_on == exit_date
    assert [f.months_after for f in exit.follow_ups.order_by("months_after")] == [3, 6, 12, 30]
    due = list(due_follow_ups(municipality_id=course.municipality_id, today=TODAY))
    assert [f.months_after for f in due] == [3]


def test_a_recorded_follow_up_is_no_longer_due(make_person, consultant):
    course = make_person(referred_days_ago=400).course
    exit = course_end(actor=consultant, course=course, exit_type="education_su",
                      exit_date=TODAY - dt.timedelta(days=100))
    follow_up = exit.follow_ups.get(months_after=3)
    follow_up_record(actor=consultant, follow_up=follow_up, outcome="stayed", on=TODAY)
    assert not due_follow_ups(municipality_id=course.municipality_id, today=TODAY).exists()
    assert FollowUp.objects.get(pk=follow_up.pk).outcome == "stayed"


def test_an_exit_before_the_referral_is_refused(make_person, consultant):
    course = make_person(referred_days_ago=10).course
    with pytest.raises(DomainError) as error:
        course_end(actor=consultant, course=course, exit_type="job", exit_date=TODAY - dt.timedelta(days=20))
    assert error.value.field == "exit_date"
    assert course.status == "referred"


def test_a_returning_young_person_gets_a_new_course(make_person, consultant):
    course = make_person(referred_days_ago=100).course
    course_end(actor=consultant, course=course, exit_type="dropped_out", exit_date=TODAY)
    new = course_start_new(actor=consultant, person=course.person, referred_on=TODAY)
    assert course.person.courses.count() == 2 and new.status == "referred"


def test_a_consultant_from_another_municipality_cannot_be_assigned(make_person, consultant, other_team):
    course = make_person().course
    with pytest.raises(DomainError):
        course_assign_consultant(actor=consultant, course=course, consultant=other_team["youth_consultant"])


def test_a_psychologist_cannot_change_a_course_status(make_person, psychologist):
    course = make_person().course
    with pytest.raises(PermissionDenied):
        course_change_status(actor=psychologist, course=course, status="active", on=TODAY)


def test_a_conversation_updates_the_last_contact(make_person, consultant):
    course = make_person().course
    conversation_add(actor=consultant, course=course, kind="one_to_one", occurred_on=TODAY, text="Praktikønsker")
    course.refresh_from_db()
    assert course.last_contact_on == TODAY


def test_caseload_warns_above_the_norm(make_person, consultant, roskilde):
    roskilde.routines_established = False
    roskilde.save()
    for number in range(16):
        make_person(first_name=f"Ung{number}")
    row = next(r for r in caseload(municipality=roskilde) if r.consultant == consultant)
    assert row.open_courses == 16 and row.norm == 15 and row.over_norm


def test_merging_moves_courses_and_keeps_both_records(make_person, team_lead, consultant):
    keep = make_person(first_name="Sofie", phone="").person
    duplicate_intake = make_person(first_name="Anna", phone="+45 11 22 33 44", dream_trades="Frisør")
    conversation_add(actor=consultant, course=duplicate_intake.course, kind="note", occurred_on=TODAY,
                     text="Vigtig note")
    young_people_merge(actor=team_lead, keep=keep, duplicate=duplicate_intake.person)
    keep.refresh_from_db()
    assert keep.courses.count() == 2
    assert keep.phone == "+45 11 22 33 44"
    assert "Frisør" in keep.dream_trades
    assert YoungPerson.objects.get(pk=duplicate_intake.person.pk).merged_into == keep
    assert duplicate_intake.course.conversations.get().text == "Vigtig note"


def test_only_a_team_lead_merges(make_person, consultant):
    first, second = make_person().person, make_person(first_name="Anna").person
    with pytest.raises(PermissionDenied):
        young_people_merge(actor=consultant, keep=first, duplicate=second)


def test_timeline_texts_are_written_in_the_teams_working_language(make_person, consultant):
    from django.utils import translation

    course = make_person().course
    with translation.override("en"):
        course_change_status(actor=consultant, course=course, status="active", on=TODAY)
    assert course.timeline.get(kind="status").summary == "Status: Aktiv"


def test_timeline_lines_are_shown_in_the_readers_language(make_person, consultant, client):
    from django.utils import translation

    course = make_person().course
    course_change_status(actor=consultant, course=course, status="active", on=TODAY)
    entry = course.timeline.get(kind="status")
    with translation.override("en"):
        assert entry.text == "Status: Active"
    with translation.override("da"):
        assert entry.text == "Status: Aktiv"
    client.force_login(consultant)
    client.cookies["django_language"] = "en"
    assert "Status: Active" in client.get(f"/young-people/{course.person_id}/").content.decode()
