"""Several roles per staff member (the union, each panel once), the caseworker who holds authority outside
the team (who is in the programme, status and internships; never notes; group attendance only where the
municipality has decided so) and the caseload norm each municipality sets."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from nextwork.core.models import Municipality, User
from nextwork.core.permissions import can
from nextwork.core.roles import Role
from nextwork.groups.services.memberships import membership_add
from nextwork.people.models import YoungPerson
from nextwork.people.services.notes import conversation_add, psychologist_conversation_add

from .conftest import activate, bearer

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def _page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def _header(page: str) -> str:
    match = re.search(r'<p class="site-user">(.*?)</p>', page, re.S)
    assert match, "no user line in the header"
    return " ".join(match.group(1).split())


# Several roles


@pytest.fixture
def lead_and_consultant(roskilde):
    """A youth consultant who is also the team lead (a small team)."""
    return User.objects.create_user(username="karen", password="nextwork-test-pw", role=Role.YOUTH_CONSULTANT,
                                    additional_roles=[Role.TEAM_LEAD], municipality=roskilde,
                                    first_name="Karen", last_name="Dahl")


def test_a_user_with_two_roles_may_do_what_either_role_may(lead_and_consultant, consultant):
    assert can(lead_and_consultant, "person.merge")  # the team lead's
    assert can(lead_and_consultant, "course.distribute")  # the team lead's
    assert can(lead_and_consultant, "note.create")  # both
    assert can(lead_and_consultant, "course.follow")
    assert not can(lead_and_consultant, "psychologist_note.read")  # neither
    assert not can(consultant, "person.merge")  # the role alone does not


def test_the_start_page_shows_each_panel_once_for_two_roles(client, lead_and_consultant, make_person, team_lead):
    make_person(actor=lead_and_consultant, first_name="Mads")
    make_person(actor=team_lead, first_name="Ida")  # a referral without a consultant
    page = _page(client, lead_and_consultant, "/")
    assert page.count('id="caseload-heading"') == 1
    assert page.count('id="mine-heading"') == 1
    assert page.count(">My young people</h2>") == 1
    assert page.count(">Caseload</h2>") == 1
    assert "Mads Holm" in page  # as the consultant
    assert "Ida Holm" in page  # as the team lead: unassigned referrals
    # The caseload table lists Karen once, though she holds the consultant role and another.
    caseload = page.split('id="caseload-heading"')[1].split("</section>")[0]
    assert caseload.count("Karen Dahl") == 1


def test_a_user_with_two_roles_works_through_the_api_with_both(client, lead_and_consultant, make_person):
    """As consultant: register and add a 1:1 note; as team lead: read the audit log and merge."""
    auth = bearer(lead_and_consultant)
    first = make_person(actor=lead_and_consultant, first_name="Liv").person
    second = make_person(actor=lead_and_consultant, first_name="Livia").person
    course = first.courses.get()
    noted = client.post(f"/api/young-people/courses/{course.pk}/notes/",
                        {"kind": "note", "occurred_on": TODAY.isoformat(), "text": "Første samtale"},
                        content_type="application/json", **auth)
    assert noted.status_code == 201, noted.content
    assert client.get("/api/audit/", **auth).status_code == 200  # the team lead's part
    merged = client.post(f"/api/young-people/{first.pk}/merge/", {"duplicate_id": second.pk},
                         content_type="application/json", **auth)
    assert merged.status_code == 200, merged.content
    assert YoungPerson.objects.get(pk=second.pk).merged_into_id == first.pk


def test_the_header_names_both_roles(client, lead_and_consultant):
    header = _header(_page(client, lead_and_consultant, "/"))
    assert "Youth consultant" in header and "Team lead" in header


def test_the_header_names_the_role_of_a_user_with_one(client, consultant):
    header = _header(_page(client, consultant, "/"))
    assert "Youth consultant" in header and "Team lead" not in header


def test_the_union_opens_the_merge_page_for_the_consultant_who_is_also_team_lead(
        client, lead_and_consultant, make_person):
    person = make_person(actor=lead_and_consultant).person
    client.force_login(lead_and_consultant)
    assert client.get(reverse("portal:merge", args=[person.pk])).status_code == 200


# The caseworker (authority)


@pytest.fixture
def followed(make_person, consultant, psychologist, make_group, make_company, make_internship):
    """A young person with an active course, a 1:1 conversation, a psychologist's note, a group and an
    internship."""
    course = activate(make_person(first_name="Jonas", last_name="Krogh", referred_days_ago=40).course, consultant)
    conversation_add(actor=consultant, course=course, kind="one_to_one", occurred_on=TODAY,
                     text="Fortalte om angst for jobsamtaler")
    psychologist_conversation_add(actor=psychologist, course=course, occurred_on=TODAY,
                                  note="Arbejder med søvnproblemer")
    membership_add(actor=consultant, group=make_group(name="Mandagsgruppen"), person=course.person,
                   joined_on=TODAY - dt.timedelta(weeks=3))
    make_internship(course=course, company=make_company(name="Roskilde Smedie ApS"),
                    start=TODAY + dt.timedelta(days=3))
    return course.person


def test_the_caseworker_sees_who_is_in_the_programme(client, caseworker, followed):
    page = _page(client, caseworker, reverse("people:list"))
    assert "Jonas Krogh" in page


def test_the_caseworker_sees_status_and_internships_but_never_notes(client, caseworker, consultant, followed):
    page = _page(client, caseworker, reverse("portal:person", args=[followed.pk]))
    assert "Jonas Krogh" in page
    assert 'id="course-heading"' in page and "<dt>Status</dt><dd>Active</dd>" in page
    assert 'id="internships-heading"' in page and "Roskilde Smedie ApS: Smed" in page
    assert "Fortalte om angst for jobsamtaler" not in page
    assert "Arbejder med søvnproblemer" not in page
    assert 'id="psych-heading"' not in page
    assert "Add conversation or note" not in page
    # The consultant sees the conversation on the same page; the psychologist's note is only theirs.
    consultants_page = _page(client, consultant, reverse("portal:person", args=[followed.pk]))
    assert "Fortalte om angst for jobsamtaler" in consultants_page
    assert "Arbejder med søvnproblemer" not in consultants_page


def test_the_caseworker_sees_no_group_attendance_unless_the_municipality_shares_it(
        client, caseworker, followed, roskilde):
    page = _page(client, caseworker, reverse("portal:person", args=[followed.pk]))
    assert 'id="groups-heading"' not in page and "Mandagsgruppen" not in page
    assert "Roskilde has decided that network group attendance is not shared with caseworkers." in page

    roskilde.attendance_shared_with_caseworkers = True
    roskilde.save()
    caseworker.refresh_from_db()
    page = _page(client, caseworker, reverse("portal:person", args=[followed.pk]))
    assert 'id="groups-heading"' in page and "Mandagsgruppen" in page
    assert "Roskilde has decided that network group attendance is shared with caseworkers." in page
    assert "Fortalte om angst for jobsamtaler" not in page  # sharing attendance shares no notes


def test_the_caseworker_start_page_states_the_municipalitys_decision(client, caseworker, followed, roskilde):
    page = _page(client, caseworker, "/")
    assert "Authority sits outside the NExTWORK team." in page
    assert "attendance is not shared with caseworkers" in page
    assert 'id="mine-heading"' not in page and 'id="caseload-heading"' not in page


def test_the_caseworker_refers_a_young_person(client, caseworker):
    from conftest import _cpr_for

    birth_date = TODAY - dt.timedelta(days=22 * 365)
    client.force_login(caseworker)
    response = client.post(reverse("people:intake"), {
        "first_name": "Malthe", "last_name": "Vestergaard", "cpr_number": _cpr_for(birth_date, 300),
        "referral_source": "jobcentre", "benefit_type": "cash_benefit", "available_days": ["mon"],
        "referred_on": TODAY.isoformat(), "consent_given": "on", "consent_date": TODAY.isoformat(),
    })
    person = YoungPerson.objects.get(first_name="Malthe")
    assert response.status_code == 302 and response.url == reverse("portal:person", args=[person.pk])
    assert person.municipality == caseworker.municipality
    assert person.courses.get().consultant is None  # the team distributes it


def test_the_caseworker_may_not_see_caseload_or_companies(client, caseworker, make_company):
    company = make_company()
    client.force_login(caseworker)
    assert client.get(reverse("people:caseload")).status_code == 403
    assert client.get(reverse("companies:list")).status_code == 403
    assert client.get(reverse("companies:detail", args=[company.pk])).status_code == 403
    assert client.get(reverse("companies:offers")).status_code == 403


def test_the_caseworker_lists_young_people_through_the_api_but_not_notes(client, caseworker, followed):
    auth = bearer(caseworker)
    listed = client.get("/api/young-people/", **auth)
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["items"]] == [followed.pk]
    course = followed.courses.get()
    assert client.get(f"/api/young-people/courses/{course.pk}/notes/", **auth).status_code == 403
    written = client.post(f"/api/young-people/courses/{course.pk}/notes/",
                          {"kind": "note", "occurred_on": TODAY.isoformat(), "text": "Hej"},
                          content_type="application/json", **auth)
    assert written.status_code == 403
    assert course.conversations.count() == 1


# The caseload norm


def test_the_norm_is_the_start_norm_without_routines_and_the_established_one_with(db):
    municipality = Municipality.objects.create(name="Vejle", slug="vejle")
    assert municipality.caseload_norm() == 15
    municipality.routines_established = True
    assert municipality.caseload_norm() == 20


def test_the_caseload_page_shows_the_municipalitys_norm(client, team_lead, consultant, make_person, roskilde):
    for name in ("Ane", "Bent", "Carl"):
        make_person(first_name=name)
    roskilde.routines_established = False
    roskilde.save()
    page = _page(client, team_lead, reverse("people:caseload"))
    assert "norm: 15 young people" in page and "above the norm" not in page

    roskilde.caseload_norm_start = 2
    roskilde.save()
    page = _page(client, team_lead, reverse("people:caseload"))
    assert "norm: 2 young people" in page
    assert "At the start the norm is 2 young people per consultant; it rises to 20 once routines" in page
    assert "has 3 open courses, above the norm of 2." in page

    roskilde.routines_established = True
    roskilde.save()
    page = _page(client, team_lead, reverse("people:caseload"))
    assert "norm: 20 young people" in page and "above the norm of" not in page

    roskilde.caseload_norm_established = 22
    roskilde.save()
    page = _page(client, team_lead, reverse("people:caseload"))
    assert "norm: 22 young people" in page
    assert "Routines are established: the norm is 22 young people per consultant." in page
