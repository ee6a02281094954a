"""A match event in the browser: plan it, invite, record who came, make the table plan, the young person
wishes on their phone, allocate and confirm. axe-core on every page; screenshots in var/screenshots/."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from nextwork.events.tests.conftest import *  # noqa: F403  (the event fixtures)

from .conftest import PHONE, check_page, log_in, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_consultant_plans_an_event_and_records_who_came(page, live_server, consultant, event_offers, youth):
    url = live_server.url
    log_in(page, live_server, consultant)
    page.goto(f"{url}/events/")
    check_page(page, "events-list")
    page.get_by_role("link", name=re.compile("Planlæg et matchevent")).click()
    page.fill("#id_held_on", (dt.date.today() - dt.timedelta(days=1)).isoformat())
    page.fill("#id_starts_at", "13:00")
    page.fill("#id_place", "Ungehuset, Roskilde")
    for offer in event_offers:
        page.check(f"input[name=offers][value='{offer.pk}']")
    check_page(page, "event-form")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/events/\d+/$"))
    expect(page.locator("#offers-heading + ul")).to_contain_text("Smedien")

    page.locator("summary", has_text="Invitér unge").click()
    for person in youth:
        page.check(f"input[name=people][value='{person.pk}']")
    page.locator("form[action$='/invite/'] button[type=submit]").click()
    expect(page.locator("main table")).to_contain_text(youth[0].full_name)
    check_page(page, "event-invited")

    for box in page.locator("input[name=came]").all():
        box.check()
    page.get_by_role("button", name="Gem, hvem der kom").click()
    expect(page.locator("main table").first).to_contain_text("Har ikke ønsket endnu")

    page.fill("#id_rounds", "3")
    page.fill("#id_seats", "2")
    page.get_by_role("button", name="Lav bordplanen").click()
    expect(page.locator("#tables-heading")).to_be_visible()
    expect(page.get_by_role("link", name="Udskriv bordplanen (PDF)")).to_be_visible()
    check_page(page, "event-table-plan")


def test_wishes_on_a_phone_then_allocation_and_confirmation(browser, live_server, consultant, held_event, youth,
                                                             event_offers):
    from nextwork.events.services import wishes
    from nextwork.groups.services import links

    _link, token = links.personal_link_create(actor=consultant, person=youth[0])
    phone = browser.new_context(**PHONE, locale="da-DK")
    own = phone.new_page()
    own.goto(f"{live_server.url}/groups/me/{token}/")
    expect(own.locator("#events-heading")).to_be_visible()
    no_horizontal_scroll(own)
    check_page(own, "event-wishes-phone")
    prefix = f"#id_e{held_event.pk}"
    own.select_option(f"{prefix}-wish_1", str(event_offers[1].pk))
    own.select_option(f"{prefix}-wish_2", str(event_offers[0].pk))
    own.fill(f"{prefix}-about_me", "Jeg kan bedst om formiddagen.")
    own.get_by_role("button", name="Gem mine ønsker").click()
    expect(own.locator(".alert-success")).to_contain_text("Dine ønsker er gemt")
    check_page(own, "event-wishes-phone-saved")
    phone.close()

    for person, offer in zip(youth[1:], event_offers, strict=False):
        wishes.wishes_set(event=held_event, person=person, offer_ids=[offer.pk])
    page = browser.new_page(locale="da-DK")
    log_in(page, live_server, consultant)
    page.goto(f"{live_server.url}/events/{held_event.pk}/")
    page.get_by_role("button", name="Kør fordelingen").click()
    expect(page.locator("#allocation-heading")).to_be_visible()
    expect(page.locator("section[aria-labelledby=allocation-heading] table")).to_contain_text("Bageriet")
    check_page(page, "event-allocation-proposal")
    page.get_by_role("button", name="Bekræft fordelingen").click()
    check_page(page, "event-allocation-confirm")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("bekræftet")
    check_page(page, "event-allocation-confirmed")
