"""The JSON API for what happens in the group: observation, pattern, taps summary and the agreement."""

import pytest

from nextwork.core.models import AuditEvent
from nextwork.groups.models import SessionObservation
from nextwork.groups.services.attendance import attendance_mark_rest_present
from nextwork.groups.services.taps import session_tap_give

from .conftest import TODAY, past_sessions
from .test_api import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(group, members, consultant):
    session = past_sessions(group)[-1]
    attendance_mark_rest_present(actor=consultant, session=session, memberships=members)
    return session


def test_observation_is_put_and_read_back(client, consultant, held, group):
    auth = bearer(consultant)
    url = f"/api/sessions/{held.pk}/observation/"
    assert client.get(url, **auth).status_code == 404
    response = client.put(url, {"signs": ["same_story", "took_over"], "took_part": "some"},
                          content_type="application/json", **auth)
    assert response.status_code == 200, response.content
    body = client.get(url, **auth).json()
    assert body["signs"] == ["took_over", "same_story"] and body["took_part"] == "some"
    assert body["recorded_by_id"] == consultant.pk
    assert AuditEvent.objects.filter(object_type="session_observation", channel="api").exists()
    pattern = client.get(f"/api/groups/{group.pk}/pattern/", **auth).json()
    assert pattern["sessions"][-1]["signs"] == ["took_over", "same_story"] and pattern["drift"] == []


@pytest.mark.parametrize("payload", [
    {"signs": ["bored"], "took_part": "most"}, {"signs": []}, {"took_part": "all"},
    {"signs": ["took_over"] * 50, "took_part": "most"}, "not json",
])
def test_bad_observations_are_json_4xx(client, consultant, held, payload):
    response = client.put(f"/api/sessions/{held.pk}/observation/", payload, content_type="application/json",
                          **bearer(consultant))
    assert response.status_code in (400, 422)
    assert response["Content-Type"].startswith("application/json")
    assert not SessionObservation.objects.exists()


def test_a_coming_session_is_refused_with_the_rule(client, consultant, group):
    coming = group.sessions.filter(date__gt=TODAY).first()
    response = client.put(f"/api/sessions/{coming.pk}/observation/", {"took_part": "most"},
                          content_type="application/json", **bearer(consultant))
    assert response.status_code == 400 and "from the day of the session" in response.json()["detail"]


def test_roles_and_municipalities(client, team, other_team, held):
    url = f"/api/sessions/{held.pk}/observation/"
    put = {"took_part": "most"}
    assert client.put(url, put, content_type="application/json",
                      **bearer(team["company_consultant"])).status_code == 403
    assert client.put(url, put, content_type="application/json",
                      **bearer(other_team["youth_consultant"])).status_code == 404
    assert client.get(f"/api/sessions/{held.pk}/taps/", **bearer(other_team["team_lead"])).status_code == 404
    assert client.put(url, put, content_type="application/json", **bearer(team["psychologist"])).status_code == 200


def test_taps_summary_is_suppressed_below_five(client, consultant, held, members):
    for membership, worth in zip(members, (True, False, True, True), strict=True):
        session_tap_give(membership=membership, session=held, worth_coming=worth, today=TODAY)
    body = client.get(f"/api/sessions/{held.pk}/taps/", **bearer(consultant)).json()
    assert body == {"session_id": held.pk, "taps": 4, "shown": False, "worth_coming_percent": None}


def test_the_agreement_is_put_read_and_revisited(client, consultant, team_lead, group):
    url = f"/api/groups/{group.pk}/agreement/"
    assert client.get(url, **bearer(consultant)).status_code == 404
    assert client.post(url + "revisited/", **bearer(consultant)).status_code == 400
    client.put(url, {"text": "Telefoner på lydløs."}, content_type="application/json", **bearer(consultant))
    response = client.put(url, {"text": "Telefoner i tasken."}, content_type="application/json",
                          **bearer(team_lead))
    assert response.status_code == 200
    body = client.get(url, **bearer(consultant)).json()
    assert body["text"] == "Telefoner i tasken." and body["updated_by_id"] == team_lead.pk
    assert [v["text"] for v in body["versions"]] == ["Telefoner i tasken.", "Telefoner på lydløs."]
    assert body["revisit_due"] is False
    assert client.post(url + "revisited/", **bearer(consultant)).json()["revisited_on"] == TODAY.isoformat()
    for bad in ({"text": ""}, {"text": "x" * 4001}, {"text": "a\x00b"}, {}):
        response = client.put(url, bad, content_type="application/json", **bearer(consultant))
        assert response.status_code in (400, 422), bad
    assert client.get(url, **bearer(consultant)).json()["text"] == "Telefoner i tasken."
