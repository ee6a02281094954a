"""Every companies page that names young people writes exactly its audit rows, from the access functions: a
"view" for one internship, a "list" with the count of names shown; a refused role and another
municipality's id write a "denied" row. Opening a page or a form is never a "change"."""

import pytest

from nextwork.core.models import AuditEvent
from nextwork.core.roles import Role
from nextwork.core.tokens import api_token_create

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


@pytest.fixture
def two_interns(make_internship, make_person, consultant):
    """Two internships at the company, for two young people."""
    from nextwork.people.services.courses import course_change_status

    from .conftest import TODAY

    other = make_person(first_name="Malthe", referred_days_ago=30).course
    other = course_change_status(actor=consultant, course=other, status="active", on=TODAY)
    return [make_internship(), make_internship(course=other, function="Lager")]


# What a permitted user's request writes
def test_the_company_page_lists_its_interns(client, consultant, company, two_interns):
    response, events = _get(client, consultant, f"/companies/{company.pk}/")
    page = _page(response)
    assert all(i.course.person.full_name in page for i in two_interns)
    assert _rows(events) == [("list", "company", "", f"company {company.pk}: interns (2 shown)")]


def test_the_internship_list_counts_the_names_on_the_page(client, consultant, two_interns):
    response, events = _get(client, consultant, "/companies/internships/")
    page = _page(response)
    assert all(i.course.person.full_name in page for i in two_interns)
    assert _rows(events) == [("list", "internship", "", "internship list (2 shown)")]


def test_the_internship_page_is_a_view(client, consultant, make_internship):
    internship = make_internship()
    response, events = _get(client, consultant, f"/companies/internships/{internship.pk}/")
    assert internship.course.person.full_name in _page(response)
    assert _rows(events) == [("view", "internship", str(internship.pk), "company.view")]


def test_the_internship_forms_drop_down_is_a_list(client, consultant, active_course, make_person):
    waiting = make_person(first_name="Sigrid").person  # referred: an open course too
    response, events = _get(client, consultant, "/companies/internships/new/")
    page = _page(response)
    assert active_course.person.full_name in page and waiting.full_name in page
    assert _rows(events) == [("list", "young_person", "", "internship form: young person drop-down (2 shown)")]


def test_a_refused_internship_form_is_listed_again(client, consultant, active_course, company):
    client.force_login(consultant)
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client.post("/companies/internships/new/", {"course": active_course.pk, "company": company.pk})
    assert response.status_code == 200 and active_course.person.full_name in response.content.decode()
    assert _rows(AuditEvent.objects.filter(id__gt=last)) == [
        ("list", "young_person", "", "internship form: young person drop-down (1 shown)")]


def test_the_wishes_page_audits_the_profiles_it_reads(client, consultant, make_person):
    for name in ("Asger", "Bodil", "Carl"):
        make_person(first_name=name, dream_trades="Smed, kok")
    make_person(first_name="Dorthe", dream_trades="")
    response, events = _get(client, consultant, "/companies/wishes/")
    _page(response)
    assert _rows(events) == [("list", "young_person", "", "wishes against offers: dream trades (3 shown)")]


def test_the_agreement_pdf_is_one_export_row(client, consultant, make_internship):
    internship = make_internship()
    response, events = _get(client, consultant, f"/companies/internships/{internship.pk}/agreement.pdf")
    assert response.status_code == 200
    assert _rows(events) == [("export", "internship_agreement", str(internship.pk), "agreement PDF")]


@pytest.mark.parametrize("url", ["/companies/", "/companies/offers/", "/companies/meetings/",
                                 "/companies/warnings/", "/companies/import/"])
def test_pages_without_young_peoples_names_write_no_row(client, consultant, company, two_interns, url):
    response, events = _get(client, consultant, url)
    page = _page(response)
    assert all(i.course.person.last_name not in page for i in two_interns)
    assert events == []


