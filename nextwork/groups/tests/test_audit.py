"""Every group page that names young people writes exactly its audit rows, from the access functions: a
"view" for one record, a "list" with the count of names shown; a refused role and another municipality's id
write a "denied" row. Opening a page or a form is never a "change"."""

import pytest

from nextwork.core.models import AuditEvent
from nextwork.core.roles import Role
from nextwork.core.tokens import api_token_create
from nextwork.groups.services import agenda, attendance, memberships

from .conftest import TODAY, past_sessions

pytestmark = pytest.mark.django_db


def _get(client, user, url, **headers):
    """Requests the page and returns the response with the audit rows the request wrote."""
    client.force_login(user)
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client.get(url, **headers)
    return response, list(AuditEvent.objects.filter(id__gt=last).order_by("id"))


def _rows(events) -> list[tuple]:
    return [(e.action, e.object_type, e.object_id, e.summary) for e in events]


def _page(response) -> str:
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


# What a permitted user's request writes
def test_the_group_page_lists_its_members_once_for_a_role_that_does_not_place(client, team, group, members):
    response, events = _get(client, team[Role.COMPANY_CONSULTANT], f"/groups/{group.pk}/")
    page = _page(response)
    assert all(m.person.full_name in page for m in members)
    assert _rows(events) == [("list", "network_group", "", f"group {group.pk}: members and topics (4 shown)")]


def test_the_group_page_counts_former_members_and_topic_proposers_once_each(client, team, group, members):
    memberships.membership_end(actor=team[Role.YOUTH_CONSULTANT], membership=members[0], on=TODAY)
    agenda.agenda_item_propose(group=group, title="Jobsamtaler", member=members[1])
    response, events = _get(client, team[Role.COMPANY_CONSULTANT], f"/groups/{group.pk}/")
    page = _page(response)
    assert members[0].person.full_name in page  # a former member
    assert f"proposed by {members[1].person.first_name}" in page  # also a current member
    assert _rows(events) == [("list", "network_group", "", f"group {group.pk}: members and topics (4 shown)")]


def test_the_add_member_drop_down_is_a_second_list(client, consultant, group, members, make_person):
    waiting = [make_person(first_name=name).person for name in ("Ella", "Frej")]
    response, events = _get(client, consultant, f"/groups/{group.pk}/")
    page = _page(response)
    assert all(person.full_name in page for person in waiting)
    assert _rows(events) == [
        ("list", "network_group", "", f"group {group.pk}: members and topics (4 shown)"),
        ("list", "young_person", "", f"group {group.pk}: add-member drop-down (2 shown)"),
    ]


def test_the_health_page_lists_the_members_to_follow_up(client, consultant, group, members):
    for session in past_sessions(group)[-2:]:
        for membership in members[:2]:
            attendance.attendance_record(actor=consultant, session=session, membership=membership, status="absent")
    response, events = _get(client, consultant, f"/groups/{group.pk}/health/")
    page = _page(response)
    assert members[0].person.full_name in page and members[2].person.full_name not in page
    assert _rows(events) == [("list", "network_group", "", f"group {group.pk}: members to follow up (2 shown)")]


def test_the_session_page_lists_the_attendance(client, consultant, group, members):
    session = past_sessions(group)[-1]
    response, events = _get(client, consultant, f"/groups/sessions/{session.pk}/")
    page = _page(response)
    assert all(m.person.full_name in page for m in members)
    assert _rows(events) == [("list", "group_session", "", f"session {session.pk}: attendance and topics (4 shown)")]


def test_a_cancelled_session_shows_no_attendance_list(client, consultant, group, members):
    from nextwork.groups.services.sessions import session_cancel

    session = group.sessions.filter(date__gte=TODAY).order_by("date").first()
    session_cancel(actor=consultant, session=session)
    response, events = _get(client, consultant, f"/groups/sessions/{session.pk}/")
    assert members[0].person.full_name not in _page(response)
    assert _rows(events) == [("list", "group_session", "", f"session {session.pk}: attendance and topics (0 shown)")]


def test_the_member_page_is_a_view_of_the_young_person(client, consultant, members):
    response, events = _get(client, consultant, f"/groups/memberships/{members[0].pk}/")
    assert members[0].person.full_name in _page(response)
    assert _rows(events) == [("view", "young_person", str(members[0].person_id), "group.manage")]


def test_the_suggestion_audits_the_members_cpr_numbers_it_reads(client, consultant, group, members, make_person):
    person = make_person().person
    response, events = _get(client, consultant, f"/groups/young-people/{person.pk}/suggest/")
    assert group.name in _page(response)
    assert _rows(events) == [
        ("view", "young_person", str(person.pk), "group.manage"),
        ("list", "young_person", "",
         f"group suggestion for young person {person.pk}: group members' profiles read for the mix (4 read)"),
    ]


