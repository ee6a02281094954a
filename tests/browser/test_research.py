"""The trial evaluation in the browser: a researcher writes and freezes the pre-analysis plan, imports a
register panel (a bad file first: row errors, nothing imported) following the progress bar, computes the
report and reads it with its figures and numbers, opens the PDF and exports (the zip built in
the background worker, followed on the page, then downloaded); the report on a
390 px phone. axe-core on every page; screenshots in var/screenshots/."""

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from nextwork.core.roles import Role
from nextwork.core.tests.test_jobs import run_queued_tasks
from nextwork.research.models import RegisterWeek
from nextwork.research.services import imports, plans, reports
from nextwork.research.tests.factories import csv_bytes, make_trial, panel_frame

from .conftest import PHONE, check_page, log_in, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def trial(roskilde, fredericia, team):
    return make_trial(municipalities=[roskilde, fredericia], entered_by=team[Role.TEAM_LEAD])


@pytest.fixture
def researcher(network_users):
    return network_users[Role.RESEARCHER]


def _upload(page, name: str, content: bytes) -> None:
    page.select_option("#id_kind", "panel")
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": "text/csv", "buffer": content}])
    page.locator("form[action$='/imports/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?job=\d+"))


def test_a_researcher_plans_imports_reports_and_exports(page, live_server, trial, researcher):
    url = live_server.url
    log_in(page, live_server, researcher)
    page.goto(f"{url}/research/trials/")
    check_page(page, "research-home")
    page.get_by_role("link", name=trial.name).click()
    page.locator(".research-subnav a").nth(1).click()

    page.check("input[name=outcomes][value=employed]")
    page.check("input[name=outcomes][value=weeks_public_support]")
    page.check("input[name=outcomes][value=charged]")
    page.fill("#id_horizon_weeks", "20")
    page.fill("#id_ri_draws", "200")
    page.fill("#id_text", "Primært udfald: i beskæftigelse i uge 20.")
    check_page(page, "research-plan-form")
    page.locator("main form button[type=submit]").first.click()
    page.locator("form[action$='/plan/freeze/'] button").click()
    check_page(page, "research-plan-confirm")
    page.locator("main form button[type=submit]").click()
    plan = trial.analysis_plan.__class__.objects.get(trial=trial)
    expect(page.locator("code.hash").first).to_have_text(plan.sha256)
    check_page(page, "research-plan-frozen")

    page.locator(".research-subnav a").first.click()
    bad = panel_frame(trial, weeks=20)
    bad.loc[3, "status"] = "holiday"
    bad.loc[10, "person_id"] = "RUNKNOWN"
    _upload(page, "bad-panel.csv", csv_bytes(bad))
    expect(page.locator("progress")).to_be_visible()
    check_page(page, "research-import-queued")
    run_queued_tasks()
    errors = page.locator("table.row-errors")
    expect(errors).to_contain_text("holiday")
    expect(errors).to_contain_text("RUNKNOWN")
    expect(errors.locator("tbody tr").first.locator("td").first).to_have_text("5")
    assert not RegisterWeek.objects.exists()
    check_page(page, "research-import-refused")

    _upload(page, "panel.csv", csv_bytes(panel_frame(trial, weeks=20)))
    run_queued_tasks()
    expect(page.locator(".job-progress .alert-success")).to_be_visible()
    assert RegisterWeek.objects.count() == 800
    page.reload()
    expect(page.locator("table.imports")).to_contain_text("panel.csv")
    check_page(page, "research-imported")

    page.locator(".research-subnav a").nth(2).click()
    page.locator("#compute-heading ~ form button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?job=\d+"))
    run_queued_tasks()
    expect(page.locator(".job-progress .alert-success")).to_be_visible()
    page.reload()
    expect(page.locator("svg.research-figure")).to_have_count(4)
    expect(page.locator("table.effects tbody tr")).to_have_count(3)
    expect(page.locator("table.by-municipality")).to_contain_text("Fredericia")
    expect(page.locator("table.figure-table").first.locator("tbody tr")).to_have_count(20)
    expect(page.locator("p.no-deviations")).to_be_visible()
    check_page(page, "research-report")

    pdf = page.request.get(f"{url}/research/trials/{trial.pk}/report.pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.body()[:4] == b"%PDF"

    page.locator(".research-subnav a").first.click()
    page.locator("#export-heading ~ form button[value=parquet]").click()
    page.wait_for_url(re.compile(r"\?job=\d+"))
    expect(page.locator("#export-job-heading ~ .job-progress progress")).to_be_visible()
    check_page(page, "research-export-queued")
    run_queued_tasks()
    done = page.locator("#export-job-heading ~ .job-progress .alert-success")
    expect(done).to_be_visible()
    check_page(page, "research-export-ready")
    with page.expect_download() as download:
        done.get_by_role("link").click()
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    assert {"participants.parquet", "weeks.parquet", "codebook.csv"} <= set(archive.namelist())


def test_the_report_on_a_phone(browser, live_server, trial, researcher):
    plan = plans.plan_save(actor=researcher, trial=trial, details={
        "outcomes": ["employed", "weeks_internship"], "horizon_weeks": 20, "subgroups": ["municipality"],
        "ri_draws": 100})
    plans.plan_freeze(actor=researcher, plan=plan)
    imports.register_import(actor=researcher, trial=trial, kind="panel", filename="panel.csv",
                            content=csv_bytes(panel_frame(trial, weeks=20)))
    reports.report_compute(actor=researcher, trial=trial, horizon_weeks=15)
    phone = browser.new_context(**PHONE, locale="da-DK")
    page = phone.new_page()
    page.missing_files = []
    log_in(page, live_server, researcher)
    page.goto(f"{live_server.url}/research/trials/{trial.pk}/report/")
    expect(page.locator("svg.research-figure")).to_have_count(4)
    expect(page.locator(".deviations")).to_contain_text("15")
    no_horizontal_scroll(page)
    check_page(page, "phone-research-report")
    phone.close()
