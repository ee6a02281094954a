"""A youth consultant's way through the platform: login, intake with errors, conversation, status, exit."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from .conftest import check_page, html_lang, log_in, valid_cpr

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_action(page, action_suffix: str):
    """Opens the <details> that holds the course form posting to .../<action_suffix>/ and returns the form."""
    form = page.locator(f"form[action$='/{action_suffix}/']")
    details = page.locator("details", has=form)
    details.locator("summary").click()
    expect(form).to_be_visible()
    return form


def test_consultant_intake_to_exit(page, live_server, consultant):
    log_in(page, live_server, consultant)
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.locator("#mine-heading")).to_be_visible()
    check_page(page, "consultant-start-empty")

    page.goto(f"{live_server.url}/young-people/new/")
    expect(page.locator("#id_first_name")).to_be_visible()
    check_page(page, "intake-empty")

    # Submitted empty: a summary at the top and an error next to each required field.
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_visible()
    for field in ("first_name", "last_name", "cpr_number", "referral_source", "benefit_type"):
        expect(page.locator(f"#id_{field}-error")).to_be_visible()
        expect(page.locator(f"#id_{field}")).to_have_attribute("aria-invalid", "true")
        assert page.locator(f".form-group.form-error:has(#id_{field})").count() == 1
    check_page(page, "intake-errors-required")

    # Everything filled in but the CPR number, which fails modulus 11 (born 2003): the service rejects it
    # and what was typed is kept.
    page.fill("#id_first_name", "Amalie")
    page.fill("#id_last_name", "Kristensen")
    page.fill("#id_cpr_number", "010203-1235")
    page.fill("#id_phone", "+45 22 33 44 55")
    page.select_option("#id_referral_source", "jobcentre")
    page.select_option("#id_benefit_type", "education_benefit")
    page.locator("input[name=available_days][value=tue]").check()
    page.fill("#id_dream_trades", "Tømrer eller smed")
    page.check("#id_consent_given")
    page.fill("#id_consent_date", dt.date.today().isoformat())
    page.locator("main form button[type=submit]").click()
    cpr_error = page.locator("#id_cpr_number-error")
    expect(cpr_error).to_be_visible()
    expect(cpr_error).to_contain_text(re.compile(r"11"))
    expect(page.locator("#id_first_name")).to_have_value("Amalie")
    expect(page.locator("#id_last_name")).to_have_value("Kristensen")
    expect(page.locator("#id_cpr_number")).to_have_value("010203-1235")
    expect(page.locator("#id_referral_source")).to_have_value("jobcentre")
    expect(page.locator("input[name=available_days][value=tue]")).to_be_checked()
    expect(page.locator("#id_first_name-error")).to_have_count(0)
    check_page(page, "intake-errors-cpr")

    # Corrected: registered and shown on the young person's page.
    page.fill("#id_cpr_number", valid_cpr())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/young-people/\d+/$"))
    expect(page.locator("h1")).to_have_text("Amalie Kristensen")
    expect(page.locator(".alert-success")).to_contain_text("Amalie Kristensen")
    check_page(page, "person-registered")
    person_url = page.url

    # The start page now lists her among my young people, with a link back.
    page.goto(f"{live_server.url}/")
    mine = page.locator("section[aria-labelledby=mine-heading]")
    expect(mine.locator("table")).to_contain_text("Amalie Kristensen")
    check_page(page, "consultant-start")
    mine.get_by_role("link", name="Amalie Kristensen").click()
    page.wait_for_url(person_url)

    # A 1:1 conversation.
    form = _open_action(page, "conversations")
    form.locator("[name=kind]").select_option("one_to_one")
    form.locator("[name=text]").fill("Første samtale om drømmefag: tømrer.")
    check_page(page, "person-conversation-form")
    form.locator("button[type=submit]").click()
    page.wait_for_url(person_url)
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("section[aria-labelledby=conversations-heading]")).to_contain_text("Første samtale")
    expect(page.locator("section[aria-labelledby=timeline-heading]")).not_to_contain_text("Første samtale")

    # Status: active.
    form = _open_action(page, "status")
    form.locator("[name=status]").select_option("active")
    form.locator("button[type=submit]").click()
    page.wait_for_url(person_url)
    expect(page.locator(".alert-success")).to_be_visible()
    check_page(page, "person-active")

    # Exit: education with SU.
    form = _open_action(page, "exit")
    form.locator("[name=exit_type]").select_option("education_su")
    form.locator("[name=employer_or_school]").fill("Roskilde Tekniske Skole")
    form.locator("button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("?")  # "End ...'s course?": nothing happens before confirming
    check_page(page, "person-exit-confirm")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(person_url)
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("section[aria-labelledby=course-heading]")).to_contain_text("Roskilde Tekniske Skole")

    follow_ups = page.locator("section[aria-labelledby=follow-ups-heading] li")
    expect(follow_ups).to_have_count(4)
    for item, months in zip(follow_ups.all(), (3, 6, 12, 30), strict=True):
        expect(item).to_contain_text(re.compile(rf"^\s*{months}\b"))
    timeline = page.locator("section[aria-labelledby=timeline-heading] li")
    # Intake, conversation, status change, exit (newest first or last; at least these four).
    assert timeline.count() >= 4, timeline.all_inner_texts()
    # The course forms are gone once the course has ended.
    expect(page.locator("form[action$='/exit/']")).to_have_count(0)
    check_page(page, "person-exited")

    assert html_lang(page) == "da"
