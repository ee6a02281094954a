"""Bad input to the groups and companies APIs is a JSON 4xx with a `detail`, and changes nothing; lists are paged;
an unexpected error is a logged JSON 500 and an unknown path a JSON 404."""

import datetime as dt
import logging
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta

from nextwork.companies.models import Company, Offer
from nextwork.companies.services import companies, internships, offers
from nextwork.core.tokens import api_token_create
from nextwork.groups.models import NetworkGroup, Session
from nextwork.groups.services.groups import group_create

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


@pytest.fixture
def auth(team_lead):
    return bearer(team_lead)


@pytest.fixture
def group(team_lead, consultant):
    return group_create(actor=team_lead, name="Mandagsgruppen", weekday="mon", starts_at=dt.time(10),
                        ends_at=dt.time(12), place="Ungehuset", facilitators=[consultant],
                        active_from=TODAY - dt.timedelta(weeks=4))


@pytest.fixture
def company(team_lead):
    return companies.company_create(actor=team_lead, details={
        "cvr": "13585628", "name": "Roskilde Smedie ApS", "address": "", "industry_code": "25",
        "size_band": "10-49", "sector": "private", "notes": ""})


def group_body(consultant, **overrides) -> dict:
    body = {"name": "Fredagsholdet", "weekday": "fri", "starts_at": "09:30", "ends_at": "11:30", "place": "Hal 2",
            "facilitator_ids": [consultant.pk], "active_from": TODAY.isoformat()}
    body.update(overrides)
    return body


def offer_body(company, **overrides) -> dict:
    body = {"company_id": company.pk, "function": "Smed", "occupation_code": "722", "kind": "training"}
    body.update(overrides)
    return body


def assert_refused(response, status=422):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def post(client, url, body, auth):
    return client.post(url, body, content_type="application/json", **auth)


# NUL characters in searches, filters and text fields
@pytest.mark.parametrize("url", ["/api/companies/?search=smed%00", "/api/offers/?occupation=72%00",
                                 "/api/internships/?status=active%00"])
def test_a_nul_character_in_a_search_or_filter_is_a_422(client, auth, company, url):
    assert_refused(client.get(url, **auth))


@pytest.mark.parametrize("field", ["name", "place"])
def test_a_nul_character_in_a_group_is_a_422_and_saves_nothing(client, auth, consultant, field):
    assert_refused(post(client, "/api/groups/", group_body(consultant, **{field: "Hal\x00 2"}), auth))
    assert not NetworkGroup.objects.exists()


@pytest.mark.parametrize("field", ["name", "address", "notes"])
def test_a_nul_character_in_a_company_is_a_422_and_saves_nothing(client, auth, field):
    body = {"cvr": "10150817", "name": "Bageriet", "industry_code": "10", "size_band": "1-9",
            "sector": "private", field: "Torvet\x00 1"}
    assert_refused(post(client, "/api/companies/", body, auth))
    assert not Company.objects.exists()


def test_a_nul_character_in_a_company_change_is_a_422(client, auth, company):
    response = client.patch(f"/api/companies/{company.pk}/", {"notes": "a\x00b"}, content_type="application/json",
                            **auth)
    assert_refused(response)
    company.refresh_from_db()
    assert company.notes == ""


@pytest.mark.parametrize("field", ["function", "tasks", "location", "directions"])
def test_a_nul_character_in_an_offer_is_a_422(client, auth, company, field):
    assert_refused(post(client, "/api/offers/", offer_body(company, **{field: "Smed\x00"}), auth))
    assert not Offer.objects.exists()


def test_a_nul_character_in_an_agenda_item_or_session_note_is_a_422(client, auth, group):
    assert_refused(post(client, f"/api/groups/{group.pk}/agenda-items/", {"title": "Job\x00"}, auth))
    session = group.sessions.order_by("date").first()
    response = client.patch(f"/api/sessions/{session.pk}/", {"notes": "a\x00"}, content_type="application/json",
                            **auth)
    assert_refused(response)


# Names of 100,000 characters
def test_a_name_of_100000_characters_is_a_422(client, auth, consultant, company):
    long = "x" * 100_000
    assert_refused(post(client, "/api/groups/", group_body(consultant, name=long), auth))
    assert_refused(post(client, "/api/companies/", {"cvr": "10150817", "name": long, "industry_code": "10",
                                                    "size_band": "1-9", "sector": "private"}, auth))
    assert_refused(post(client, "/api/offers/", offer_body(company, function=long), auth))
    assert_refused(client.patch(f"/api/companies/{company.pk}/", {"notes": long}, content_type="application/json",
                                **auth))
    assert_refused(client.get(f"/api/companies/?search={long}", **auth))
    assert not NetworkGroup.objects.exists() and Company.objects.count() == 1 and not Offer.objects.exists()


