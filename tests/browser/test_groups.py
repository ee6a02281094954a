"""Network groups in the browser: creating a group and placing a young person (desktop), one-tap attendance
on a phone, and the young person's personal page on a phone. axe-core runs on every page."""

import datetime as dt
import re
import time

import pytest
from playwright.sync_api import expect

from nextwork.groups.services import links
from nextwork.groups.services.groups import group_create
from nextwork.groups.services.memberships import membership_add

from .conftest import PHONE, check_page, log_in, register
from .conftest import no_horizontal_scroll as _no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = dt.date.today()
FIRST_NAMES = ("Alma", "Bertram", "Carla", "David", "Elias", "Fatima", "Gustav", "Hannah", "Ibrahim", "Johanne",
               "Karl", "Liva")


def no_horizontal_scroll(page) -> None:
    """Also catches a mobile layout viewport that grew to fit content wider than the phone."""
    _no_horizontal_scroll(page)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["viewport"]["width"] + 1, f"the page is {width}px wide on a phone"


def _group_with_members(consultant, count=12):
    group = group_create(actor=consultant, name="Mandagsgruppen", weekday="mon", starts_at=dt.time(10),
                         ends_at=dt.time(12), place="Ungehuset", facilitators=[consultant],
                         active_from=TODAY - dt.timedelta(weeks=6))
    memberships = []
    for index, first_name in enumerate(FIRST_NAMES[:count]):
        person = register(consultant, first_name=first_name, last_name=f"Jensen{index}", referred_days_ago=60).person
        memberships.append(membership_add(actor=consultant, group=group, person=person,
                                          joined_on=TODAY - dt.timedelta(weeks=6), share_first_name=index % 2 == 0))
    return group, memberships


def test_consultant_creates_a_group_and_places_a_young_person(page, live_server, consultant):
    person = register(consultant, first_name="Mikkel", last_name="Storm", available_days=["tue", "thu"]).person
    log_in(page, live_server, consultant)
    page.get_by_role("link", name=re.compile("Netværksgrupper|Network groups")).first.click()
    expect(page.locator("h1")).to_be_visible()
    check_page(page, "groups-list-empty")

    page.goto(f"{live_server.url}/groups/new/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#id_name-error")).to_be_visible()
    check_page(page, "groups-create-errors")

    page.fill("#id_name", "Torsdagsholdet")
    page.select_option("#id_weekday", "thu")
    page.fill("#id_starts_at", "13:00")
    page.fill("#id_ends_at", "15:00")
    page.fill("#id_place", "Biblioteket, 1. sal")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Torsdagsholdet")
    check_page(page, "groups-detail-new")

    page.goto(f"{live_server.url}/young-people/{person.pk}/")
    expect(page.locator("#groups-heading")).to_be_visible()
    page.locator(f"a[href='/groups/young-people/{person.pk}/suggest/']").click()
    expect(page.locator(".suggestion")).to_have_count(1)
    check_page(page, "groups-suggestion")
    page.locator(".suggestion button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Torsdagsholdet")
    expect(page.locator("#members-heading + .table-scroll")).to_contain_text("Mikkel Storm")

    page.locator("#members-heading + .table-scroll a[href^='/groups/memberships/']").first.click()
    expect(page.locator("#move-heading")).to_be_visible()
    check_page(page, "groups-member")

    page.goto(f"{live_server.url}/groups/")
    expect(page.locator("main table")).to_contain_text("Torsdagsholdet")
    check_page(page, "groups-list")

    page.goto(f"{live_server.url}/young-people/{person.pk}/")
    expect(page.locator("#groups-heading").locator("..")).to_contain_text("Torsdagsholdet")
    check_page(page, "groups-person-page-history")


def test_attendance_for_twelve_on_a_phone_in_under_30_seconds(browser, live_server, consultant):
    group, memberships = _group_with_members(consultant)
    session = group.sessions.filter(date__lte=TODAY).order_by("-date").first()
    context = browser.new_context(**PHONE, locale="da-DK", timezone_id="Europe/Copenhagen")
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, live_server, consultant)
    page.goto(f"{live_server.url}/groups/sessions/{session.pk}/")
    expect(page.locator(".attendance-row")).to_have_count(12)
    no_horizontal_scroll(page)
    check_page(page, "groups-attendance-phone-before")

    started = time.perf_counter()
    for index, membership in enumerate(memberships):
        status = "absent" if index == 3 else "late" if index == 7 else "present"
        row = page.locator(f"#member-{membership.pk}")
        row.locator(f"button[value={status}]").tap()
        expect(page.locator(f"#member-{membership.pk} button[value={status}]")).to_have_attribute(
            "aria-pressed", "true")
    elapsed = time.perf_counter() - started
    assert elapsed < 30, f"taking attendance for 12 took {elapsed:.1f} s"
    no_horizontal_scroll(page)
    check_page(page, "groups-attendance-phone-done")
    assert session.attendance.count() == 12

    page.locator("input[name=check_in_method][value=picture_cards]").check()
    page.fill("#id_notes", "God runde om praktikpladser.")
    page.locator("form[action$='/record/'] button[type=submit]").tap()
    expect(page.locator(".alert-success")).to_be_visible()

    page.goto(f"{live_server.url}/groups/{group.pk}/health/")
    expect(page.locator("table.health-table").first).to_be_visible()
    no_horizontal_scroll(page)
    check_page(page, "groups-health-phone")
    context.close()


def test_the_personal_page_on_a_phone(page, browser, live_server, consultant):
    group, memberships = _group_with_members(consultant, count=4)
    person = memberships[1].person  # Bertram, who has not chosen to share his first name
    log_in(page, live_server, consultant)
    page.goto(f"{live_server.url}/groups/young-people/{person.pk}/link/")
    check_page(page, "groups-link-empty")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".link-qr svg")).to_be_visible()
    check_page(page, "groups-link-qr")
    url = page.locator("#link-url").input_value()
    assert "/groups/me/" in url

    context = browser.new_context(**PHONE, locale="da-DK", timezone_id="Europe/Copenhagen")
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    phone.goto(url)
    expect(phone.locator("h1")).to_contain_text("Bertram")
    body = phone.locator("main").inner_text()
    assert "Alma" in body and "Carla" in body  # they chose to share
    assert "David" not in body and "Jensen" not in body
    no_horizontal_scroll(phone)
    check_page(phone, "groups-self-phone")

    phone.fill("#id_title", "Hvordan beder man om flere timer?")
    phone.locator("form:has(input[value=propose]) button[type=submit]").tap()
    expect(phone.locator(".alert-success")).to_be_visible()
    item = phone.locator(".self-agenda li", has_text="flere timer")
    item.locator("button").tap()
    expect(phone.locator(".self-agenda li", has_text="flere timer").locator("button")).to_have_attribute(
        "aria-pressed", "true")
    check_page(phone, "groups-self-phone-voted")

    link = person.personal_links.get()
    links.personal_link_revoke(actor=consultant, link=link)
    phone.goto(url)
    expect(phone.locator("h1")).to_be_visible()
    assert "Bertram" not in phone.locator("main").inner_text()
    check_page(phone, "groups-self-revoked")
    phone.goto(f"{live_server.url}/groups/me/not-a-link/")
    check_page(phone, "groups-self-unknown")
    context.close()

    page.goto(f"{live_server.url}/groups/{group.pk}/")
    expect(page.locator("#agenda-heading + ol")).to_contain_text("flere timer")
    check_page(page, "groups-detail-with-agenda")
