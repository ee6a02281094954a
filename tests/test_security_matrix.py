"""Every role of another municipality, and every cross-municipal role, against every page and API endpoint
that names one of Roskilde's records: 403 or 404, never the record. Then the kinds of data a role of the
same municipality may not read: psychologist notes, and the person page for a manager."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from nextwork.companies.services import companies, internships, offers
from nextwork.core.roles import Role
from nextwork.groups.services.groups import group_create
from nextwork.groups.services.memberships import membership_add
from nextwork.people.services.courses import course_change_status
from nextwork.people.services.notes import psychologist_conversation_add
from tests.test_api import bearer

TODAY = dt.date.today()
REFUSED = {403, 404}
SECRET_NOTE = "Fortroligt psykologindhold"


@pytest.fixture
def records(team, make_person):
    """One of each of Roskilde's records, made by Roskilde's own team."""
    consultant, company_consultant = team[Role.YOUTH_CONSULTANT], team[Role.COMPANY_CONSULTANT]
    registered = make_person(referred_days_ago=30)
    course = course_change_status(actor=consultant, course=registered.course, status="active",
                                  on=TODAY - dt.timedelta(days=20))
    duplicate = make_person(first_name="Frida", referred_days_ago=5).person
    group = group_create(actor=consultant, name="Mandagsgruppen", weekday="mon", starts_at=dt.time(10, 0),
                         ends_at=dt.time(12, 0), place="Ungehuset", facilitators=[consultant],
                         active_from=TODAY - dt.timedelta(weeks=4))
    membership = membership_add(actor=consultant, group=group, person=registered.person,
                                joined_on=TODAY - dt.timedelta(weeks=2))
    company = companies.company_create(actor=company_consultant, details={
        "cvr": "13585628", "name": "Roskilde Smedie ApS", "address": "Industrivej 4, 4000 Roskilde",
        "industry_code": "25", "size_band": "10-49", "sector": "private", "notes": ""})
    offer = offers.offer_create(actor=company_consultant, company=company, details={
        "function": "Smedelærling", "tasks": "Svejsning", "occupation_code": "722", "kind": "training",
        "places": 2, "paid_hours_possible": True, "location": "Værkstedet"})
    internship = internships.internship_create(
        actor=consultant, course=course, company=company, offer=offer, function="Smed",
        start_on=TODAY + dt.timedelta(days=3), planned_end_on=TODAY + dt.timedelta(days=63),
        hours_per_week=Decimal("20"), kind="training")
    psychologist_conversation_add(actor=team[Role.PSYCHOLOGIST], course=course, occurred_on=TODAY,
                                  note=SECRET_NOTE)
    return {"person": registered.person, "course": course, "duplicate": duplicate, "group": group,
            "membership": membership, "session": group.sessions.order_by("date").first(), "company": company,
            "offer": offer, "internship": internship}


def _pages(r) -> list[str]:
    """What a GET opens (the course actions answer only POST: they are in _posts)."""
    person = r["person"].pk
    return [
        reverse("portal:person", args=[person]),
        reverse("people:edit", args=[person]),
        reverse("portal:merge", args=[person]) + f"?other={r['duplicate'].pk}",
        reverse("groups:person_link", args=[person]),
        reverse("groups:suggest", args=[person]),
        reverse("groups:detail", args=[r["group"].pk]),
        reverse("groups:edit", args=[r["group"].pk]),
        reverse("groups:health", args=[r["group"].pk]),
        reverse("groups:member", args=[r["membership"].pk]),
        reverse("groups:session", args=[r["session"].pk]),
        reverse("companies:detail", args=[r["company"].pk]),
        reverse("companies:edit", args=[r["company"].pk]),
        reverse("companies:offer_create", args=[r["company"].pk]),
        reverse("companies:offer_edit", args=[r["offer"].pk]),
        reverse("companies:internship", args=[r["internship"].pk]),
        reverse("companies:agreement_pdf", args=[r["internship"].pk]),
    ]


def _posts(r) -> list[str]:
    """Changes: refused before the form is even read."""
    course = r["course"].pk
    return [
        *(reverse(f"people:{name}", args=[course]) for name in (
            "course_status", "course_assign", "course_conversation", "course_psychologist",
            "course_exit")),
        reverse("people:new_course", args=[r["person"].pk]),
        reverse("portal:merge", args=[r["person"].pk]),
        reverse("groups:member_end", args=[r["membership"].pk]),
        reverse("groups:session_cancel", args=[r["session"].pk]),
        reverse("companies:internship_action", args=[r["internship"].pk, "pause"]),
        reverse("companies:edit", args=[r["company"].pk]),
    ]


def _api(r) -> list[str]:
    return [
        f"/api/young-people/{r['person'].pk}/",
        f"/api/young-people/{r['person'].pk}/courses/",
        f"/api/young-people/courses/{r['course'].pk}/notes/",
        f"/api/groups/{r['group'].pk}/",
        f"/api/groups/{r['group'].pk}/memberships/",
        f"/api/groups/{r['group'].pk}/sessions/",
        f"/api/groups/{r['group'].pk}/agenda-items/",
        f"/api/sessions/{r['session'].pk}/attendance/",
        f"/api/companies/{r['company'].pk}/",
        f"/api/companies/{r['company'].pk}/figures/",
        f"/api/internships/{r['internship'].pk}/",
    ]


@pytest.fixture
def outsiders(other_team, network_users):
    """Every role of Fredericia, and the roles that belong to no municipality."""
    return {f"fredericia {role}": user for role, user in other_team.items()} | {
        f"network {role}": user for role, user in network_users.items()}


def test_no_outsider_opens_a_page_of_another_municipalitys_record(client, records, outsiders):
    opened = []
    for name, user in outsiders.items():
        client.force_login(user)
        for url in _pages(records):
            status = client.get(url).status_code
            if status not in REFUSED:
                opened.append(f"{name} GET {url}: {status}")
    assert not opened, opened


def test_no_outsider_changes_another_municipalitys_record(client, records, outsiders):
    changed = []
    for name, user in outsiders.items():
        client.force_login(user)
        for url in _posts(records):
            status = client.post(url, {}).status_code
            if status not in REFUSED:
                changed.append(f"{name} POST {url}: {status}")
    assert not changed, changed
    records["course"].refresh_from_db()
    assert records["course"].status == "active"


def test_no_outsider_reads_another_municipalitys_record_through_the_api(client, records, outsiders):
    read = []
    for name, user in outsiders.items():
        headers = bearer(user)
        for url in _api(records):
            status = client.get(url, **headers).status_code
            if status not in REFUSED:
                read.append(f"{name} GET {url}: {status}")
    assert not read, read


def test_the_psychologist_notes_panel_is_only_on_a_psychologists_page(client, records, team):
    person_url = reverse("portal:person", args=[records["person"].pk])
    notes_url = reverse("people:course_psychologist", args=[records["course"].pk])
    for role in (Role.COMPANY_CONSULTANT, Role.CASEWORKER, Role.YOUTH_CONSULTANT, Role.TEAM_LEAD):
        client.force_login(team[role])
        response = client.get(person_url)
        assert response.status_code == 200, role
        html = response.content.decode()
        assert SECRET_NOTE not in html and notes_url not in html, role
        assert client.post(notes_url, {"occurred_on": TODAY, "note": "x"}).status_code == 403, role
    client.force_login(team[Role.PSYCHOLOGIST])
    assert SECRET_NOTE in client.get(person_url).content.decode()


@pytest.mark.parametrize("role", [Role.COMPANY_CONSULTANT, Role.CASEWORKER, Role.MANAGER])
def test_the_api_keeps_psychologist_notes_from_other_roles(client, records, team, role):
    response = client.get(f"/api/young-people/courses/{records['course'].pk}/notes/", **bearer(team[role]))
    assert response.status_code == 403 or SECRET_NOTE not in response.content.decode()


def test_a_manager_sees_figures_not_young_people(client, records, team):
    manager = team[Role.MANAGER]
    client.force_login(manager)
    assert client.get(reverse("portal:person", args=[records["person"].pk])).status_code == 403
    assert client.get(reverse("companies:agreement_pdf", args=[records["internship"].pk])).status_code == 403
    response = client.get(f"/api/young-people/{records['person'].pk}/", **bearer(manager))
    assert response.status_code == 403


def test_a_caseworker_reads_no_one_to_one_notes(client, records, team):
    caseworker = team[Role.CASEWORKER]
    client.force_login(caseworker)
    url = reverse("people:course_conversation", args=[records["course"].pk])
    assert client.post(url, {"occurred_on": TODAY, "kind": "conversation", "note": "x"}).status_code == 403
    response = client.get(f"/api/young-people/courses/{records['course'].pk}/notes/", **bearer(caseworker))
    assert response.status_code == 403


def test_each_page_of_the_matrix_opens_for_someone_of_the_own_team(client, records, team):
    """So that a refusal above means a refusal, not a page that does not exist."""
    unopened = []
    for url in _pages(records):
        statuses = set()
        for user in team.values():
            client.force_login(user)
            statuses.add(client.get(url).status_code)
        if 200 not in statuses:
            unopened.append(f"{url}: {sorted(statuses)}")
    for url in _api(records):
        if not any(client.get(url, **bearer(user)).status_code == 200 for user in team.values()):
            unopened.append(url)
    assert not unopened, unopened