def test_the_personal_link_page_is_a_view_of_the_young_person(client, consultant, members):
    person_id = members[0].person_id
    response, events = _get(client, consultant, f"/groups/young-people/{person_id}/link/")
    _page(response)
    assert _rows(events) == [("view", "young_person", str(person_id), "group.take_attendance")]


def test_opening_the_edit_form_is_a_view_not_a_change(client, consultant, group, members):
    response, events = _get(client, consultant, f"/groups/{group.pk}/edit/")
    _page(response)
    assert _rows(events) == [("view", "network_group", str(group.pk), "group.manage")]


def test_the_group_list_names_no_young_people_and_writes_no_row(client, consultant, group, members):
    response, events = _get(client, consultant, "/groups/")
    assert members[0].person.last_name not in _page(response)
    assert events == []


def test_one_attendance_tap_is_a_view_of_that_member(client, consultant, group, members):
    session = group.sessions.filter(date__lte=TODAY).order_by("-date").first()
    client.force_login(consultant)
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client.post(f"/groups/sessions/{session.pk}/attendance/{members[0].pk}/", {"status": "present"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200
    reads = AuditEvent.objects.filter(id__gt=last).exclude(action="change")
    assert _rows(reads) == [("view", "young_person", str(members[0].person_id),
                             f"group.take_attendance: session {session.pk}")]


# The API
def _bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def test_the_api_lists_of_memberships_and_attendance_are_audited(client, consultant, group, members):
    auth = _bearer(consultant)
    response, events = _get(client, consultant, f"/api/groups/{group.pk}/memberships/", **auth)
    assert len(response.json()["items"]) == 4
    assert _rows(events) == [("list", "network_group", "", f"group {group.pk}: memberships (4 shown)")]
    session = past_sessions(group)[-1]
    response, events = _get(client, consultant, f"/api/sessions/{session.pk}/attendance/", **auth)
    assert len(response.json()["items"]) == 4
    assert _rows(events) == [("list", "group_session", "", f"session {session.pk}: attendance (4 shown)")]
    assert {e.channel for e in events} == {"api"}


# Refused and not found
def _urls(group, members) -> dict[str, str]:
    session = past_sessions(group)[-1]
    person_id = members[0].person_id
    return {
        "list": "/groups/",
        "detail": f"/groups/{group.pk}/",
        "health": f"/groups/{group.pk}/health/",
        "edit": f"/groups/{group.pk}/edit/",
        "session": f"/groups/sessions/{session.pk}/",
        "member": f"/groups/memberships/{members[0].pk}/",
        "suggest": f"/groups/young-people/{person_id}/suggest/",
        "link": f"/groups/young-people/{person_id}/link/",
    }


@pytest.mark.parametrize("page, role, object_type", [
    ("list", Role.MANAGER, "network_group"),
    ("detail", Role.MANAGER, "network_group"),
    ("health", Role.MANAGER, "network_group"),
    ("edit", Role.PSYCHOLOGIST, "network_group"),
    ("session", Role.MANAGER, "group_session"),
    ("member", Role.COMPANY_CONSULTANT, "young_person"),
    ("suggest", Role.COMPANY_CONSULTANT, "young_person"),
    ("link", Role.MANAGER, "young_person"),
])
def test_a_role_without_the_permission_gets_403_and_a_denied_row(client, team, group, members, page, role,
                                                                  object_type):
    response, events = _get(client, team[role], _urls(group, members)[page])
    assert response.status_code == 403
    assert [(e.action, e.object_type) for e in events] == [("denied", object_type)]
    assert events[0].summary.endswith("role may not")


def test_a_cross_municipal_role_gets_403_and_a_denied_row(client, network_users, group, members):
    response, events = _get(client, network_users["secretariat"], f"/groups/{group.pk}/")
    assert response.status_code == 403
    assert [(e.action, e.object_type, e.object_id) for e in events] == [("denied", "network_group", str(group.pk))]


@pytest.mark.parametrize("page, object_type", [
    ("detail", "network_group"), ("health", "network_group"), ("edit", "network_group"),
    ("session", "group_session"), ("member", "young_person"), ("suggest", "young_person"), ("link", "young_person"),
])
def test_another_municipalitys_id_gets_404_and_a_denied_row(client, other_team, group, members, page, object_type):
    response, events = _get(client, other_team[Role.TEAM_LEAD], _urls(group, members)[page])
    assert response.status_code == 404
    assert [(e.action, e.object_type) for e in events] == [("denied", object_type)]
    assert events[0].summary.endswith("not found in the municipality")
    assert events[0].municipality_id == other_team[Role.TEAM_LEAD].municipality_id


def test_no_page_writes_a_change_row_when_it_is_opened(client, team_lead, group, members, make_person):
    make_person()
    urls = _urls(group, members)
    client.force_login(team_lead)
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    for url in urls.values():
        assert client.get(url).status_code == 200, url
    assert not AuditEvent.objects.filter(id__gt=last).exclude(action__in=["view", "list"]).exists()

