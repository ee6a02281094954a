"""The start rules users hit: the three-party meeting before the start (a team lead may override it with a
reason), insurance before the start (nobody may override it), and the course that follows the start."""

import datetime as dt

import pytest

from nextwork.companies.services import internships as s
from nextwork.core.errors import DomainError
from nextwork.core.models import AuditEvent
from nextwork.people.choices import CourseStatus

from .conftest import TODAY, ready_to_start


def test_the_start_is_refused_without_the_three_party_meeting(make_internship, consultant):
    internship = ready_to_start(make_internship(start=TODAY), consultant, on=TODAY, meeting=False)
    with pytest.raises(DomainError) as refused:
        s.internship_start(actor=consultant, internship=internship, on=TODAY)
    assert refused.value.field == "on" and "three-party meeting" in refused.value.message
    internship.refresh_from_db()
    assert internship.status == "planned" and not internship.events.filter(kind="started").exists()


def test_a_meeting_held_after_the_first_day_does_not_count(make_internship, consultant):
    internship = ready_to_start(make_internship(start=TODAY - dt.timedelta(days=3)), consultant,
                                on=TODAY - dt.timedelta(days=4), meeting=False)
    s.internship_meeting(actor=consultant, internship=internship, on=TODAY)
    with pytest.raises(DomainError) as refused:
        s.internship_start(actor=consultant, internship=internship, on=TODAY - dt.timedelta(days=3))
    assert "held on" in refused.value.message


def test_a_consultant_cannot_override_the_meeting_rule(make_internship, consultant):
    internship = ready_to_start(make_internship(start=TODAY), consultant, on=TODAY, meeting=False)
    with pytest.raises(DomainError) as refused:
        s.internship_start(actor=consultant, internship=internship, on=TODAY, override_reason="We are in a hurry")
    assert refused.value.field == "override_reason" and "team lead" in refused.value.message


def test_a_team_lead_overrides_the_meeting_rule_with_a_recorded_reason(make_internship, team_lead):
    internship = ready_to_start(make_internship(start=TODAY), team_lead, on=TODAY, meeting=False)
    s.internship_start(actor=team_lead, internship=internship, on=TODAY,
                       override_reason="The meeting is by phone on the first morning")
    override = internship.events.get(kind="override")
    assert internship.status == "active"
    assert "three-party meeting" in override.summary and "by phone on the first morning" in override.summary
    assert AuditEvent.objects.filter(object_type="internship", summary__contains="(override)").exists()


@pytest.mark.parametrize("papers", ["drafted", "signed"])
def test_nobody_starts_uninsured_not_even_a_team_lead(make_internship, team_lead, papers):
    internship = make_internship(start=TODAY)
    s.internship_meeting(actor=team_lead, internship=internship, on=TODAY)
    if papers == "signed":
        s.internship_agreement(actor=team_lead, internship=internship, status="signed", on=TODAY)
    with pytest.raises(DomainError) as refused:
        s.internship_start(actor=team_lead, internship=internship, on=TODAY,
                           override_reason="The insurance certificate is on its way by post")
    assert refused.value.field == "on" and "Nobody can override this rule." in refused.value.message
    internship.refresh_from_db()
    assert internship.status == "planned" and not internship.events.filter(kind="override").exists()


def test_insurance_confirmed_after_the_first_day_is_not_insured_before_the_start(make_internship, team_lead):
    internship = ready_to_start(make_internship(start=TODAY - dt.timedelta(days=2)), team_lead, on=TODAY)
    with pytest.raises(DomainError) as refused:
        s.internship_start(actor=team_lead, internship=internship, on=TODAY - dt.timedelta(days=2),
                           override_reason="Started before the papers came back")
    assert "insurance" in refused.value.message and "Nobody can override" in refused.value.message


def test_the_first_start_makes_a_referred_course_active_from_the_first_day(make_person, make_internship, team):
    company_consultant = team["company_consultant"]  # may manage internships, not change a course by hand
    course = make_person(first_name="Mads", referred_days_ago=10).course
    assert course.status == CourseStatus.REFERRED and course.started_on is None
    first_day = TODAY - dt.timedelta(days=2)
    internship = ready_to_start(make_internship(course=course, start=first_day), company_consultant,
                                on=first_day - dt.timedelta(days=1))
    s.internship_start(actor=company_consultant, internship=internship, on=first_day)
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE and course.started_on == first_day
    line = course.timeline.get(kind="status")
    assert line.occurred_on == first_day and line.actor == company_consultant
    assert AuditEvent.objects.filter(object_type="course", object_id=course.pk, action="change").exists()


def test_a_course_that_is_active_or_paused_keeps_its_status_and_start(make_internship, active_course, consultant,
                                                                        make_company):
    started_on = active_course.started_on
    internship = ready_to_start(make_internship(start=TODAY), consultant, on=TODAY)
    s.internship_start(actor=consultant, internship=internship, on=TODAY)
    active_course.refresh_from_db()
    assert active_course.status == CourseStatus.ACTIVE and active_course.started_on == started_on
    assert active_course.timeline.filter(kind="status").count() == 1  # only the manual change

    from nextwork.people.services.courses import course_change_status

    course_change_status(actor=consultant, course=active_course, status="paused", on=TODAY)
    second = ready_to_start(make_internship(start=TODAY, company=make_company(name="Bageriet"), hours="10"),
                            consultant, on=TODAY)
    s.internship_start(actor=consultant, internship=second, on=TODAY)
    active_course.refresh_from_db()
    assert active_course.status == CourseStatus.PAUSED


def test_a_refused_start_leaves_the_course_referred(make_person, make_internship, consultant):
    course = make_person(first_name="Mads", referred_days_ago=10).course
    internship = make_internship(course=course, start=TODAY)
    with pytest.raises(DomainError):
        s.internship_start(actor=consultant, internship=internship, on=TODAY)
    course.refresh_from_db()
    assert course.status == CourseStatus.REFERRED and course.started_on is None
