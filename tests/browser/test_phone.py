"""On a phone (390x844): the start page and a young person's page fit the width and pass axe."""

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, check_page, log_in, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, **PHONE}


def test_phone_start_and_person_pages(page, live_server, consultant, make_person):
    person = make_person(first_name="Aksel", last_name="Vestergaard-Christiansen",
                         address="Københavnsvej 123, 4000 Roskilde").person
    make_person(first_name="Nora", last_name="Sørensen")
    log_in(page, live_server, consultant, check_name="phone-login")
    no_horizontal_scroll(page)
    expect(page.locator("#mine-heading")).to_be_visible()
    check_page(page, "phone-start")
    no_horizontal_scroll(page)

    page.goto(f"{live_server.url}/young-people/{person.pk}/")
    expect(page.locator("h1")).to_have_text("Aksel Vestergaard-Christiansen")
    no_horizontal_scroll(page)
    check_page(page, "phone-person")
    form = page.locator("form[action$='/exit/']")
    page.locator("details", has=form).locator("summary").click()
    expect(form).to_be_visible()
    no_horizontal_scroll(page)
    check_page(page, "phone-person-exit-form")
