import pytest

from nextwork.core.models import AuditEvent
from nextwork.core.roles import Role
from nextwork.core.tokens import api_token_create
from nextwork.trial.models import Participant

from .conftest import baseline


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def post(client, url, body, user):
    return client.post(url, body, content_type="application/json", **bearer(user))


def test_randomise_through_the_api_is_idempotent_per_cpr(client, trial, caseworker):
    body = baseline()
    first = post(client, f"/api/trial/{trial.pk}/randomise/", body, caseworker)
    assert first.status_code == 201, first.content
    again = post(client, f"/api/trial/{trial.pk}/randomise/", body, caseworker)
    assert again.status_code == 200 and again.json()["repeated"]
    assert again.json()["research_id"] == first.json()["research_id"]
    assert Participant.objects.count() == 1


@pytest.mark.parametrize(("change", "status"), [
    ({"months_on_support": 13}, 422), ({"gender": "robot"}, 422), ({"cpr_number": "0101011234"}, 400),
    ({"first_name": "A\x00"}, 422), ({"eligibility_confirmed": False}, 400), ({"first_name": "x" * 100000}, 422),
    ({"benefit_type": None}, 422),
])
def test_bad_input_is_a_json_4xx_and_allocates_nothing(client, trial, caseworker, change, status):
    response = post(client, f"/api/trial/{trial.pk}/randomise/", baseline(**change), caseworker)
    assert response.status_code == status, response.content
    assert "detail" in response.json()
    assert not Participant.objects.exists()


def test_a_trial_id_out_of_range_is_a_422_and_unknown_a_404(client, trial, caseworker):
    assert post(client, "/api/trial/99999999999/randomise/", baseline(), caseworker).status_code == 422
    assert post(client, "/api/trial/424242/randomise/", baseline(), caseworker).status_code == 404


def test_roles_that_may_not_randomise_get_403(client, trial, team, network_users):
    for user in (team[Role.PSYCHOLOGIST], team[Role.MANAGER], network_users[Role.RESEARCHER]):
        assert post(client, f"/api/trial/{trial.pk}/randomise/", baseline(), user).status_code == 403


def test_researchers_get_pseudonyms_and_caseworkers_names(client, trial, caseworker, network_users):
    post(client, f"/api/trial/{trial.pk}/randomise/", baseline(first_name="Sofie"), caseworker)
    researcher = network_users[Role.RESEARCHER]
    rows = client.get(f"/api/trial/{trial.pk}/participants/", **bearer(researcher)).json()
    assert rows[0]["first_name"] is None and rows[0]["research_id"].startswith("R")
    assert "Sofie" not in str(rows) and "cpr" not in str(rows)
    named = client.get(f"/api/trial/{trial.pk}/participants/", **bearer(caseworker)).json()
    assert named[0]["first_name"] == "Sofie"
    assert AuditEvent.objects.filter(actor=researcher, object_type="trial_pseudonymised").exists()


def test_another_municipality_sees_none_of_the_participants(client, trial, caseworker, other_team):
    post(client, f"/api/trial/{trial.pk}/randomise/", baseline(), caseworker)
    rows = client.get(f"/api/trial/{trial.pk}/participants/", **bearer(other_team[Role.CASEWORKER])).json()
    assert rows == []


def test_figures_and_marking_an_error(client, trial, caseworker, team_lead, network_users):
    created = post(client, f"/api/trial/{trial.pk}/randomise/", baseline(), caseworker).json()
    researcher = network_users[Role.RESEARCHER]
    consort = client.get(f"/api/trial/{trial.pk}/consort/", **bearer(researcher)).json()
    assert consort["randomised"] == 1
    assert client.get(f"/api/trial/{trial.pk}/balance/", **bearer(researcher)).json()["rows"]
    assert client.get(f"/api/trial/{trial.pk}/recruitment/", **bearer(researcher)).json()["total"]["target"] == 1200
    url = f"/api/trial/participants/{created['participant_id']}/in-error/"
    assert post(client, url, {"reason": "Forkert CPR"}, caseworker).status_code == 403
    assert post(client, url, {"reason": ""}, team_lead).status_code == 422
    assert post(client, url, {"reason": "Forkert CPR"}, team_lead).status_code == 200
    assert post(client, url, {"reason": "Igen"}, team_lead).status_code == 400
    assert client.get(f"/api/trial/{trial.pk}/consort/", **bearer(researcher)).json()["randomised"] == 1
