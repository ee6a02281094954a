"""Devising in the browser: the team lead starts an experiment and reviews it; a young person proposes from
their own page on a phone and sees the team's answer; a company representative proposes from the company's
own page; another municipality reads the shared library. axe-core on every page; screenshots in
var/screenshots/. Assertions use ids and the texts typed, not the interface's words (they get translated)."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from nextwork.devising.models import Experiment, Proposal
from nextwork.devising.services import experiments, proposals, sharing
from nextwork.devising.tests.conftest import *  # noqa: F403  (the devising fixtures)

from .conftest import PHONE, check_page, log_in, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = dt.date.today()


def test_the_team_lead_starts_an_experiment_and_reviews_it(page, live_server, team_lead):
    url = live_server.url
    log_in(page, live_server, team_lead)
    page.goto(f"{url}/devising/")
    check_page(page, "devising-log")
    page.goto(f"{url}/devising/experiments/new/")
    page.fill("#id_title", "Young people host the check-in round")
    page.check("input[name=principles][value=power_shift]")
    page.fill("#id_why", "The consultants talk too much in the first ten minutes.")
    page.fill("#id_expected", "More young people speak in the first round.")
    page.check("input[name=indicators][value=agenda_by_young_people]")
    page.fill("#id_starts_on", (TODAY - dt.timedelta(days=42)).isoformat())
    page.fill("#id_review_on", TODAY.isoformat())
    check_page(page, "devising-experiment-form")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/devising/experiments/\d+/$"))
    expect(page.locator("#experiment-summary-heading")).to_be_visible()
    expect(page.locator("main h1")).to_have_text("Young people host the check-in round")
    check_page(page, "devising-experiment-due")

    page.fill("#id_review-observed", "Two young people hosted each week; more spoke.")
    page.check("input[name=review-decision][value=keep]")
    page.locator("form:has(input[name=action][value=review]) button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("section[aria-labelledby=experiment-review-heading]")).to_contain_text(
        "Two young people hosted each week; more spoke.")
    check_page(page, "devising-experiment-reviewed")
    experiment = Experiment.objects.get()
    assert (experiment.status, experiment.decision) == ("reviewed", "keep")

    page.goto(f"{url}/devising/?show=reviewed")
    expect(page.locator("main table")).to_contain_text("Young people host the check-in round")


def test_a_young_person_proposes_on_a_phone_and_sees_the_answer(browser, live_server, own_link, team_lead):
    _link, token = own_link
    phone = browser.new_context(**PHONE, locale="da-DK")
    own = phone.new_page()
    own.goto(f"{live_server.url}/groups/me/{token}/")
    expect(own.locator("#devising-heading")).to_be_visible()
    own.fill("#id_devising-title", "Meet at the workshop")
    own.fill("#id_devising-why", "The town hall feels like the job centre.")
    own.fill("#id_devising-expected", "More of us come every week.")
    own.locator("form:has(input[value=devising_propose]) button[type=submit]").click()
    expect(own.locator(".alert-success")).to_be_visible()
    section = own.locator("section[aria-labelledby=devising-heading]")
    expect(section).to_contain_text("Meet at the workshop")
    no_horizontal_scroll(own)
    check_page(own, "devising-propose-phone")

    proposals.proposal_respond(actor=team_lead, proposal=Proposal.objects.get(),
                               response="We try it once a month from January.")
    own.reload()
    expect(section).to_contain_text("We try it once a month from January.")
    no_horizontal_scroll(own)
    check_page(own, "devising-answer-phone")
    phone.close()


def test_a_representative_proposes_from_the_companys_own_page(browser, live_server, representative,
                                                              company_consultant, team_lead):
    # The company consultant makes the link from the company's page.
    staff = browser.new_page(locale="da-DK")
    log_in(staff, live_server, company_consultant)
    staff.goto(f"{live_server.url}/companies/{representative.company_id}/")
    staff.locator(f"a[href$='/representatives/{representative.pk}/link/']").click()
    staff.locator("main form:not(.inline-form) button[type=submit]").click()
    link_url = staff.locator("#link-url").input_value()
    assert "/companies/me/" in link_url
    check_page(staff, "devising-representative-link")
    staff.close()

    phone = browser.new_context(**PHONE, locale="da-DK")
    own = phone.new_page()
    own.goto(link_url)
    expect(own.locator("main h1")).to_have_text(representative.company.name)
    own.fill("#id_devising-title", "Fewer papers before the first day")
    own.fill("#id_devising-why", "We lose young people while the agreement goes back and forth.")
    own.fill("#id_devising-expected", "Internships start within two weeks more often.")
    own.locator("form:has(input[value=devising_propose]) button[type=submit]").click()
    expect(own.locator(".alert-success")).to_be_visible()
    expect(own.locator("section[aria-labelledby=devising-heading]")).to_contain_text("Fewer papers")
    no_horizontal_scroll(own)
    check_page(own, "devising-representative-page")
    phone.close()
    assert Proposal.objects.get().representative == representative

    lead = browser.new_page(locale="da-DK")
    log_in(lead, live_server, team_lead)
    expect(lead.locator("#start-devising-heading")).to_be_visible()
    lead.goto(f"{live_server.url}/devising/proposals/")
    expect(lead.locator("main table")).to_contain_text(representative.name)
    check_page(lead, "devising-proposals")
    lead.locator("main table a", has_text="Fewer papers").click()
    check_page(lead, "devising-proposal")
    lead.close()


def test_the_shared_library_is_browsed_from_another_municipality(page, live_server, experiment, team_lead,
                                                                 other_team):
    experiments.experiment_review(actor=team_lead, experiment=experiment, observed="More spoke.", decision="keep")
    sharing.practice_share(actor=team_lead, experiment=experiment, title="Young hosts", principles=["power_shift"],
                           what="Two young people host the first round.", why="Staff talked too much.",
                           what_we_saw="More spoke.")
    log_in(page, live_server, other_team["youth_consultant"])
    page.goto(f"{live_server.url}/devising/library/")
    expect(page.locator("main")).to_contain_text("Roskilde")
    check_page(page, "devising-library")
    page.get_by_role("link", name="Young hosts").click()
    expect(page.locator("main h1")).to_have_text("Young hosts")
    expect(page.locator("main")).to_contain_text("More spoke.")
    check_page(page, "devising-practice")
    assert page.goto(f"{live_server.url}/devising/experiments/{experiment.pk}/").status == 404
