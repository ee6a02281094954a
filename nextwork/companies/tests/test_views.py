import datetime as dt

import pytest
from django.urls import reverse

from nextwork.companies.models import Company, Internship

from .conftest import CVRS, TODAY, company_details, ready_to_start

PAGES = ["companies:list", "companies:offers", "companies:internships", "companies:meetings", "companies:wishes",
         "companies:warnings"]


def test_a_company_consultant_registers_a_company_and_lands_on_its_page(client, company_consultant):
    client.force_login(company_consultant)
    response = client.post(reverse("companies:create"), company_details())
    company = Company.objects.get()
    assert response.status_code == 302 and response.url == reverse("companies:detail", args=[company.pk])
    page = client.get(response.url).content.decode()
    assert "Roskilde Smedie ApS" in page and "25 Fremstilling af metalprodukter" in page


def test_a_duplicate_cvr_shows_the_existing_company_next_to_the_field(client, company_consultant, company):
    client.force_login(company_consultant)
    response = client.post(reverse("companies:create"), company_details(name="Samme firma"))
    html = response.content.decode()
    assert response.status_code == 400 and 'id="id_cvr-error"' in html
    assert reverse("companies:detail", args=[company.pk]) in html
    assert Company.objects.count() == 1


@pytest.mark.parametrize("name", PAGES)
def test_every_list_page_opens_for_the_team(client, consultant, company, offer, name):
    client.force_login(consultant)
    assert client.get(reverse(name)).status_code == 200


def test_the_company_page_shows_offers_internships_contacts_and_figures(client, consultant, make_internship):
    internship = make_internship()
    client.force_login(consultant)
    html = client.get(reverse("companies:detail", args=[internship.company_id])).content.decode()
    assert internship.course.person.full_name in html and "figures-heading" in html


@pytest.mark.parametrize("role", ["manager"])
def test_a_role_without_company_access_gets_403(client, team, company, role):
    client.force_login(team[role])
    assert client.get(reverse("companies:list")).status_code == 403
    assert client.get(reverse("companies:detail", args=[company.pk])).status_code == 403


def test_a_psychologist_may_read_but_not_change_companies(client, psychologist, company):
    client.force_login(psychologist)
    assert client.get(reverse("companies:detail", args=[company.pk])).status_code == 200
    assert client.get(reverse("companies:edit", args=[company.pk])).status_code == 403
    assert client.get(reverse("companies:create")).status_code == 403


def test_another_municipalitys_company_and_internship_are_404(client, other_team, company, make_internship):
    internship = make_internship()
    client.force_login(other_team["youth_consultant"])
    assert client.get(reverse("companies:detail", args=[company.pk])).status_code == 404
    assert client.get(reverse("companies:internship", args=[internship.pk])).status_code == 404
    assert client.get(reverse("companies:agreement_pdf", args=[internship.pk])).status_code == 404


def test_creating_an_internship_from_the_form(client, consultant, active_course, offer):
    client.force_login(consultant)
    response = client.post(reverse("companies:internship_create"), {
        "course": active_course.pk, "company": offer.company_id, "offer": offer.pk, "start_on": TODAY.isoformat(),
        "planned_end_on": (TODAY + dt.timedelta(days=30)).isoformat(), "hours_per_week": "15", "kind": "training"})
    internship = Internship.objects.get()
    assert response.status_code == 302 and internship.function == "Smedelærling"


def test_a_refused_start_shows_the_message_in_the_open_form(client, consultant, make_internship):
    internship = make_internship(start=TODAY)
    client.force_login(consultant)
    response = client.post(reverse("companies:internship_action", args=[internship.pk, "start"]),
                           {"start-on": TODAY.isoformat()})
    html = response.content.decode()
    assert response.status_code == 400 and "agreement is signed" in html and "<details class=\"details\" open" in html


def test_lifecycle_actions_through_the_page(client, consultant, make_internship):
    internship = ready_to_start(make_internship(start=TODAY), consultant)
    client.force_login(consultant)
    url = lambda action: reverse("companies:internship_action", args=[internship.pk, action])  # noqa: E731
    assert client.post(url("start"), {"start-on": TODAY.isoformat()}).status_code == 302
    assert client.post(url("interrupt"), {"interrupt-on": TODAY.isoformat(), "interrupt-initiative": "company",
                                          "interrupt-reason": "Ingen opgaver"}).status_code == 302
    internship.refresh_from_db()
    assert internship.outcome == "interrupted"


def test_the_young_persons_page_lists_their_internships(client, consultant, make_internship):
    internship = make_internship()
    client.force_login(consultant)
    html = client.get(reverse("portal:person", args=[internship.course.person_id])).content.decode()
    assert "internships-heading" in html and reverse("companies:internship", args=[internship.pk]) in html


def test_the_start_page_shows_the_two_numbers(client, consultant, make_internship):
    internship = ready_to_start(make_internship(start=TODAY), consultant)
    from nextwork.companies.services.internships import internship_start

    internship_start(actor=consultant, internship=internship, on=TODAY)
    client.force_login(consultant)
    html = client.get(reverse("start")).content.decode()
    assert "internship-figures-heading" in html and "(1 of 1)" in html


def test_importing_a_bad_file_lists_the_row_errors(client, company_consultant):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(company_consultant)
    upload = SimpleUploadedFile("firmaer.csv", f"cvr;name;industry_code;size_band;sector\n{CVRS[1]};A;10;1-9;"
                                "private\n123;B;10;1-9;private\n".encode())
    response = client.post(reverse("companies:import"), {"kind": "companies", "file": upload})
    assert response.status_code == 400 and "row-errors-heading" in response.content.decode()
    assert not Company.objects.exists()


def test_a_network_meeting_is_planned_invited_and_attendance_recorded(client, company_consultant, company):
    client.force_login(company_consultant)
    response = client.post(reverse("companies:meetings"), {"title": "Virksomhedsnetværk", "held_on":
                                                           (TODAY - dt.timedelta(days=1)).isoformat()})
    url = response.url
    assert client.post(url, {"invite": "1", "companies": [company.pk]}).status_code == 302
    assert client.post(url, {"attended": [str(company.pk)], "notes": "God snak"}).status_code == 302
    assert company.meeting_invitations.get().attendance == "attended"


def test_a_wrong_cvr_number_shows_on_the_first_submit_with_the_other_errors(client, company_consultant):
    client.force_login(company_consultant)
    response = client.post("/companies/new/", {"cvr": "12345678", "name": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_cvr-error"' in html and 'id="id_name-error"' in html


def test_an_offer_id_that_is_not_a_number_is_ignored_on_the_internship_form(client, consultant):
    client.force_login(consultant)
    assert client.get("/companies/internships/new/?offer=abc&course=1e9").status_code == 200
