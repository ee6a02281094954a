import datetime as dt

from nextwork.companies.models import Company
from nextwork.core.tokens import api_token_create

from .conftest import CVRS, TODAY, company_details, ready_to_start


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def test_companies_are_registered_listed_and_changed_through_the_api(client, company_consultant):
    auth = bearer(company_consultant)
    created = client.post("/api/companies/", company_details(), content_type="application/json", **auth)
    assert created.status_code == 201, created.content
    company_id = created.json()["id"]
    duplicate = client.post("/api/companies/", company_details(), content_type="application/json", **auth)
    assert duplicate.status_code == 400 and duplicate.json()["field"] == "cvr"
    assert client.get("/api/companies/", **auth).json()["items"][0]["name"] == "Roskilde Smedie ApS"
    changed = client.patch(f"/api/companies/{company_id}/", {"name": "Ny"}, content_type="application/json", **auth)
    assert changed.json()["name"] == "Ny"
    assert client.get(f"/api/companies/{company_id}/figures/", **auth).json()["flagged"] is False


def test_an_invalid_cvr_is_a_json_400(client, company_consultant):
    response = client.post("/api/companies/", company_details(cvr="12345670"), content_type="application/json",
                           **bearer(company_consultant))
    assert response.status_code == 400 and "modulus 11" in response.json()["detail"]


def test_offers_and_internships_through_the_api(client, consultant, offer, active_course):
    auth = bearer(consultant)
    assert client.get("/api/offers/", **auth).json()["items"][0]["occupation_code"] == "722"
    body = {"course_id": active_course.pk, "company_id": offer.company_id, "offer_id": offer.pk,
            "start_on": TODAY.isoformat(), "planned_end_on": (TODAY + dt.timedelta(days=30)).isoformat(),
            "hours_per_week": "20"}
    created = client.post("/api/internships/", body, content_type="application/json", **auth)
    assert created.status_code == 201, created.content
    internship = created.json()
    assert internship["person_id"] == active_course.person_id and internship["agreement_status"] == "drafted"
    too_many = client.post("/api/internships/", {**body, "hours_per_week": "20", "offer_id": None, "function": "Lager"},
                           content_type="application/json", **auth)
    assert too_many.status_code == 400 and too_many.json()["field"] == "hours_per_week"
    start = client.post(f"/api/internships/{internship['id']}/start/", {"on": TODAY.isoformat()},
                        content_type="application/json", **auth)
    assert start.status_code == 400 and "agreement" in start.json()["detail"]
    assert client.get("/api/internships/", **auth).json()["count"] == 1


def test_a_lifecycle_action_through_the_api(client, consultant, make_internship):
    internship = ready_to_start(make_internship(start=TODAY), consultant)
    response = client.post(f"/api/internships/{internship.pk}/start/", {"on": TODAY.isoformat()},
                           content_type="application/json", **bearer(consultant))
    assert response.status_code == 200 and response.json()["status"] == "active"
    unknown = client.post(f"/api/internships/{internship.pk}/teleport/", {}, content_type="application/json",
                          **bearer(consultant))
    assert unknown.status_code == 404


def test_api_permissions_match_the_pages(client, team, other_team, company):
    assert client.get("/api/companies/", **bearer(team["manager"])).status_code == 403
    assert client.post("/api/companies/", company_details(cvr=CVRS[3]), content_type="application/json",
                       **bearer(team["psychologist"])).status_code == 403
    assert client.get(f"/api/companies/{company.pk}/", **bearer(other_team["team_lead"])).status_code == 404
    assert client.get("/api/companies/").status_code == 401
    assert Company.objects.count() == 1
