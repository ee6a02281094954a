"""Wellbeing in the browser: the young person does a check-in on a 390 px phone from their own page and writes
a goal; a consultant does a check-in with a young person; a concern is raised, seen by the psychologist and the
team lead at the top of their start page, and closed with a note. axe-core on every page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from nextwork.core.roles import Role
from nextwork.groups.services import links
from nextwork.people.services.courses import course_change_status
from nextwork.wellbeing.models import CheckIn, ConcernFlag, ConcernProcedure, GoalProgress

from .conftest import PHONE, check_page, log_in, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = dt.date.today()


@pytest.fixture
def active(make_person, consultant):
    intake = make_person(referred_days_ago=40)
    course_change_status(actor=consultant, course=intake.course, status="active", on=TODAY - dt.timedelta(days=30))
    return intake.person


def _answer(page, prefix: str, answers: dict) -> None:
    """Taps the answers: `answers` maps a field name to the index of the option (0 = the first shown)."""
    for name, index in answers.items():
        page.locator(f"label[for=id_{prefix}_{name}_{index}]").click()


CHECKIN = {**{f"who5_{n}": 1 for n in range(1, 6)}, "loneliness_1": 1, "loneliness_2": 2, "loneliness_3": 2,
           **{f"work_{n}": 1 for n in range(1, 5)}}


def test_the_young_person_checks_in_on_their_phone_and_writes_a_goal(browser, live_server, consultant, active):
    _link, token = links.personal_link_create(actor=consultant, person=active)
    context = browser.new_context(**PHONE, locale="da-DK", timezone_id="Europe/Copenhagen")
    phone = context.new_page()
    phone.goto(f"{live_server.url}/groups/me/{token}/")
    expect(phone.locator("#wellbeing-heading")).to_be_visible()
    no_horizontal_scroll(phone)
    check_page(phone, "wellbeing-self-checkin-phone")
    _answer(phone, "self", {k: v for k, v in CHECKIN.items() if k != "loneliness_3"})
    phone.locator("form.checkin-form button[type=submit]").tap()
    expect(phone.locator("#id_self_loneliness_3-error")).to_be_visible()  # the one left out, the rest kept
    expect(phone.locator("#id_self_who5_1_1")).to_be_checked()
    check_page(phone, "wellbeing-self-checkin-phone-error")
    _answer(phone, "self", {"loneliness_3": 2})
    phone.locator("form.checkin-form button[type=submit]").tap()
    expect(phone.locator(".alert-success")).to_be_visible()
    expect(phone.locator("form.checkin-form")).to_have_count(0)
    checkin = CheckIn.objects.get(person=active)
    assert (checkin.by, checkin.who5_percent, checkin.flag) == ("self", 80, "")
    section = phone.locator("section[aria-labelledby=wellbeing-heading]").inner_text().lower()
    assert "80" not in section and "who" not in section

    phone.fill("#id_goal_text", "At møde til tiden")
    phone.locator("form:has(input[value=wellbeing_goal]) button[type=submit]").tap()
    expect(phone.locator(".goal-card")).to_contain_text("At møde til tiden")
    phone.locator(".goal-card button[name=level][value='2']").tap()
    expect(phone.locator(".alert-success")).to_be_visible()
    expect(phone.locator(".goal-steps li")).to_have_count(1)  # the same day: the new mark replaces the first
    assert list(GoalProgress.objects.values_list("level", flat=True)) == [2]
    no_horizontal_scroll(phone)
    check_page(phone, "wellbeing-self-goal-phone")
    context.close()


def test_a_consultant_does_a_check_in_with_the_young_person(page, live_server, consultant, active):
    log_in(page, live_server, consultant)
    page.goto(f"{live_server.url}/young-people/{active.pk}/")
    expect(page.locator("#wellbeing-heading")).to_be_visible()
    page.locator("#checkin-with-them summary").click()
    # Low answers: WHO-5 "some of the time" on every item = 20 of 100.
    _answer(page, "staff", {**CHECKIN, **{f"who5_{n}": 4 for n in range(1, 6)}})
    check_page(page, "wellbeing-person-checkin-form")
    page.locator("#checkin-with-them button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("section[aria-labelledby=wellbeing-heading] .alert-warning")).to_be_visible()
    checkin = CheckIn.objects.get(person=active)
    assert (checkin.by, checkin.who5_percent, checkin.flag) == ("consultant", 20, "psychologist")
    assert "WHO-5 (0-100)" not in page.locator("main").inner_text()
    check_page(page, "wellbeing-person-after-checkin")


def test_a_concern_reaches_the_psychologist_and_team_lead_and_is_closed_with_a_note(browser, live_server, team,
                                                                                      active):
    ConcernProcedure.objects.create(municipality=active.municipality, text="Ring til teamlederen straks.",
                                    crisis_numbers="Livslinien: 70 201 201\nAkut fare: 112")
    page = browser.new_page(locale="da-DK")
    log_in(page, live_server, team[Role.YOUTH_CONSULTANT])
    page.goto(f"{live_server.url}/young-people/{active.pk}/")
    page.locator("section.concerns summary").click()
    page.locator("label[for=id_concern_kind_0]").click()
    page.fill("#id_concern_note", "Fortalte at han sover i sin bil.")
    check_page(page, "wellbeing-concern-raise")
    page.locator("section.concerns button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("main")).to_contain_text("70 201 201")
    page.close()

    for role in (Role.TEAM_LEAD, Role.PSYCHOLOGIST):
        viewer = browser.new_page(locale="da-DK")
        log_in(viewer, live_server, team[role])
        top = viewer.locator("#start-concerns-heading")
        expect(top).to_be_visible()
        expect(viewer.locator("section[aria-labelledby=start-concerns-heading]")).to_contain_text(active.full_name)
        expect(viewer.locator("section[aria-labelledby=start-concerns-heading]")).to_contain_text("70 201 201")
        check_page(viewer, f"wellbeing-start-concern-{role}")
        if role == Role.PSYCHOLOGIST:
            viewer.locator("section[aria-labelledby=start-concerns-heading] a").first.click()
            viewer.fill("#id_note_note", "Ringet til ham; møde med boligteamet i morgen.")
            viewer.locator("form:has(input[value=note]) button[type=submit]").click()
            expect(viewer.locator(".timeline")).to_contain_text("boligteamet")
            viewer.locator("form:has(input[value=close]) button[type=submit]").click()
            expect(viewer.locator("#id_close_note-error")).to_be_visible()
            viewer.fill("#id_close_note", "Har fået en plads på herberget.")
            viewer.locator("form:has(input[value=close]) button[type=submit]").click()
            expect(viewer.locator(".alert-success").first).to_be_visible()
            check_page(viewer, "wellbeing-concern-closed")
        viewer.close()
    assert ConcernFlag.objects.get().status == "closed"
