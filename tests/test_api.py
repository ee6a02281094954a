import datetime as dt
import io

import pytest
from django.core.management import call_command

from conftest import _cpr_for
from nextwork.core.models import AuditEvent
from nextwork.core.roles import Role
from nextwork.core.tokens import api_token_create


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def payload(**overrides):
    birth_date = dt.date.today() - dt.timedelta(days=21 * 365)
    data = {"first_name": "Oscar", "last_name": "Eriksen", "cpr": _cpr_for(birth_date, 500),
            "referral_source": "jobcentre", "benefit_type": "cash_benefit", "available_days": ["tue"]}
    data.update(overrides)
    return data


def test_the_create_api_token_command_prints_the_token_last(consultant, client, make_person):
    make_person()
    out = io.StringIO()
    call_command("create_api_token", consultant.username, stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    response = client.get("/api/young-people/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200 and response.json()["count"] == 1


def test_without_a_token_the_api_answers_401_in_json(client, db):
    response = client.get("/api/young-people/")
    assert response.status_code == 401 and "detail" in response.json()
    assert client.get("/api/young-people/", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401


def test_a_role_without_access_gets_403(client, team):
    response = client.get("/api/young-people/", **bearer(team[Role.MANAGER]))
    assert response.status_code == 403 and response.json()["detail"]


def test_another_municipalitys_record_is_404(client, make_person, other_team):
    person = make_person().person
    response = client.get(f"/api/young-people/{person.pk}/", **bearer(other_team[Role.YOUTH_CONSULTANT]))
    assert response.status_code == 404


def test_the_list_is_paged_filtered_and_scoped(client, consultant, make_person, other_team):
    make_person(first_name="Alma")
    make_person(first_name="Bent")
    other_consultant = other_team[Role.YOUTH_CONSULTANT]
    make_person(actor=other_consultant, first_name="Carla")
    response = client.get("/api/young-people/", {"search": "alm"}, **bearer(consultant))
    body = response.json()
    assert body["count"] == 1 and body["items"][0]["first_name"] == "Alma"
    assert body["items"][0]["current_course"]["status"] == "referred"
    everyone = client.get("/api/young-people/", **bearer(consultant)).json()
    assert {item["first_name"] for item in everyone["items"]} == {"Alma", "Bent"}
    assert "cpr" not in everyone["items"][0]


def test_creating_and_reading_a_young_person(client, consultant):
    created = client.post("/api/young-people/", payload(), content_type="application/json", **bearer(consultant))
    assert created.status_code == 201
    person_id = created.json()["id"]
    read = client.get(f"/api/young-people/{person_id}/", **bearer(consultant))
    assert read.status_code == 200 and read.json()["courses"][0]["status"] == "referred"
    courses = client.get(f"/api/young-people/{person_id}/courses/", **bearer(consultant))
    assert courses.status_code == 200 and len(courses.json()) == 1
    assert AuditEvent.objects.filter(channel="api", action="view", object_id=str(person_id)).exists()


@pytest.mark.parametrize(("change", "status"), [
    ({"cpr": "070761-4286"}, 400),
    ({"referral_source": "martians"}, 422),
    ({"first_name": ""}, 422),
])
def test_bad_input_is_a_json_4xx_with_a_message(client, consultant, change, status):
    response = client.post("/api/young-people/", payload(**change), content_type="application/json",
                           **bearer(consultant))
    assert response.status_code == status
    assert response.json()["detail"]


def test_malformed_json_is_a_4xx_not_a_500(client, consultant):
    response = client.post("/api/young-people/", "{not json", content_type="application/json", **bearer(consultant))
    assert 400 <= response.status_code < 500


def test_the_openapi_document_and_docs_are_served(client, db):
    document = client.get("/api/openapi.json").json()
    assert "/api/young-people/" in document["paths"]
    assert client.get("/api/docs").status_code == 200


def test_the_api_docs_page_declares_its_language(client, consultant):
    client.force_login(consultant)
    html = client.get("/api/docs").content.decode()
    assert '<html lang="en">' in html
