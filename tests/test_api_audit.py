"""Team leads read their municipality's audit log through the API, filtered and paged; nobody else can."""

import datetime as dt

import pytest
from django.utils import timezone

from nextwork.core import audit
from nextwork.core.models import AuditEvent
from nextwork.core.roles import Role
from nextwork.core.tokens import api_token_create


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def read_log(client, user, **filters):
    return client.get("/api/audit/", filters, **bearer(user))


@pytest.fixture
def person(make_person):
    return make_person().person


def test_a_team_lead_sees_who_read_a_young_persons_record(client, team_lead, consultant, person):
    client.get(f"/api/young-people/{person.pk}/", **bearer(consultant))
    response = read_log(client, team_lead, person_id=person.pk, user_id=consultant.pk, action="view")
    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == 1 and response.json()["count"] == 1
    assert items[0]["actor_username"] == consultant.username and items[0]["channel"] == "api"
    assert items[0]["object_type"] == "young_person" and items[0]["object_id"] == str(person.pk)


def test_reading_the_log_writes_no_audit_row(client, team_lead, person):
    before = AuditEvent.objects.count()
    assert read_log(client, team_lead).status_code == 200
    assert AuditEvent.objects.count() == before


def test_the_log_is_newest_first_and_paged(client, team_lead, consultant, person):
    for number in range(55):
        audit.record(actor=consultant, action="view", object_type="young_person", object_id=person.pk,
                     municipality_id=person.municipality_id, summary=f"read {number}")
    first = read_log(client, team_lead, person_id=person.pk, action="view").json()
    assert first["count"] == 55 and len(first["items"]) == 50
    assert first["items"][0]["summary"] == "read 54"
    second = read_log(client, team_lead, person_id=person.pk, action="view", page=2).json()
    assert [item["summary"] for item in second["items"]] == [f"read {number}" for number in range(4, -1, -1)]


def test_the_filters_narrow_by_action_and_user(client, team_lead, team, person):
    psychologist = team[Role.PSYCHOLOGIST]
    audit.record(actor=psychologist, action="export", object_type="young_person", object_id=person.pk,
                 municipality_id=person.municipality_id)
    exported = read_log(client, team_lead, action="export").json()["items"]
    assert [item["actor_id"] for item in exported] == [psychologist.pk]
    assert read_log(client, team_lead, user_id=team_lead.pk).json()["count"] == 0


def test_the_date_range_includes_both_days(client, team_lead, consultant, person):
    event = audit.record(actor=consultant, action="view", object_type="young_person", object_id=person.pk,
                         municipality_id=person.municipality_id)
    today = timezone.localdate(event.at)
    one_day = dt.timedelta(days=1)
    assert read_log(client, team_lead, person_id=person.pk, **{"from": today, "to": today}).json()["count"] >= 1
    assert read_log(client, team_lead, person_id=person.pk, **{"to": today - one_day}).json()["count"] == 0
    assert read_log(client, team_lead, person_id=person.pk, **{"from": today + one_day}).json()["count"] == 0


@pytest.mark.parametrize("filters", [
    {"from": "2026-11-16", "to": "2026-11-15"},  # to before from
    {"from": "2010-01-01", "to": "2026-11-16"},  # more than five years
    {"from": "0001-01-01"},
    {"to": "99999-12-31"},
    {"from": "yesterday"},
    {"action": "delete"},
    {"person_id": "abc"},
    {"person_id": 10**30},
    {"user_id": -1},
    {"page": 10**30},
    {"page": 0},
])
def test_absurd_filters_are_a_422_with_a_message(client, team_lead, filters):
    response = read_log(client, team_lead, **filters)
    assert response.status_code == 422 and response.json()["detail"]


def test_a_range_of_five_years_is_allowed(client, team_lead):
    assert read_log(client, team_lead, **{"from": "2021-11-16", "to": "2026-11-16"}).status_code == 200


def test_another_municipalitys_events_are_never_shown(client, team_lead, other_team, make_person, person):
    other_consultant = other_team[Role.YOUTH_CONSULTANT]
    outsider = make_person(actor=other_consultant).person
    client.get(f"/api/young-people/{outsider.pk}/", **bearer(other_consultant))
    mine = read_log(client, team_lead).json()["items"]
    assert mine and all(item["actor_id"] != other_consultant.pk for item in mine)
    assert read_log(client, team_lead, person_id=outsider.pk).json()["count"] == 0
    assert read_log(client, other_team[Role.TEAM_LEAD], person_id=person.pk).json()["count"] == 0


@pytest.mark.parametrize("role", [Role.YOUTH_CONSULTANT, Role.PSYCHOLOGIST, Role.MANAGER])
def test_only_team_leads_may_read_the_log_and_a_refusal_is_recorded(client, team, role):
    response = read_log(client, team[role])
    assert response.status_code == 403 and response.json()["detail"]
    assert AuditEvent.objects.filter(actor=team[role], action="denied", object_type="audit_log").exists()


def test_a_researcher_may_not_read_the_log(client, network_users):
    assert read_log(client, network_users[Role.RESEARCHER]).status_code == 403


def test_the_log_needs_a_token(client, db):
    assert client.get("/api/audit/").status_code == 401


def test_the_openapi_document_lists_the_audit_log_and_its_filters(client, db):
    operation = client.get("/api/openapi.json").json()["paths"]["/api/audit/"]["get"]
    assert {"from", "to", "person_id", "user_id", "action", "page"} <= {p["name"] for p in operation["parameters"]}
    assert {"200", "403", "422"} <= set(operation["responses"])
