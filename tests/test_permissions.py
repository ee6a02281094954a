"""Every role against every page: who gets the page (200), who is refused (403), and that another
municipality's records answer 404. The expected sets are written out here, not read from the matrix."""

import pytest
from django.urls import reverse

from nextwork.core.models import AuditEvent
from nextwork.core.roles import Role

ALL = {str(role) for role in Role}
TEAM = {"team_lead", "youth_consultant", "company_consultant", "psychologist"}

PAGES = {
    "start": ALL,
    "people:list": TEAM | {"caseworker"},
    "people:intake": {"team_lead", "youth_consultant", "company_consultant", "caseworker"},
    "people:follow_ups": TEAM,
    "people:caseload": {"team_lead", "youth_consultant", "manager"},
    "people:municipality_stats": {"team_lead", "manager"},
    "people:network_stats": {"secretariat", "admin"},
    "people:research": {"researcher"},
    "research:home": {"researcher", "secretariat"},
    "core:audit_log": {"team_lead"},
    "events:list": TEAM,
    "devising:log": TEAM | {"manager"},
    "devising:proposals": TEAM,
    "devising:experiment_create": TEAM,
    "devising:library": TEAM | {"manager", "caseworker", "secretariat", "admin"},
    "trial:list": ALL,
    "trial:phase": {"team_lead", "admin"},
    "scorecards:scorecard": TEAM | {"manager"},
    "scorecards:comparison": {"team_lead", "manager", "secretariat", "admin"},
    "scorecards:reviews": {"team_lead", "manager", "secretariat", "admin"},
    "scorecards:dashboard": {"team_lead", "manager"},
    "scorecards:dashboard_pdf": {"team_lead", "manager"},
}
PERSON_PAGES = {
    "portal:person": TEAM | {"caseworker"},
    "people:edit": {"team_lead", "youth_consultant", "company_consultant"},
    "portal:merge": {"team_lead"},
}


@pytest.fixture
def everyone(team, network_users):
    return {**team, **network_users}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_each_role_sees_exactly_the_pages_it_may(client, everyone, page):
    for role, user in everyone.items():
        client.force_login(user)
        response = client.get(reverse(page))
        expected = 200 if role in PAGES[page] else 403
        assert response.status_code == expected, f"{role} on {page}: {response.status_code}"


@pytest.mark.parametrize("page", sorted(PERSON_PAGES))
def test_each_role_sees_exactly_the_person_pages_it_may(client, everyone, make_person, page):
    person = make_person().person
    for role, user in everyone.items():
        client.force_login(user)
        response = client.get(reverse(page, args=[person.pk]))
        expected = 200 if role in PERSON_PAGES[page] else 403
        assert response.status_code == expected, f"{role} on {page}: {response.status_code}"


@pytest.mark.parametrize("page", sorted(PERSON_PAGES))
def test_another_municipalitys_young_person_is_not_found(client, other_team, make_person, page):
    person = make_person().person
    for role in PERSON_PAGES[page]:
        client.force_login(other_team[role])
        assert client.get(reverse(page, args=[person.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(client, make_person):
    person = make_person().person
    for url in (reverse("start"), reverse("people:list"), reverse("portal:person", args=[person.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_viewing_a_young_person_writes_an_audit_row(client, consultant, make_person):
    person = make_person().person
    client.force_login(consultant)
    client.get(reverse("portal:person", args=[person.pk]))
    assert AuditEvent.objects.filter(actor=consultant, action="view", object_id=str(person.pk)).exists()


def test_only_psychologists_read_psychologist_notes(client, team, make_person):
    import datetime as dt

    from nextwork.people.services.notes import psychologist_conversation_add

    course = make_person().course
    psychologist_conversation_add(actor=team[Role.PSYCHOLOGIST], course=course, occurred_on=dt.date.today(),
                                  note="Fortroligt indhold")
    for role, user in team.items():
        if role == Role.MANAGER:
            continue
        client.force_login(user)
        html = client.get(reverse("portal:person", args=[course.person_id])).content.decode()
        assert ("Fortroligt indhold" in html) == (role == Role.PSYCHOLOGIST), role


def test_the_network_secretariat_sees_counts_but_no_names(client, network_users, make_person):
    make_person(first_name="Hemmeligt", last_name="Navn")
    client.force_login(network_users[Role.SECRETARIAT])
    html = client.get(reverse("people:network_stats")).content.decode()
    assert "Roskilde" in html and "Hemmeligt" not in html


def test_researchers_get_pseudonyms_not_identities(client, network_users, make_person):
    person = make_person(first_name="Hemmeligt").person
    client.force_login(network_users[Role.RESEARCHER])
    csv_text = client.get(reverse("people:research") + "?format=csv").content.decode()
    assert "Hemmeligt" not in csv_text and person.cpr not in csv_text
    assert len(csv_text.strip().splitlines()) == 2
    assert AuditEvent.objects.filter(action="export").exists()


def test_the_researchers_page_shows_labels_and_the_csv_keeps_codes(client, network_users, make_person):
    make_person()
    client.force_login(network_users["researcher"])
    html = client.get(reverse("people:research")).content.decode()
    assert "Henvist" in html and "UngeGuiden" in html  # labels, in the reader's language
    assert ">referred<" not in html and ">youth_guidance<" not in html
    csv_text = client.get(reverse("people:research") + "?format=csv").content.decode()
    assert "referred" in csv_text and "youth_guidance" in csv_text


def test_only_the_team_reads_the_records_behind_a_fidelity_figure(client, everyone):
    url = reverse("scorecards:records", args=["days_wish_to_start"])
    for role, user in everyone.items():
        client.force_login(user)
        expected = 200 if role in {"team_lead", "youth_consultant", "company_consultant"} else 403
        assert client.get(url).status_code == expected, f"{role} on the fidelity records: {expected}"
