"""Fidelity in the browser: the team lead's scorecard and the records behind a number, the secretariat's
comparison (aggregates only, small counts hidden), the manager's dashboard and its PDF, a fidelity review
recorded by the secretariat and shown beside the month's figures, and the scorecard on a phone.
axe-core on every page; screenshots in var/screenshots/."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from nextwork.core.roles import Role
from nextwork.scorecards.figures import figures_store
from nextwork.scorecards.tests.conftest import october  # noqa: F401  (the fixture: three young people)

from .conftest import PHONE, check_page, log_in, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = ("Asta", "Bo", "Cato")


def test_the_team_lead_follows_a_number_to_the_records_behind_it(page, live_server, team_lead, october):  # noqa: F811
    figures_store([dt.date.today()])  # what the nightly command does
    log_in(page, live_server, team_lead)
    panel = page.locator("section[aria-labelledby=start-fidelity]")  # the start page: this month's lights
    expect(panel.locator(".figures-as-of")).to_be_visible()
    check_page(page, "fidelity-start-panel")
    page.goto(f"{live_server.url}/fidelity/?month=2026-10")
    expect(page.locator("h1")).to_contain_text("Roskilde")
    expect(page.locator("#principle-work_identity")).to_be_visible()
    check_page(page, "fidelity-scorecard")

    page.locator("a[href*='/fidelity/records/days_wish_to_start/']").click()
    page.wait_for_url("**/fidelity/records/days_wish_to_start/?month=2026-10")
    table = page.locator("main table")
    expect(table.locator("tbody tr")).to_have_count(2)  # Asta's and Bo's internships: 10 and 20 days
    expect(table).to_contain_text("Asta")
    expect(table).to_contain_text("Bo")
    expect(table).not_to_contain_text("Cato")  # no internship: not behind this number
    check_page(page, "fidelity-records")
    table.get_by_role("link", name="Asta", exact=False).click()
    page.wait_for_url("**/young-people/*/")
    expect(page.locator("h1")).to_contain_text("Asta")


def test_the_secretariat_compares_municipalities_without_seeing_anyone(page, live_server, network_users,
                                                                        october, fredericia):  # noqa: F811
    log_in(page, live_server, network_users[Role.SECRETARIAT])
    page.goto(f"{live_server.url}/fidelity/comparison/?month=2026-10")
    header = page.locator("main table thead")
    expect(header).to_contain_text("Roskilde")
    expect(header).to_contain_text("Fredericia")
    # 1 of 2 young people in work experience: both counts would point at people.
    expect(page.locator("#row-share_in_work_experience .suppressed").first).to_be_visible()
    # Devising meetings are not about persons: shown.
    expect(page.locator("#row-devising_meetings_held")).to_contain_text("1")
    main = page.locator("main")
    for name in NAMES:
        expect(main).not_to_contain_text(name)
    expect(page.locator("main a[href*='/fidelity/records/']")).to_have_count(0)
    expect(page.locator(".figures-as-of")).to_contain_text("2026")  # stored figures, with their time
    check_page(page, "fidelity-comparison")


def test_the_manager_reads_the_dashboard_and_downloads_the_pdf(page, live_server, team, october):  # noqa: F811
    log_in(page, live_server, team[Role.MANAGER])
    page.goto(f"{live_server.url}/fidelity/dashboard/?month=2026-10")
    expect(page.locator("h1")).to_contain_text("Roskilde")
    expect(page.locator("main .bar-figure table")).to_have_count(3)  # each chart's numbers as a table
    # Three young people: every count is below 5 and hidden, so no empty chart is drawn above the tables.
    expect(page.locator("main svg.bar-chart")).to_have_count(0)
    check_page(page, "fidelity-dashboard")
    with page.expect_download() as download_info:
        page.locator("a[href*='/fidelity/dashboard.pdf']").click()
    download = download_info.value
    assert download.suggested_filename == "nextwork-2026-10.pdf"
    with open(download.path(), "rb") as f:
        content = f.read()
    assert content.startswith(b"%PDF-") and len(content) > 2000


def test_the_secretariat_records_a_review_shown_beside_the_figures(page, live_server, network_users, roskilde,
                                                                    october):  # noqa: F811
    log_in(page, live_server, network_users[Role.SECRETARIAT])
    page.goto(f"{live_server.url}/fidelity/reviews/?municipality={roskilde.pk}")
    expect(page.locator("main section.review")).to_have_count(0)
    check_page(page, "fidelity-reviews-empty")
    page.fill("#id_month", "2026-10")
    page.fill("#id_reviewed_on", "2026-11-10")
    page.fill("#id_reviewers", "Netværkssekretariatet")
    page.fill("#id_summary", "Besøg i netværksgruppen og et matchevent.")
    page.select_option("#id_score_power_shift", "4")
    page.fill("#id_comment_power_shift", "De unge sætter dagsordenen.")
    page.select_option("#id_score_team", "2")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    review = page.locator("main section.review")
    expect(review).to_have_count(1)
    expect(review).to_contain_text("De unge sætter dagsordenen.")
    expect(review).to_contain_text("Netværkssekretariatet")
    # Beside the scores: that month's computed figures, small counts hidden for the network.
    expect(review.locator("tbody tr").nth(2)).to_contain_text("4")
    expect(review.locator(".suppressed").first).to_be_visible()
    for name in NAMES:
        expect(page.locator("main")).not_to_contain_text(name)
    check_page(page, "fidelity-review-recorded")


def test_a_bad_review_keeps_what_was_typed(page, live_server, network_users, roskilde):
    log_in(page, live_server, network_users[Role.SECRETARIAT])
    page.goto(f"{live_server.url}/fidelity/reviews/?municipality={roskilde.pk}")
    page.fill("#id_month", "2026-10")
    page.fill("#id_reviewed_on", "2026-11-10")
    page.fill("#id_reviewers", "Netværkssekretariatet")
    page.fill("#id_comment_team", "Kun en kommentar")  # a comment without a score
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator("main .form-error-message").first).to_be_visible()
    expect(page.locator("#id_comment_team")).to_have_value("Kun en kommentar")
    expect(page.locator("#id_reviewers")).to_have_value("Netværkssekretariatet")
    expect(page.locator("main section.review")).to_have_count(0)
    check_page(page, "fidelity-review-refused")


class TestOnAPhone:
    @pytest.fixture
    def browser_context_args(self, browser_context_args):
        return {**browser_context_args, **PHONE}

    def test_the_scorecard_fits_a_phone(self, page, live_server, team_lead, october):  # noqa: F811
        log_in(page, live_server, team_lead)
        page.goto(f"{live_server.url}/fidelity/?month=2026-10")
        expect(page.locator("#principle-team")).to_be_visible()
        no_horizontal_scroll(page)
        check_page(page, "fidelity-scorecard-phone")
        page.goto(f"{live_server.url}/fidelity/dashboard/?month=2026-10")
        no_horizontal_scroll(page)
        check_page(page, "fidelity-dashboard-phone")
