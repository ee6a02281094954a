"""The devising API: same permissions, scoping and rules as the pages; bad input is a JSON 4xx."""

import datetime as dt

import pytest

from nextwork.core.tokens import api_token_create
from nextwork.devising.models import Experiment, SharedPractice

from .conftest import TODAY, content

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def post(client, url, body, user):
    return client.post(url, body, content_type="application/json", **bearer(user))


def body(**overrides) -> dict:
    data = {**content(), "starts_on": TODAY.isoformat(), "review_on": (TODAY + dt.timedelta(days=30)).isoformat()}
    data.update(overrides)
    return data


def test_create_list_review_and_share_through_the_api(client, team_lead, other_team):
    response = post(client, "/api/devising/experiments/", body(), team_lead)
    assert response.status_code == 201, response.content
    experiment_id = response.json()["id"]
    listed = client.get("/api/devising/experiments/?show=running", **bearer(team_lead)).json()
    assert [item["id"] for item in listed["items"]] == [experiment_id]
    response = post(client, f"/api/devising/experiments/{experiment_id}/review/",
                    {"observed": "More spoke", "decision": "keep"}, team_lead)
    assert response.status_code == 200 and response.json()["status"] == "reviewed"
    response = post(client, f"/api/devising/experiments/{experiment_id}/share/",
                    {"title": "Hosts", "principles": ["power_shift"], "why": "why",
                     "what_we_saw": "Ring 20304050"}, team_lead)
    assert response.status_code == 400 and response.json()["field"] == "what_we_saw"
    response = post(client, f"/api/devising/experiments/{experiment_id}/share/",
                    {"title": "Hosts", "principles": ["power_shift"], "why": "why", "what_we_saw": "More spoke"},
                    team_lead)
    assert response.status_code == 201
    library = client.get("/api/devising/library/", **bearer(other_team["youth_consultant"])).json()
    assert [item["title"] for item in library["items"]] == ["Hosts"]
    assert client.get(f"/api/devising/experiments/{experiment_id}/",
                      **bearer(other_team["team_lead"])).status_code == 404


@pytest.mark.parametrize("overrides", [{"principles": []}, {"principles": ["speed"]}, {"title": "x\x00"},
                                       {"starts_on": "1999-01-01"}, {"why": "x" * 4001}])
def test_invalid_input_is_a_422_and_saves_nothing(client, team_lead, overrides):
    response = post(client, "/api/devising/experiments/", body(**overrides), team_lead)
    assert response.status_code == 422 and response.json()["detail"]
    assert not Experiment.objects.exists()


def test_a_broken_rule_is_a_400_with_its_field(client, team_lead):
    response = post(client, "/api/devising/experiments/",
                    body(review_on=(TODAY - dt.timedelta(days=1)).isoformat()), team_lead)
    assert response.status_code == 400 and response.json()["field"] == "review_on"
    response = post(client, "/api/devising/experiments/", body(indicators=["nope"]), team_lead)
    assert response.status_code == 400 and response.json()["field"] == "indicators"


def test_a_manager_reads_but_may_not_write_and_a_caseworker_may_not_read(client, team):
    assert post(client, "/api/devising/experiments/", body(), team["manager"]).status_code == 403
    assert client.get("/api/devising/experiments/", **bearer(team["manager"])).status_code == 200
    assert client.get("/api/devising/experiments/", **bearer(team["caseworker"])).status_code == 403
    assert client.get("/api/devising/proposals/", **bearer(team["manager"])).status_code == 403


def test_proposals_are_listed_taken_up_and_answered(client, team_lead, youth_proposal, person):
    listed = client.get("/api/devising/proposals/", **bearer(team_lead)).json()
    assert listed["items"][0]["proposer_name"] == person.full_name
    response = post(client, f"/api/devising/proposals/{youth_proposal.pk}/take-up/",
                    {**content(), "response": "Yes"}, team_lead)
    assert response.status_code == 201 and response.json()["status"] == "proposed"
    response = post(client, f"/api/devising/proposals/{youth_proposal.pk}/respond/", {"response": "x"}, team_lead)
    assert response.status_code == 400


def test_meetings_through_the_api_refuse_unknown_staff_or_experiments(client, team_lead, experiment, other_team):
    response = post(client, "/api/devising/meetings/", {"held_on": TODAY.isoformat(), "attendee_ids": [team_lead.pk],
                                                        "experiment_ids": [experiment.pk],
                                                        "other_attendees": "two young people"}, team_lead)
    assert response.status_code == 201 and response.json()["experiment_ids"] == [experiment.pk]
    response = post(client, "/api/devising/meetings/", {"held_on": TODAY.isoformat(),
                                                        "attendee_ids": [other_team["team_lead"].pk]}, team_lead)
    assert response.status_code == 404
    assert not SharedPractice.objects.exists()
