"""Staff with several roles and the caseworker, in the browser: what each sees, on a desktop and a phone."""

import pytest
from playwright.sync_api import expect

from nextwork.core.roles import Role
from nextwork.people.services.notes import conversation_add

from .conftest import PHONE, check_page, log_in, no_horizontal_scroll, valid_cpr

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def consultant_and_team_lead(consultant):
    consultant.additional_roles = [Role.TEAM_LEAD]
    consultant.save()
    return consultant


def test_a_consultant_who_is_also_team_lead_sees_both_start_pages_once(page, live_server, consultant_and_team_lead,
                                                                       make_person):
    make_person(first_name="Liva", last_name="Dam")
    make_person(first_name="Otto", last_name="Bech", consultant=None)
    log_in(page, live_server, consultant_and_team_lead)
    header = page.locator(".site-header-tools .site-user")
    expect(header).to_contain_text("Ungekonsulent")
    expect(header).to_contain_text("Teamleder")
    expect(page.locator("#mine-heading")).to_have_count(1)  # consultant: my young people
    expect(page.locator("#caseload-heading")).to_have_count(1)  # team lead: caseload, once
    expect(page.locator("#unassigned-heading")).to_contain_text("uden konsulent")
    expect(page.locator("main")).to_contain_text("Otto Bech")
    check_page(page, "two-roles-start")
    page.goto(f"{live_server.url}/audit/")  # the team lead's audit log
    expect(page.locator("main table tbody tr").first).to_be_visible()


def test_a_caseworker_refers_and_sees_status_but_no_notes(page, live_server, team, consultant, make_person):
    person = make_person(first_name="Malte", last_name="Krogh").person
    conversation_add(actor=consultant, course=person.courses.get(), kind="one_to_one",
                     occurred_on=person.courses.get().referred_on, text="Taler om angst for store grupper.")
    caseworker = team[Role.CASEWORKER]
    log_in(page, live_server, caseworker)
    expect(page.locator("#authority-heading")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Myndigheden ligger uden for NExTWORK-teamet")
    check_page(page, "caseworker-start")

    page.goto(f"{live_server.url}/young-people/{person.pk}/")
    expect(page.locator("#course-heading")).to_be_visible()
    expect(page.locator("main")).to_contain_text("ikke deles med sagsbehandlere")
    expect(page.locator("main")).not_to_contain_text("Taler om angst")  # 1:1 notes never
    expect(page.locator("#groups-heading")).to_have_count(0)  # attendance not shared in this municipality
    expect(page.locator("#internships-heading")).to_be_visible()
    check_page(page, "caseworker-person")

    page.goto(f"{live_server.url}/young-people/new/")
    page.fill("#id_first_name", "Sigrid")
    page.fill("#id_last_name", "Holt")
    page.fill("#id_cpr_number", valid_cpr(serial=731))
    page.select_option("#id_referral_source", index=1)
    page.select_option("#id_benefit_type", index=1)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Sigrid Holt")
    check_page(page, "caseworker-referred")

    response = page.goto(f"{live_server.url}/caseload/")
    assert response.status == 403


class TestOnAPhone:
    @pytest.fixture
    def browser_context_args(self, browser_context_args):
        return {**browser_context_args, **PHONE}

    def test_the_caseworker_pages_fit_a_phone(self, page, live_server, team, make_person, roskilde):
        roskilde.attendance_shared_with_caseworkers = True
        roskilde.save()
        person = make_person(first_name="Ronja", last_name="Vinther").person
        log_in(page, live_server, team[Role.CASEWORKER])
        no_horizontal_scroll(page)
        check_page(page, "phone-caseworker-start")
        page.goto(f"{live_server.url}/young-people/{person.pk}/")
        expect(page.locator("#groups-heading")).to_be_visible()  # shared here: the attendance section shows
        expect(page.locator("main")).to_contain_text("deles med sagsbehandlere")
        no_horizontal_scroll(page)
        check_page(page, "phone-caseworker-person")
