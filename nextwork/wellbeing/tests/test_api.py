"""The JSON API: the same permissions, scoping and audit as the pages; bad input is a JSON 4xx."""

import pytest

from nextwork.core.roles import Role
from nextwork.core.tokens import api_token_create
from nextwork.wellbeing.models import CheckIn, ConcernFlag

from .conftest import LOW, TODAY

pytestmark = pytest.mark.django_db


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def post(client, url, body, user):
    return client.post(url, body, content_type="application/json", **auth(user))


def test_a_check_in_through_the_api_shows_who5_only_to_the_psychologist(client, team, active):
    url = f"/api/wellbeing/young-people/{active.pk}/check-ins/"
    response = post(client, url, {"taken_on": TODAY.isoformat(), **LOW}, team[Role.YOUTH_CONSULTANT])
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["talk"] is True and body["who5_percent"] is None and body["loneliness_score"] == 8
    listed = client.get(url, **auth(team[Role.PSYCHOLOGIST])).json()
    assert listed[0]["who5_percent"] == 28 and listed[0]["flag"] == "psychologist"
    assert client.get(url, **auth(team[Role.CASEWORKER])).status_code == 403


@pytest.mark.parametrize("change", [{"who5": [5, 5, 5, 5]}, {"who5": [6, 0, 0, 0, 0]}, {"loneliness": [0, 1, 1]},
                                    {"taken_on": "2199-01-01"}, {"work_identity": "many"}])
def test_bad_answers_are_a_422_and_save_nothing(client, consultant, active, change):
    body = {"taken_on": TODAY.isoformat(), **LOW, **change}
    response = post(client, f"/api/wellbeing/young-people/{active.pk}/check-ins/", body, consultant)
    assert response.status_code == 422 and response.json()["detail"]
    assert not CheckIn.objects.exists()


def test_goals_and_progress_through_the_api(client, consultant, active):
    goal = post(client, f"/api/wellbeing/young-people/{active.pk}/goals/", {"text": "Møde til tiden"}, consultant)
    assert goal.status_code == 201
    marked = post(client, f"/api/wellbeing/goals/{goal.json()['id']}/progress/", {"level": 4}, consultant)
    assert marked.status_code == 201 and marked.json()["status"] == "reached"
    assert post(client, f"/api/wellbeing/goals/{goal.json()['id']}/progress/", {"level": 2},
                consultant).status_code == 400


def test_concerns_raise_list_act_close_through_the_api(client, team, active):
    raised = post(client, f"/api/wellbeing/young-people/{active.pk}/concerns/",
                  {"kind": "homelessness", "note": "Sover hos en ven."}, team[Role.CASEWORKER])
    assert raised.status_code == 201
    flag_id = raised.json()["id"]
    assert [c["id"] for c in client.get("/api/wellbeing/concerns/", **auth(team[Role.TEAM_LEAD])).json()] == [flag_id]
    assert client.get("/api/wellbeing/concerns/", **auth(team[Role.YOUTH_CONSULTANT])).status_code == 403
    assert post(client, f"/api/wellbeing/concerns/{flag_id}/actions/", {"note": "Ringet."},
                team[Role.YOUTH_CONSULTANT]).status_code == 201
    assert post(client, f"/api/wellbeing/concerns/{flag_id}/close/", {"note": ""},
                team[Role.PSYCHOLOGIST]).status_code == 422
    closed = post(client, f"/api/wellbeing/concerns/{flag_id}/close/", {"note": "Har fået bolig."},
                  team[Role.PSYCHOLOGIST])
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert [a["kind"] for a in closed.json()["actions"]] == ["note", "closed"]
    assert ConcernFlag.objects.get().status == "closed"


def test_the_trend_through_the_api_is_suppressed_and_scoped(client, team, other_team, network_users, active):
    rows = client.get("/api/wellbeing/trend/?months=3", **auth(team[Role.MANAGER])).json()
    assert len(rows) == 3 and all(row["n"] in (0, None) for row in rows)
    assert client.get("/api/wellbeing/trend/?months=99", **auth(team[Role.MANAGER])).status_code == 422
    assert client.get("/api/wellbeing/trend/", **auth(team[Role.CASEWORKER])).status_code == 403
    secretariat = auth(network_users[Role.SECRETARIAT])
    assert client.get("/api/wellbeing/trend/?municipality=roskilde", **secretariat).status_code == 200
    assert client.get("/api/wellbeing/trend/?municipality=nowhere", **secretariat).status_code == 404
    assert client.get(f"/api/wellbeing/young-people/{active.pk}/check-ins/",
                      **auth(other_team[Role.PSYCHOLOGIST])).status_code == 404