# Non-numeric and huge ids, huge numbers
@pytest.mark.parametrize("url", ["/api/groups/abc/", "/api/groups/99999999999999999999/", "/api/companies/1e3/",
                                 "/api/internships/-1/", "/api/sessions/0/attendance/"])
def test_a_bad_id_in_the_path_is_a_422(client, auth, url):
    assert_refused(client.get(url, **auth))


def test_a_bad_id_in_the_body_is_a_422(client, auth, consultant, group):
    assert_refused(post(client, "/api/groups/", group_body(consultant, facilitator_ids=[10**30]), auth))
    assert_refused(post(client, f"/api/groups/{group.pk}/memberships/", {"person_id": "abc"}, auth))
    assert_refused(post(client, f"/api/groups/{group.pk}/agenda-items/", {"title": "Job", "session_id": 2**40},
                        auth))


def test_an_offer_with_10_to_the_30_places_is_a_422(client, auth, company):
    assert_refused(post(client, "/api/offers/", offer_body(company, places=10**30), auth))
    assert_refused(post(client, "/api/offers/", offer_body(company, places=101), auth))
    assert not Offer.objects.exists()
    assert post(client, "/api/offers/", offer_body(company, places=100), auth).status_code == 201


def test_an_offer_with_too_many_places_is_refused_by_the_service(team_lead, company):
    from nextwork.core.errors import DomainError

    with pytest.raises(DomainError) as refused:
        offers.offer_create(actor=team_lead, company=company, details={
            "function": "Smed", "occupation_code": "722", "kind": "training", "places": 10**30})
    assert refused.value.field == "places"


def test_huge_hours_in_an_internship_step_are_a_422(client, auth, team_lead, company, make_person):
    from nextwork.people.services.courses import course_change_status

    course = course_change_status(actor=team_lead, course=make_person(referred_days_ago=30).course,
                                  status="active", on=TODAY - dt.timedelta(days=20))
    internship = internships.internship_create(
        actor=team_lead, course=course, company=company, function="Smed", start_on=TODAY + dt.timedelta(days=3),
        planned_end_on=TODAY + dt.timedelta(days=60), hours_per_week=Decimal("20"), kind="training")
    assert_refused(post(client, f"/api/internships/{internship.pk}/hours/", {"hours_per_week": "1e30"}, auth))
    assert_refused(post(client, f"/api/internships/{internship.pk}/pause/", {"reason": "a\x00"}, auth))
    assert_refused(post(client, "/api/internships/", {
        "course_id": course.pk, "company_id": company.pk, "start_on": "0001-01-01", "planned_end_on": "9999-12-31",
        "hours_per_week": "20"}, auth))


# Times with a timezone offset: refused, and the group is not saved
@pytest.mark.parametrize("times", [("10:00+02:00", "12:00+02:00"), ("10:00+02:00", "12:00"), ("10:00Z", "12:00")])
def test_a_time_with_a_timezone_offset_is_a_422_and_saves_no_group(client, auth, consultant, times):
    body = group_body(consultant, starts_at=times[0], ends_at=times[1])
    assert_refused(post(client, "/api/groups/", body, auth))
    assert not NetworkGroup.objects.exists() and not Session.objects.exists()


def test_the_group_service_refuses_a_time_with_a_timezone_and_saves_nothing(team_lead, consultant):
    from nextwork.core.errors import DomainError

    with pytest.raises(DomainError) as refused:
        group_create(actor=team_lead, name="X", weekday="mon", starts_at=dt.time(10, tzinfo=dt.UTC),
                     ends_at=dt.time(12, tzinfo=dt.UTC), place="Hal", facilitators=[consultant], active_from=TODAY)
    assert refused.value.field == "starts_at"
    assert not NetworkGroup.objects.exists()


def test_a_session_moved_with_a_timezone_or_out_of_range_date_is_a_422(client, auth, group):
    session = group.sessions.filter(date__gte=TODAY).order_by("date").first()
    for body in ({"starts_at": "10:00+01:00"}, {"date": "0001-01-01"}, {"date": "9833-10-08"}):
        response = client.patch(f"/api/sessions/{session.pk}/", body, content_type="application/json", **auth)
        assert_refused(response)
    moved = Session.objects.get(pk=session.pk)
    assert (moved.date, moved.starts_at) == (session.date, session.starts_at)