def test_opening_the_edit_forms_writes_no_change_row(client, company_consultant, company, offer):
    for url in (f"/companies/{company.pk}/edit/", f"/companies/offers/{offer.pk}/edit/",
                f"/companies/{company.pk}/offers/new/"):
        response, events = _get(client, company_consultant, url)
        _page(response)
        assert events == [], url


def test_the_api_list_counts_the_internships_on_the_page(client, consultant, two_interns):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=consultant)}"}
    response, events = _get(client, consultant, "/api/internships/", **auth)
    assert response.json()["count"] == 2
    assert _rows(events) == [("list", "internship", "", "API internship list (2 shown)")]
    assert events[0].channel == "api"


def test_the_api_reads_the_course_of_a_new_internship_as_a_view(client, consultant, active_course, company):
    client.force_login(consultant)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=consultant)}"}
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    client.post("/api/internships/", {"course_id": active_course.pk, "company_id": company.pk, "function": "Smed",
                                      "start_on": "2020-01-01", "planned_end_on": "2019-01-01",
                                      "hours_per_week": "10"}, content_type="application/json", **auth)
    events = AuditEvent.objects.filter(id__gt=last, object_type="course")
    assert _rows(events) == [("view", "course", str(active_course.pk), "internship.manage")]


# Refused and not found
@pytest.mark.parametrize("url, role, object_type", [
    ("/companies/", Role.MANAGER, "company"),
    ("/companies/{company}/", Role.MANAGER, "company"),
    ("/companies/{company}/edit/", Role.PSYCHOLOGIST, "company"),
    ("/companies/import/", Role.PSYCHOLOGIST, "company"),
    ("/companies/offers/", Role.MANAGER, "offer"),
    ("/companies/meetings/", Role.MANAGER, "network_meeting"),
    ("/companies/wishes/", Role.MANAGER, "young_person"),
    ("/companies/warnings/", Role.MANAGER, "company"),
    ("/companies/internships/", Role.MANAGER, "internship"),
    ("/companies/internships/new/", Role.PSYCHOLOGIST, "internship"),
    ("/companies/internships/{internship}/", Role.MANAGER, "internship"),
    ("/companies/internships/{internship}/agreement.pdf", Role.MANAGER, "internship"),
])
def test_a_role_without_the_permission_gets_403_and_a_denied_row(client, team, company, make_internship, url, role,
                                                                  object_type):
    url = url.format(company=company.pk, internship=make_internship().pk)
    response, events = _get(client, team[role], url)
    assert response.status_code == 403
    assert [(e.action, e.object_type) for e in events] == [("denied", object_type)]
    assert events[0].summary.endswith("role may not")


def test_a_cross_municipal_role_gets_403_and_a_denied_row(client, network_users, make_internship):
    internship = make_internship()
    response, events = _get(client, network_users["researcher"], f"/companies/internships/{internship.pk}/")
    assert response.status_code == 403
    assert [(e.action, e.object_type, e.object_id) for e in events] == [
        ("denied", "internship", str(internship.pk))]


@pytest.mark.parametrize("url, object_type", [
    ("/companies/{company}/", "company"),
    ("/companies/{company}/edit/", "company"),
    ("/companies/offers/{offer}/edit/", "offer"),
    ("/companies/internships/{internship}/", "internship"),
    ("/companies/internships/{internship}/agreement.pdf", "internship"),
])
def test_another_municipalitys_id_gets_404_and_a_denied_row(client, other_team, company, offer, make_internship,
                                                             url, object_type):
    url = url.format(company=company.pk, offer=offer.pk, internship=make_internship().pk)
    user = other_team[Role.TEAM_LEAD]
    response, events = _get(client, user, url)
    assert response.status_code == 404
    assert [(e.action, e.object_type) for e in events] == [("denied", object_type)]
    assert events[0].summary.endswith("not found in the municipality")
    assert events[0].municipality_id == user.municipality_id
