import datetime as dt

import pytest

from nextwork.core.models import AuditEvent
from nextwork.core.roles import Role
from nextwork.core.tokens import api_token_create
from nextwork.groups.models import Attendance, NetworkGroup

from .conftest import TODAY, past_sessions

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def test_groups_are_listed_and_created(client, consultant, group, members):
    auth = bearer(consultant)
    listed = client.get("/api/groups/", **auth).json()["items"]
    assert [(g["name"], g["member_count"]) for g in listed] == [("Mandagsgruppen", 4)]
    response = client.post("/api/groups/", {
        "name": "Fredagsholdet", "weekday": "fri", "starts_at": "09:30", "ends_at": "11:30", "place": "Hal 2",
        "facilitator_ids": [consultant.pk], "active_from": TODAY.isoformat()}, content_type="application/json",
        **auth)
    assert response.status_code == 201, response.content
    created = NetworkGroup.objects.get(name="Fredagsholdet")
    assert response.json()["id"] == created.pk and created.sessions.exists()


def test_bad_group_input_is_a_json_400(client, consultant):
    response = client.post("/api/groups/", {
        "name": "X", "weekday": "fri", "starts_at": "12:00", "ends_at": "11:00", "place": "Hal",
        "facilitator_ids": [consultant.pk], "active_from": TODAY.isoformat()}, content_type="application/json",
        **bearer(consultant))
    assert response.status_code == 400
    assert response.json()["field"] == "ends_at"


def test_memberships_sessions_attendance_and_agenda(client, consultant, group, members, make_person):
    auth = bearer(consultant)
    person = make_person().person
    response = client.post(f"/api/groups/{group.pk}/memberships/", {"person_id": person.pk},
                           content_type="application/json", **auth)
    assert response.status_code == 201
    membership_id = response.json()["id"]
    assert len(client.get(f"/api/groups/{group.pk}/memberships/", **auth).json()["items"]) == 5

    session = past_sessions(group)[-1]
    response = client.put(f"/api/sessions/{session.pk}/attendance/{members[0].pk}/", {"status": "absent_notice"},
                          content_type="application/json", **auth)
    assert response.status_code == 200
    assert Attendance.objects.get(session=session, membership=members[0]).status == "absent_notice"
    # The new member was not a member on that date.
    response = client.put(f"/api/sessions/{session.pk}/attendance/{membership_id}/", {"status": "present"},
                          content_type="application/json", **auth)
    assert response.status_code == 400 and "not a member" in response.json()["detail"]
    rows = client.get(f"/api/sessions/{session.pk}/attendance/", **auth).json()["items"]
    assert {row["status"] for row in rows} == {"", "absent_notice"}

    response = client.patch(f"/api/sessions/{session.pk}/", {"check_in_method": "game", "notes": "Kortspil"},
                            content_type="application/json", **auth)
    assert response.json()["status"] == "held" and response.json()["check_in_method"] == "game"
    coming = group.sessions.filter(date__gt=TODAY).first()
    response = client.patch(f"/api/sessions/{coming.pk}/", {"cancel": True}, content_type="application/json",
                            **auth)
    assert response.json()["status"] == "cancelled"
    sessions = client.get(f"/api/groups/{group.pk}/sessions/?since={TODAY.isoformat()}", **auth).json()["items"]
    assert all(dt.date.fromisoformat(s["date"]) >= TODAY for s in sessions)

    response = client.post(f"/api/groups/{group.pk}/agenda-items/", {"title": "Jobsamtaler"},
                           content_type="application/json", **auth)
    assert response.status_code == 201 and response.json()["proposed_by"] == "staff"
    assert [i["title"] for i in client.get(f"/api/groups/{group.pk}/agenda-items/", **auth).json()["items"]] == ["Jobsamtaler"]

    response = client.post(f"/api/memberships/{membership_id}/end/", {"reason": "own_wish"},
                           content_type="application/json", **auth)
    assert response.json()["left_on"] == TODAY.isoformat()


def test_changing_past_attendance_through_the_api_is_audited_as_api(client, team_lead, group, members):
    session = past_sessions(group)[0]
    auth = bearer(team_lead)
    for status in ("present", "late"):
        client.put(f"/api/sessions/{session.pk}/attendance/{members[0].pk}/", {"status": status},
                   content_type="application/json", **auth)
    event = AuditEvent.objects.filter(summary__startswith="attendance").order_by("id").last()
    assert event.channel == "api" and event.summary.endswith("present -> late")


@pytest.mark.parametrize("role, reads, manages", [
    (Role.TEAM_LEAD, 200, 201), (Role.YOUTH_CONSULTANT, 200, 201), (Role.COMPANY_CONSULTANT, 200, 403),
    (Role.PSYCHOLOGIST, 200, 403), (Role.MANAGER, 403, 403),
])
def test_the_api_follows_the_permission_matrix(client, team, group, make_person, role, reads, manages):
    auth = bearer(team[role])
    assert client.get(f"/api/groups/{group.pk}/", **auth).status_code == reads
    person = make_person().person
    response = client.post(f"/api/groups/{group.pk}/memberships/", {"person_id": person.pk},
                           content_type="application/json", **auth)
    assert response.status_code == manages


def test_another_municipalitys_records_are_404(client, other_team, group, members):
    auth = bearer(other_team["team_lead"])
    session = past_sessions(group)[-1]
    assert client.get(f"/api/groups/{group.pk}/", **auth).status_code == 404
    assert client.get(f"/api/groups/{group.pk}/memberships/", **auth).status_code == 404
    assert client.get(f"/api/sessions/{session.pk}/attendance/", **auth).status_code == 404
    assert client.post(f"/api/memberships/{members[0].pk}/end/", {}, content_type="application/json",
                       **auth).status_code == 404
    assert client.get("/api/groups/", **auth).json()["items"] == []


def test_without_a_token_it_is_401(client, group):
    assert client.get("/api/groups/").status_code == 401
