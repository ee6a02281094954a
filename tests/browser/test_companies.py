"""The company consultant's and youth consultant's way through companies, offers and internships:
register a company, create an offer, create an internship and open its agreement, with axe on every page."""

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from .conftest import check_page, log_in, register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CVR = "13585628"


def _open(page, summary_text_form_action: str):
    form = page.locator(f"form[action$='/{summary_text_form_action}/']")
    page.locator("details", has=form).locator("summary").click()
    expect(form).to_be_visible()
    return form


@pytest.fixture
def active_person(consultant):
    from nextwork.people.services.courses import course_change_status

    result = register(consultant, first_name="Ahmad", last_name="Hussein", dream_trades="Smed",
                      referred_days_ago=20, consultant=consultant)
    course_change_status(actor=consultant, course=result.course, status="active",
                         on=dt.date.today() - dt.timedelta(days=10))
    return result.person


def test_register_company_offer_internship_and_agreement(page, live_server, team, consultant, active_person):
    company_consultant = team["company_consultant"]
    log_in(page, live_server, company_consultant)
    page.locator("nav.site-nav a[href='/companies/']").click()
    expect(page.locator("h1")).to_be_visible()
    check_page(page, "companies-list-empty")

    # Register: a bad CVR number first, then a good one.
    page.locator("main a[href='/companies/new/']").click()
    page.fill("#id_cvr", "12345670")
    page.fill("#id_name", "Roskilde Smede- og Maskinværksted")
    page.fill("#id_address", "Industrivej 4, 4000 Roskilde")
    page.select_option("#id_industry_code", "25")
    page.select_option("#id_size_band", "10-49")
    page.select_option("#id_sector", "private")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_cvr-error")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("Roskilde Smede- og Maskinværksted")
    check_page(page, "company-form-cvr-error")
    page.fill("#id_cvr", CVR)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/companies/\d+/$"))
    expect(page.locator("h1")).to_have_text("Roskilde Smede- og Maskinværksted")
    company_url = page.url

    # A representative and a contact with its next follow-up.
    form = _open(page, "representatives")
    form.locator("#id_name").fill("Søren Øster")
    form.locator("#id_role").fill("Værkfører")
    form.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Søren Øster")
    form = _open(page, "contacts")
    form.locator("#id_kind").select_option("visit")
    form.locator("#id_note").fill("Rundvisning; plads til to praktikanter.")
    form.locator("#id_next_follow_up_on").fill((dt.date.today() + dt.timedelta(days=14)).isoformat())
    form.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Rundvisning")
    check_page(page, "company-page")

    # An offer.
    page.locator("main a[href$='/offers/new/']").click()
    check_page(page, "offer-form")
    page.fill("#id_function", "Smedelærling")
    page.fill("#id_tasks", "Svejsning og montage")
    page.select_option("#id_occupation_code", "722")
    page.fill("#id_places", "2")
    page.check("#id_paid_hours_possible")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(company_url)
    expect(page.locator("main")).to_contain_text("Smedelærling")

    page.goto(f"{live_server.url}/companies/offers/")
    expect(page.locator("main table")).to_contain_text("Smedelærling")
    check_page(page, "offers-list")

    # The internship, from the offer on the company page.
    page.goto(company_url)
    page.locator("main a[href*='/internships/new/?offer=']").click()
    page.select_option("#id_course", label="Ahmad Hussein")
    start = dt.date.today()
    page.fill("#id_start_on", start.isoformat())
    page.fill("#id_planned_end_on", (start - dt.timedelta(days=1)).isoformat())
    page.fill("#id_hours_per_week", "20")
    check_page(page, "internship-form")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_planned_end_on-error")).to_be_visible()
    check_page(page, "internship-form-error")
    page.fill("#id_planned_end_on", (start + dt.timedelta(days=56)).isoformat())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/companies/internships/\d+/$"))
    internship_url = page.url
    check_page(page, "internship-planned")

    # The agreement PDF opens and reads correctly.
    pdf = page.request.get(live_server.url + page.locator("main a[href$='agreement.pdf']").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    text = " ".join(PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text().split())
    for expected in ("Ahmad Hussein", CVR, "Smedelærling", "Søren Øster"):
        assert expected in text

    # No start without the papers: refused, then signed, insured, the three-party meeting held, and started.
    form = _open(page, "start")
    form.locator("button[type=submit]").click()
    expect(page.locator("#id_start-on-error")).to_be_visible()
    check_page(page, "internship-start-refused")
    for status in ("signed", "insured"):
        form = _open(page, "agreement")
        form.locator("#id_agreement-status").select_option(status)
        form.locator("button[type=submit]").click()
        page.wait_for_url(internship_url)
    form = _open(page, "meeting")
    form.locator("#id_meeting-notes").fill("Mødetid 8-12, sikkerhedssko")
    form.locator("button[type=submit]").click()
    page.wait_for_url(internship_url)
    form = _open(page, "start")
    form.locator("button[type=submit]").click()
    page.wait_for_url(internship_url)
    expect(page.locator("main .badge")).to_be_visible()
    check_page(page, "internship-active")

    # The young person's page shows it, and the start page shows the two numbers.
    page.locator(f"main a[href='/young-people/{active_person.pk}/']").click()
    expect(page.locator("#internships-heading")).to_be_visible()
    check_page(page, "person-with-internship")
    page.goto(f"{live_server.url}/")
    expect(page.locator("#internship-figures-heading")).to_be_visible()
    check_page(page, "start-with-internship-figures")

    for path, name in (("/companies/internships/", "internships-list"), ("/companies/wishes/", "wishes"),
                       ("/companies/warnings/", "warnings"), ("/companies/", "companies-list")):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("h1")).to_be_visible()
        check_page(page, name)


def test_import_with_bad_rows_and_a_network_meeting(page, live_server, team, tmp_path):
    log_in(page, live_server, team["company_consultant"])
    page.goto(f"{live_server.url}/companies/import/")
    check_page(page, "import-form")
    upload = tmp_path / "firmaer.csv"
    upload.write_text("cvr;name;industry_code;size_band;sector\n13585628;Bageriet;10;1-9;private\n"
                      "12345670;Forkert;10;1-9;private\n10150817;Ukendt branche;00;1-9;private\n", encoding="utf-8")
    page.select_option("#id_kind", "companies")
    page.set_input_files("#id_file", str(upload))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#row-errors-heading")).to_be_visible()
    expect(page.locator("table.row-errors tbody tr")).to_have_count(2)
    check_page(page, "import-row-errors")

    page.goto(f"{live_server.url}/companies/meetings/")
    page.fill("#id_title", "Virksomhedsnetværk")
    page.fill("#id_held_on", (dt.date.today() + dt.timedelta(days=10)).isoformat())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/companies/meetings/\d+/$"))
    check_page(page, "meeting-page")
