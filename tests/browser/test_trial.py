"""The research phase in the browser: a caseworker enters a young person (baseline, confirm step, the draw,
the letter); a team lead locks the trial and marks an allocation in error; a researcher reads the CONSORT
diagram and the balance table; a caseworker on a 390 px phone. axe-core on every page. Selectors use ids and
form fields, not texts, so the tests hold in Danish and English."""

import re

import pytest
from playwright.sync_api import expect

from nextwork.trial.tests.conftest import *  # noqa: F403  (the trial fixtures)
from nextwork.trial.tests.conftest import baseline

from .conftest import PHONE, check_page, log_in, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_entry(page, data: dict) -> None:
    page.check("#id_eligibility_confirmed")
    page.check("#id_informed")
    for name in ("first_name", "last_name", "cpr_number", "months_on_support"):
        page.fill(f"#id_{name}", str(data[name]))
    for name in ("gender", "benefit_type", "highest_education"):
        page.select_option(f"#id_{name}", data[name])


def test_a_caseworker_enters_a_young_person_and_sees_the_allocation_after_confirming(page, live_server, trial,
                                                                                     caseworker):
    from nextwork.trial.models import Participant

    url = live_server.url
    log_in(page, live_server, caseworker)
    check_page(page, "trial-start-panel")
    page.locator(f"main a[href='/trial/{trial.pk}/randomise/']").first.click()
    page.wait_for_url(re.compile(r"/randomise/$"))
    check_page(page, "trial-entry-form")
    page.locator("main form button[type=submit]").click()  # nothing filled in: errors, nothing drawn
    expect(page.locator(".form-error-message").first).to_be_visible()
    data = baseline(first_name="Sofie", last_name="Lund")
    _fill_entry(page, data)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("button[name=step][value=enter]")).to_be_visible()
    check_page(page, "trial-entry-confirm")
    assert not Participant.objects.exists()
    page.locator("button[name=step][value=enter]").click()
    page.wait_for_url(re.compile(r"/trial/participants/\d+/$"))
    participant = Participant.objects.get()
    expect(page.locator("main")).to_contain_text(participant.research_id)
    expect(page.locator(f"a[href='/trial/participants/{participant.pk}/letter.pdf']")).to_be_visible()
    check_page(page, "trial-allocation")
    page.goto(f"{url}/trial/{trial.pk}/")
    expect(page.locator("main table")).to_contain_text("Sofie Lund")
    check_page(page, "trial-detail-caseworker")


def test_a_team_lead_locks_the_trial_and_marks_an_allocation_in_error(page, live_server, make_trial, team_lead,
                                                                      caseworker):
    from nextwork.trial.models import Participant
    from nextwork.trial.services.randomise import participant_randomise

    trial = make_trial(live=False)
    caseworker.municipality.refresh_from_db()
    participant_randomise(actor=caseworker, trial=trial, data=baseline())  # a test allocation
    log_in(page, live_server, team_lead)
    page.goto(f"{live_server.url}/trial/{trial.pk}/")
    check_page(page, "trial-detail-test-mode")
    page.locator(f"form[action='/trial/{trial.pk}/live/'] button").click()
    check_page(page, "trial-go-live-confirm")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("code.sha")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    assert not Participant.objects.exists()
    trial.refresh_from_db()
    participant = participant_randomise(actor=caseworker, trial=trial, data=baseline()).participant
    page.goto(f"{live_server.url}/trial/participants/{participant.pk}/")
    page.fill("#id_reason", "Var allerede startet på uddannelse")
    page.locator("form[action$='/in-error/'] button").click()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/trial/participants/\d+/$"))
    expect(page.locator("main")).to_contain_text("Var allerede startet på uddannelse")
    check_page(page, "trial-in-error")
    participant.refresh_from_db()
    assert participant.in_error and Participant.objects.count() == 1


def test_a_researcher_reads_consort_and_balance(page, live_server, trial, caseworker, network_users):
    from nextwork.trial.services.randomise import participant_randomise

    for i in range(12):
        participant_randomise(actor=caseworker, trial=trial, data=baseline(age_years=19 + i % 10,
                                                                           first_name="Navnløs"))
    log_in(page, live_server, network_users["researcher"])
    page.goto(f"{live_server.url}/trial/{trial.pk}/figures/")
    expect(page.locator("figure.consort")).to_contain_text("n = 12")
    expect(page.locator("table.balance tbody tr").first).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Navnløs")
    check_page(page, "trial-figures-researcher")


def test_a_caseworker_on_a_phone_enters_a_young_person(browser, live_server, trial, caseworker):
    context = browser.new_context(**PHONE, locale="da-DK")
    page = context.new_page()
    page.missing_files = []
    log_in(page, live_server, caseworker)
    page.goto(f"{live_server.url}/trial/{trial.pk}/randomise/")
    _fill_entry(page, baseline())
    no_horizontal_scroll(page)
    check_page(page, "trial-entry-phone")
    page.locator("main form button[type=submit]").click()
    page.locator("button[name=step][value=enter]").click()
    page.wait_for_url(re.compile(r"/trial/participants/\d+/$"))
    no_horizontal_scroll(page)
    check_page(page, "trial-allocation-phone")
    context.close()
