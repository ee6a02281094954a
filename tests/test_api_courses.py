"""The API offers what the course page offers: notes, status, consultant, exit and follow-ups, with the same
permissions (403), scoping (404) and audit rows. Dates are counted from the course's referral, never today."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta

from conftest import _cpr_for
from nextwork.core.models import AuditEvent
from nextwork.core.roles import Role
from nextwork.core.tokens import api_token_create
from nextwork.people.models import Conversation, Course, FollowUp, PsychologistConversation, YoungPerson

REFERRED_DAYS_AGO = 30


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def day(course, days_after_referral: int) -> str:
    return (course.referred_on + dt.timedelta(days=days_after_referral)).isoformat()


def post(client, user, path, data):
    return client.post(path, data, content_type="application/json", **bearer(user))


@pytest.fixture
def course(make_person):
    return make_person(referred_days_ago=REFERRED_DAYS_AGO).course


@pytest.fixture
def ended_course(client, consultant, course):
    response = post(client, consultant, f"/api/young-people/courses/{course.pk}/exit/",
                    {"exit_type": "job", "exit_date": day(course, 2), "employer_or_school": "Smedien A/S"})
    assert response.status_code == 201
    return course


def api_audit(**filters):
    return AuditEvent.objects.filter(channel="api", **filters)


# Notes (1:1 conversations, calls and notes; never the psychologist's)

def test_a_consultant_adds_a_note_and_reads_it_back(client, consultant, course):
    response = post(client, consultant, f"/api/young-people/courses/{course.pk}/notes/",
                    {"kind": "one_to_one", "occurred_on": day(course, 3), "text": "  Talked about welding.  "})
    assert response.status_code == 201
    assert response.json()["text"] == "Talked about welding." and response.json()["author_id"] == consultant.pk
    assert api_audit(actor=consultant, action__in=["create", "change"]).exists()
    course.refresh_from_db()
    assert course.last_contact_on.isoformat() == day(course, 3)

    listed = client.get(f"/api/young-people/courses/{course.pk}/notes/", **bearer(consultant))
    assert listed.status_code == 200
    assert [note["text"] for note in listed.json()["items"]] == ["Talked about welding."]


def test_the_notes_list_never_shows_the_psychologists_notes(client, psychologist, course):
    PsychologistConversation.objects.create(course=course, occurred_on=course.referred_on, author=psychologist,
                                            note="Confidential")
    listed = client.get(f"/api/young-people/courses/{course.pk}/notes/", **bearer(psychologist))
    assert listed.status_code == 200 and listed.json()["count"] == 0
    assert "Confidential" not in listed.content.decode()


def test_notes_of_another_municipalitys_course_are_404(client, other_team, course):
    outsider = other_team[Role.YOUTH_CONSULTANT]
    assert client.get(f"/api/young-people/courses/{course.pk}/notes/", **bearer(outsider)).status_code == 404
    response = post(client, outsider, f"/api/young-people/courses/{course.pk}/notes/",
                    {"kind": "note", "occurred_on": day(course, 1), "text": "Sneaky"})
    assert response.status_code == 404 and response.json()["detail"]
    assert not Conversation.objects.filter(course=course).exists()


def test_a_municipal_manager_may_neither_read_nor_add_notes(client, team, course):
    manager = team[Role.MANAGER]
    assert client.get(f"/api/young-people/courses/{course.pk}/notes/", **bearer(manager)).status_code == 403
    response = post(client, manager, f"/api/young-people/courses/{course.pk}/notes/",
                    {"kind": "note", "occurred_on": day(course, 1), "text": "Hello"})
    assert response.status_code == 403 and response.json()["detail"]
    assert not Conversation.objects.filter(course=course).exists()


def test_a_caseworker_sees_the_person_but_never_the_notes(client, team, course):
    caseworker = team[Role.CASEWORKER]
    assert client.get(f"/api/young-people/{course.person_id}/", **bearer(caseworker)).status_code == 200
    response = client.get(f"/api/young-people/courses/{course.pk}/notes/", **bearer(caseworker))
    assert response.status_code == 403


@pytest.mark.parametrize(("change", "status", "field"), [
    ({"text": "NUL \u0000 byte"}, 422, None),
    ({"text": "x" * 10_001}, 422, None),
    ({"kind": "psychologist"}, 422, None),
    ({"occurred_on": "2026-02-30"}, 422, None),
    ({"occurred_on": "99999-01-01"}, 422, None),
    ({"occurred_on": "1900-01-01"}, 422, None),
    ({"text": "   "}, 400, "text"),
    ({"occurred_on": -1}, 400, "occurred_on"),  # the day before the referral
    ({"occurred_on": REFERRED_DAYS_AGO + 5}, 400, "occurred_on"),  # in the future
])
def test_a_bad_note_is_refused_with_a_json_message_and_nothing_is_saved(client, consultant, course, change, status,
                                                                         field):
    data = {"kind": "note", "occurred_on": day(course, 1), "text": "Fine"}
    data.update({key: day(course, value) if isinstance(value, int) else value for key, value in change.items()})
    response = post(client, consultant, f"/api/young-people/courses/{course.pk}/notes/", data)
    assert response.status_code == status and response.json()["detail"]
    if field:
        assert response.json()["field"] == field
    assert not Conversation.objects.filter(course=course).exists()


# Status

def test_a_consultant_makes_a_course_active_from_a_given_day(client, consultant, course):
    response = post(client, consultant, f"/api/young-people/courses/{course.pk}/status/",
                    {"status": "active", "on": day(course, 4)})
    assert response.status_code == 200 and response.json()["status"] == "active"
    course.refresh_from_db()
    assert course.status == "active" and course.started_on.isoformat() == day(course, 4)
    assert api_audit(actor=consultant, action="change", object_type="course", object_id=str(course.pk)).exists()
    assert course.timeline.filter(kind="status").exists()


def test_a_status_the_rules_forbid_is_a_400_and_nothing_changes(client, consultant, course):
    response = post(client, consultant, f"/api/young-people/courses/{course.pk}/status/",
                    {"status": "ended", "on": day(course, 4)})
    assert response.status_code == 400 and response.json()["field"] == "status"
    course.refresh_from_db()
    assert course.status == "referred"


def test_a_company_consultant_may_not_change_the_status(client, team, course):
    response = post(client, team[Role.COMPANY_CONSULTANT], f"/api/young-people/courses/{course.pk}/status/",
                    {"status": "active", "on": day(course, 4)})
    assert response.status_code == 403
    course.refresh_from_db()
    assert course.status == "referred"


def test_another_municipalitys_course_status_is_404(client, other_team, course):
    response = post(client, other_team[Role.TEAM_LEAD], f"/api/young-people/courses/{course.pk}/status/",
                    {"status": "active", "on": day(course, 4)})
    assert response.status_code == 404
    course.refresh_from_db()
    assert course.status == "referred"


@pytest.mark.parametrize(("course_id", "status"), [("abc", 422), ("99999999999999999999", 404), ("0", 404)])
def test_odd_course_ids_are_a_json_4xx(client, consultant, course, course_id, status):
    response = post(client, consultant, f"/api/young-people/courses/{course_id}/status/",
                    {"status": "active", "on": day(course, 4)})
    assert response.status_code == status and response.json()["detail"]


# Responsible consultant

def test_a_team_lead_hands_a_course_to_another_consultant(client, team_lead, team, course):
    new_consultant = team[Role.COMPANY_CONSULTANT]
    response = post(client, team_lead, f"/api/young-people/courses/{course.pk}/assign/",
                    {"consultant_id": new_consultant.pk})
    assert response.status_code == 200 and response.json()["consultant_id"] == new_consultant.pk
    course.refresh_from_db()
    assert course.consultant == new_consultant
    assert api_audit(actor=team_lead, action="change", object_type="course", object_id=str(course.pk)).exists()


@pytest.mark.parametrize("who", ["other municipality", "psychologist", "inactive", "no such user"])
def test_only_an_active_consultant_of_the_team_can_be_assigned(client, team_lead, team, other_team, consultant,
                                                               course, who):
    candidate_id = {
        "other municipality": lambda: other_team[Role.YOUTH_CONSULTANT].pk,
        "psychologist": lambda: team[Role.PSYCHOLOGIST].pk,
        "inactive": lambda: _deactivated(team[Role.COMPANY_CONSULTANT]).pk,
        "no such user": lambda: 2**31 - 1,
    }[who]()
    response = post(client, team_lead, f"/api/young-people/courses/{course.pk}/assign/",
                    {"consultant_id": candidate_id})
    assert response.status_code == 400 and response.json()["field"] == "consultant_id"
    course.refresh_from_db()
    assert course.consultant == consultant


def _deactivated(user):
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


@pytest.mark.parametrize("consultant_id", ["abc", 10**30, -1, None])
def test_a_malformed_consultant_id_is_422(client, team_lead, course, consultant, consultant_id):
    response = post(client, team_lead, f"/api/young-people/courses/{course.pk}/assign/",
                    {"consultant_id": consultant_id})
    assert response.status_code == 422 and response.json()["errors"]
    course.refresh_from_db()
    assert course.consultant == consultant


def test_a_researcher_may_not_assign_consultants(client, network_users, team, course, consultant):
    response = post(client, network_users[Role.RESEARCHER], f"/api/young-people/courses/{course.pk}/assign/",
                    {"consultant_id": team[Role.TEAM_LEAD].pk})
    assert response.status_code == 403
    course.refresh_from_db()
    assert course.consultant == consultant


# Exit and follow-ups

def test_ending_a_course_plans_four_follow_ups(client, consultant, ended_course):
    ended_course.refresh_from_db()
    assert ended_course.status == "ended" and ended_course.ended_on.isoformat() == day(ended_course, 2)
    assert ended_course.exit.employer_or_school == "Smedien A/S"
    assert sorted(FollowUp.objects.filter(exit__course=ended_course).values_list("months_after", flat=True)) == [
        3, 6, 12, 30]
    assert api_audit(actor=consultant, action="change", object_type="course", object_id=str(ended_course.pk)).exists()


def test_the_exit_answer_lists_the_planned_follow_ups(client, consultant, course):
    response = post(client, consultant, f"/api/young-people/courses/{course.pk}/exit/",
                    {"exit_type": "education_su", "exit_date": day(course, 5)})
    body = response.json()
    assert response.status_code == 201 and body["status"] == "ended" and body["exit_type"] == "education_su"
    assert [item["months_after"] for item in body["follow_ups"]] == [3, 6, 12, 30]
    exit_date = course.referred_on + dt.timedelta(days=5)
    assert body["follow_ups"][0]["due_on"] == (exit_date + relativedelta(months=3)).isoformat()


def test_a_course_cannot_end_twice(client, consultant, ended_course):
    response = post(client, consultant, f"/api/young-people/courses/{ended_course.pk}/exit/",
                    {"exit_type": "moved", "exit_date": day(ended_course, 3)})
    assert response.status_code == 400 and response.json()["detail"]
    ended_course.refresh_from_db()
    assert ended_course.exit.exit_type == "job"


@pytest.mark.parametrize(("change", "status"), [
    ({"exit_date": -1}, 400),
    ({"exit_date": REFERRED_DAYS_AGO + 5}, 400),
    ({"exit_type": "vanished"}, 422),
    ({"employer_or_school": "x" * 201}, 422),
    ({"note": "\u0000"}, 422),
    ({"exit_date": "9999-12-31"}, 422),
])
def test_a_bad_exit_is_refused_and_the_course_stays_open(client, consultant, course, change, status):
    data = {"exit_type": "job", "exit_date": day(course, 2)}
    data.update({key: day(course, value) if isinstance(value, int) else value for key, value in change.items()})
    response = post(client, consultant, f"/api/young-people/courses/{course.pk}/exit/", data)
    assert response.status_code == status and response.json()["detail"]
    course.refresh_from_db()
    assert course.status == "referred" and not FollowUp.objects.filter(exit__course=course).exists()


@pytest.mark.parametrize("role", [Role.PSYCHOLOGIST, Role.COMPANY_CONSULTANT, Role.MANAGER])
def test_roles_that_may_not_end_a_course_get_403(client, team, course, role):
    response = post(client, team[role], f"/api/young-people/courses/{course.pk}/exit/",
                    {"exit_type": "job", "exit_date": day(course, 2)})
    assert response.status_code == 403
    course.refresh_from_db()
    assert course.status == "referred"


def test_another_municipality_cannot_end_the_course(client, other_team, course):
    response = post(client, other_team[Role.YOUTH_CONSULTANT], f"/api/young-people/courses/{course.pk}/exit/",
                    {"exit_type": "job", "exit_date": day(course, 2)})
    assert response.status_code == 404
    assert Course.objects.get(pk=course.pk).status == "referred"


def three_months_after_exit(course) -> str:
    return FollowUp.objects.get(exit__course=course, months_after=3).due_on.isoformat()


def test_the_due_follow_ups_are_listed_for_the_municipality_only(client, consultant, other_team, ended_course):
    due_by = three_months_after_exit(ended_course)
    response = client.get("/api/young-people/follow-ups/", {"due_by": due_by}, **bearer(consultant))
    items = response.json()["items"]
    assert response.status_code == 200 and [item["months_after"] for item in items] == [3]
    assert items[0]["course_id"] == ended_course.pk and items[0]["first_name"] == "Freja"
    assert api_audit(actor=consultant, action="list").exists()
    outsider = client.get("/api/young-people/follow-ups/", {"due_by": due_by}, **bearer(other_team[Role.TEAM_LEAD]))
    assert outsider.status_code == 200 and outsider.json()["count"] == 0


def test_a_follow_up_not_yet_due_is_not_listed(client, consultant, ended_course):
    response = client.get("/api/young-people/follow-ups/", {"due_by": day(ended_course, 3)}, **bearer(consultant))
    assert response.status_code == 200 and response.json()["count"] == 0


@pytest.mark.parametrize("due_by", ["tomorrow", "0001-01-01", "99999-01-01"])
def test_an_odd_due_date_is_422(client, consultant, due_by):
    response = client.get("/api/young-people/follow-ups/", {"due_by": due_by}, **bearer(consultant))
    assert response.status_code == 422


def test_a_manager_cannot_list_follow_ups(client, team):
    assert client.get("/api/young-people/follow-ups/", **bearer(team[Role.MANAGER])).status_code == 403


def test_recording_a_follow_up_takes_it_off_the_due_list(client, team, consultant, ended_course):
    due_by = three_months_after_exit(ended_course)
    follow_up = FollowUp.objects.get(exit__course=ended_course, months_after=3)
    company_consultant = team[Role.COMPANY_CONSULTANT]
    response = post(client, company_consultant, f"/api/young-people/follow-ups/{follow_up.pk}/",
                    {"outcome": "stayed", "on": due_by, "note": "Still at the smithy."})
    assert response.status_code == 200 and response.json()["outcome"] == "stayed"
    follow_up.refresh_from_db()
    assert follow_up.recorded_on.isoformat() == due_by and follow_up.recorded_by == company_consultant
    assert api_audit(actor=company_consultant, action="change", object_type="follow_up",
                     object_id=str(follow_up.pk)).exists()
    listed = client.get("/api/young-people/follow-ups/", {"due_by": due_by}, **bearer(consultant))
    assert listed.json()["count"] == 0


def test_a_follow_up_before_the_exit_is_400(client, consultant, ended_course):
    follow_up = FollowUp.objects.get(exit__course=ended_course, months_after=3)
    response = post(client, consultant, f"/api/young-people/follow-ups/{follow_up.pk}/",
                    {"outcome": "stayed", "on": day(ended_course, 1)})
    assert response.status_code == 400 and response.json()["field"] == "on"
    follow_up.refresh_from_db()
    assert follow_up.recorded_on is None


@pytest.mark.parametrize(("who", "status"), [("psychologist", 403), ("other municipality", 404)])
def test_follow_ups_are_recorded_only_by_the_team_that_may(client, team, other_team, ended_course, who, status):
    user = team[Role.PSYCHOLOGIST] if who == "psychologist" else other_team[Role.YOUTH_CONSULTANT]
    follow_up = FollowUp.objects.get(exit__course=ended_course, months_after=3)
    response = post(client, user, f"/api/young-people/follow-ups/{follow_up.pk}/",
                    {"outcome": "stayed", "on": three_months_after_exit(ended_course)})
    assert response.status_code == status
    follow_up.refresh_from_db()
    assert follow_up.recorded_on is None


@pytest.mark.parametrize(("follow_up_id", "status"), [("abc", 422), ("99999999999999999999", 404)])
def test_odd_follow_up_ids_are_a_json_4xx(client, consultant, follow_up_id, status):
    response = post(client, consultant, f"/api/young-people/follow-ups/{follow_up_id}/",
                    {"outcome": "stayed", "on": "2026-11-16"})
    assert response.status_code == status and response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/young-people/", "/api/young-people/follow-ups/", "notes"])
def test_a_page_beyond_the_end_is_empty_and_an_absurd_one_is_422(client, consultant, course, path):
    path = f"/api/young-people/courses/{course.pk}/notes/" if path == "notes" else path
    beyond = client.get(path, {"page": 1000}, **bearer(consultant))
    assert beyond.status_code == 200 and beyond.json()["items"] == []
    assert client.get(path, {"page": 10**30}, **bearer(consultant)).status_code == 422


@pytest.mark.parametrize("search", ["nul \u0000 byte", "x" * 101])
def test_an_odd_search_of_the_people_list_is_422(client, consultant, search):
    assert client.get("/api/young-people/", {"search": search}, **bearer(consultant)).status_code == 422


@pytest.mark.parametrize(("change", "status"), [
    ({"first_name": "Os\u0000car"}, 422),
    ({"phone": "1" * 31}, 422),
    ({"email": "not-an-e-mail"}, 400),
    ({"referred_on": "9999-12-31"}, 422),
])
def test_registering_with_odd_details_is_a_json_4xx_and_registers_nobody(client, consultant, change, status):
    cpr = _cpr_for(dt.date.today() - dt.timedelta(days=21 * 365), 700)
    data = {"first_name": "Oscar", "last_name": "Eriksen", "cpr": cpr, "referral_source": "jobcentre",
            "benefit_type": "cash_benefit", **change}
    response = post(client, consultant, "/api/young-people/", data)
    assert response.status_code == status and response.json()["detail"]
    if status == 400:
        assert response.json()["field"] == "email"
    assert not YoungPerson.objects.filter(last_name="Eriksen").exists()


def test_the_openapi_document_lists_the_course_actions_and_their_errors(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    exit_post = paths["/api/young-people/courses/{course_id}/exit/"]["post"]
    assert {"201", "400", "403", "404", "422"} <= set(exit_post["responses"])
    assert "get" in paths["/api/young-people/courses/{course_id}/notes/"]
    assert "post" in paths["/api/young-people/follow-ups/{follow_up_id}/"]
