"""Every role's main pages render, pass axe (no serious/critical violations) and are screenshotted."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from .conftest import birth_date_for, check_page, log_in, register, valid_cpr

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page_and_language_switch(page, live_server, consultant):
    page.goto(f"{live_server.url}/login/")
    # Danish is the default (the English heading only appears after switching, once translations exist).
    expect(page.locator("html")).to_have_attribute("lang", "da")
    check_page(page, "login-da")

    page.locator("header button[name=language][value=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Log in to NExTWORK")
    expect(page.locator("header button[name=language][value=da]")).to_have_text("Dansk")
    check_page(page, "login-en")

    # The choice survives logging in.
    log_in(page, live_server, consultant)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#mine-heading")).to_have_text("My young people")

    page.locator(".site-header-tools button[name=language][value=da]").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")


def test_wrong_password_shows_error(page, live_server, consultant):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", consultant.username)
    page.fill("#id_password", "not-the-password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .alert-error")).to_be_visible()
    expect(page.locator("#id_username")).to_have_value(consultant.username)
    check_page(page, "login-error")


@pytest.fixture
def roskilde_people(team, consultant):
    """Three open courses, one exit four months ago (a follow-up is due) and a same-name, same-birth-date pair."""
    from nextwork.people.services.courses import course_change_status, course_end

    people = {}
    people["freja"] = register(consultant, consultant=consultant, first_name="Freja", last_name="Holm").person
    jonas = register(consultant, consultant=consultant, first_name="Jonas", last_name="Berg", referred_days_ago=40)
    course_change_status(actor=consultant, course=jonas.course, status="active",
                         on=dt.date.today() - dt.timedelta(days=30))
    people["jonas"] = jonas.person
    people["unassigned"] = register(team["team_lead"], first_name="Sofie", last_name="Lund").person
    ended = register(consultant, consultant=consultant, first_name="Mads", last_name="Kjær", referred_days_ago=300)
    course_end(actor=consultant, course=ended.course, exit_type="job",
               exit_date=dt.date.today() - dt.timedelta(days=130), employer_or_school="Roskilde Kommune")
    people["exited"] = ended.person
    born = birth_date_for(24)
    people["twin_a"] = register(consultant, consultant=consultant, first_name="Emil", last_name="Nielsen",
                                cpr=valid_cpr(born, serial=11)).person
    people["twin_b"] = register(consultant, consultant=consultant, first_name="Emil", last_name="Nielsen",
                                cpr=valid_cpr(born, serial=211), not_a_duplicate=True).person
    return people


def test_team_lead_pages(page, live_server, team_lead, consultant, roskilde_people):
    url = live_server.url
    log_in(page, live_server, team_lead)
    caseload = page.locator("section[aria-labelledby=caseload-heading] table")
    expect(caseload).to_be_visible()
    expect(caseload.locator("tbody tr")).to_have_count(1)
    expect(page.locator("section[aria-labelledby=unassigned-heading]")).to_contain_text("Sofie Lund")
    expect(page.locator("section[aria-labelledby=followups-heading]")).to_contain_text("Mads Kjær")
    check_page(page, "team-lead-start")

    # Young people, filtered by name (plain GET, as without JavaScript, and then the htmx-driven filter).
    page.goto(f"{url}/young-people/?q=Jonas")
    expect(page.locator("#people-table")).to_contain_text("Jonas Berg")
    expect(page.locator("#people-table")).not_to_contain_text("Freja Holm")
    check_page(page, "people-list-filtered")
    page.goto(f"{url}/young-people/")
    expect(page.locator("#people-table")).to_contain_text("Freja Holm")
    page.select_option("#id_status", "active")
    expect(page.locator("#people-table")).not_to_contain_text("Freja Holm")
    expect(page.locator("#people-table")).to_contain_text("Jonas Berg")
    expect(page).to_have_url(re.compile(r"status=active"))
    check_page(page, "people-list-status-active")

    page.goto(f"{url}/caseload/")
    row = page.locator("main table tbody tr", has=page.get_by_role("link", name=str(consultant)))
    expect(row.locator("td").nth(1)).to_have_text("4")  # Freja, Jonas and the two Emils; Sofie is unassigned
    check_page(page, "caseload")

    page.goto(f"{url}/follow-ups/")
    expect(page.locator("main table")).to_contain_text("Mads Kjær")
    check_page(page, "follow-ups")
    page.locator("main table").get_by_role("link", name=re.compile("follow-up|opfølgning", re.I)).first.click()
    page.wait_for_url(re.compile(r"/follow-ups/\d+/$"))
    check_page(page, "follow-up-record")

    page.goto(f"{url}/audit/")
    expect(page.locator("main table tbody tr").first).to_be_visible()
    check_page(page, "audit-log")

    twin_a, twin_b = roskilde_people["twin_a"], roskilde_people["twin_b"]
    page.goto(f"{url}/young-people/{twin_a.pk}/")
    expect(page.locator("main .alert-warning")).to_contain_text("Emil Nielsen")
    check_page(page, "person-with-duplicate")
    page.goto(f"{url}/young-people/{twin_a.pk}/merge/")
    expect(page.locator(f"#id_duplicate option[value='{twin_b.pk}']")).to_have_count(1)
    check_page(page, "merge")
    page.select_option("#id_duplicate", str(twin_b.pk))
    page.locator("main form button[type=submit]").click()
    # A preview of what moves comes first; nothing is merged until it is confirmed.
    expect(page.locator("main")).to_contain_text(f"#{twin_b.pk}")
    check_page(page, "merge-preview")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{url}/young-people/{twin_a.pk}/")
    expect(page.locator(".alert-success")).to_be_visible()
    check_page(page, "merged")


def test_psychologist_sees_and_writes_notes(page, live_server, psychologist, make_person):
    person = make_person().person
    log_in(page, live_server, psychologist)
    check_page(page, "psychologist-start")
    page.goto(f"{live_server.url}/young-people/{person.pk}/")
    section = page.locator("section[aria-labelledby=psych-heading]")
    expect(section).to_be_visible()
    check_page(page, "psychologist-person")

    form = page.locator("form[action$='/psychologist/']")
    page.locator("details", has=form).locator("summary").click()
    form.locator("[name=note]").fill("Samtale om søvn og struktur i hverdagen.")
    check_page(page, "psychologist-note-form")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/young-people/{person.pk}/")
    expect(section).to_contain_text("Samtale om søvn og struktur i hverdagen.")
    check_page(page, "psychologist-note-saved")


def test_manager_key_figures_and_forbidden_list(page, live_server, team, make_person):
    make_person()
    log_in(page, live_server, team["manager"])
    check_page(page, "manager-start")
    page.goto(f"{live_server.url}/key-figures/")
    expect(page.locator("h1")).to_be_visible()
    check_page(page, "key-figures")

    response = page.goto(f"{live_server.url}/young-people/")
    assert response.status == 403
    expect(page.locator("main a[href='/']")).to_be_visible()
    check_page(page, "error-403")


def test_person_of_other_municipality_is_not_found(page, live_server, consultant, other_team):
    from nextwork.core.roles import Role

    other = register(other_team[Role.YOUTH_CONSULTANT], first_name="Ida", last_name="Mørk").person
    log_in(page, live_server, consultant)
    response = page.goto(f"{live_server.url}/young-people/{other.pk}/")
    assert response.status == 404
    expect(page.locator("main")).not_to_contain_text("Ida")
    check_page(page, "error-404")