# Date ranges
@pytest.mark.parametrize("until", ["9833-10-08", "0001-01-01", "2100-01-01"])
def test_a_session_plan_outside_the_years_2000_to_2099_is_a_422(client, auth, group, until):
    count = group.sessions.count()
    assert_refused(post(client, f"/api/groups/{group.pk}/sessions/plan/", {"until": until}, auth))
    assert group.sessions.count() == count


def test_a_session_plan_more_than_18_months_ahead_is_a_400_and_plans_nothing(client, auth, group):
    count = group.sessions.count()
    too_far = TODAY + relativedelta(months=18) + dt.timedelta(days=1)
    response = post(client, f"/api/groups/{group.pk}/sessions/plan/", {"until": too_far.isoformat()}, auth)
    assert_refused(response, 400)
    assert response.json()["field"] == "until"
    assert group.sessions.count() == count


def test_a_session_plan_18_months_ahead_plans_at_most_a_year_and_a_half_of_weeks(client, auth, group):
    until = TODAY + relativedelta(months=18)
    response = post(client, f"/api/groups/{group.pk}/sessions/plan/", {"until": until.isoformat()}, auth)
    assert response.status_code == 200, response.content
    assert 60 < group.sessions.count() <= 84


@pytest.mark.parametrize("active_from", ["0257-01-01", "1999-12-31", "2100-01-01"])
def test_a_group_active_outside_the_years_2000_to_2099_is_a_422(client, auth, consultant, active_from):
    assert_refused(post(client, "/api/groups/", group_body(consultant, active_from=active_from), auth))
    assert not NetworkGroup.objects.exists() and not Session.objects.exists()


def test_a_new_group_active_from_more_than_two_years_ago_is_a_400(client, auth, consultant):
    long_ago = TODAY - relativedelta(years=2) - dt.timedelta(days=1)
    response = post(client, "/api/groups/", group_body(consultant, active_from=long_ago.isoformat()), auth)
    assert_refused(response, 400)
    assert response.json()["field"] == "active_from"
    assert not NetworkGroup.objects.exists() and not Session.objects.exists()


def test_a_new_group_active_from_two_years_ago_plans_about_two_years_of_sessions(client, auth, consultant):
    start = TODAY - relativedelta(years=2)
    response = post(client, "/api/groups/", group_body(consultant, active_from=start.isoformat()), auth)
    assert response.status_code == 201, response.content
    assert Session.objects.count() <= 2 * 53 + 12


def test_a_session_list_since_a_date_out_of_range_is_a_422(client, auth, group):
    assert_refused(client.get(f"/api/groups/{group.pk}/sessions/?since=0001-01-01", **auth))
    assert_refused(client.get(f"/api/groups/{group.pk}/sessions/?since=abc", **auth))


# Paged lists
def test_the_session_list_is_paged(client, auth, group):
    group_sessions = group.sessions.count()
    body = client.get(f"/api/groups/{group.pk}/sessions/?page_size=3", **auth).json()
    assert body["count"] == group_sessions and len(body["items"]) == 3
    assert_refused(client.get(f"/api/groups/{group.pk}/sessions/?page_size=100000", **auth))
    assert_refused(client.get(f"/api/groups/{group.pk}/sessions/?page=10000000000", **auth))


@pytest.mark.parametrize("path", ["/api/groups/", "/api/groups/{group}/memberships/", "/api/groups/{group}/sessions/",
                                  "/api/groups/{group}/agenda-items/", "/api/sessions/{session}/attendance/",
                                  "/api/companies/", "/api/offers/", "/api/internships/"])
def test_every_list_of_groups_and_companies_is_paged(client, auth, group, company, path):
    url = path.format(group=group.pk, session=group.sessions.first().pk)
    body = client.get(url, **auth).json()
    assert set(body) == {"items", "count"}
    assert_refused(client.get(f"{url}?page_size=101", **auth))


# JSON errors
def test_an_unexpected_error_is_a_logged_json_500(client, auth, monkeypatch, caplog):
    from nextwork.companies import selectors

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(selectors, "company_list", broken)
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/api/companies/", **auth)
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json") and response.json()["detail"]
    assert "a bug" not in response.content.decode()
    logged = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(logged) == 1 and logged[0].exc_info and "a bug" in str(logged[0].exc_info[1])


@pytest.mark.parametrize("url", ["/api/nothing/", "/api/groups/1/nothing/", "/api/companies/1/offers/x/"])
def test_an_unknown_api_path_is_a_json_404(client, auth, url):
    response = client.get(url, **auth)
    assert_refused(response, 404)


def test_an_unknown_page_outside_the_api_is_still_the_html_page(client, team_lead):
    client.force_login(team_lead)
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
