"""Two-factor login in the browser: a staff member enrols an authenticator app at the first login (the key as
a QR code and as text), then types a code; axe-core on both pages, on a desktop and a 390 px phone."""

import base64
import time

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from .conftest import PASSWORD, PHONE, check_page, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code_for(secret: str) -> str:
    key = base64.b32decode(secret.replace(" ", "").upper())
    totp = TOTP(key, 30, 0, 6, 0)
    totp.time = time.time()
    return f"{totp.token():06d}"


def _log_in_with_two_factor(page, live_server, user, name: str):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/2fa/**")
    expect(page.locator("svg").first).to_be_visible()  # the QR code to scan
    check_page(page, name)
    page.fill("#id_code", _code_for(page.locator("#totp-secret").inner_text()))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/backup-codes/**")
    expect(page.locator(".backup-codes li")).to_have_count(10)
    check_page(page, f"{name}-backup-codes")
    page.get_by_role("link", name="Fortsæt").click()
    page.wait_for_url(f"{live_server.url}/")


def test_a_consultant_enrols_at_the_first_login(page, live_server, consultant, settings):
    settings.NEXTWORK_REQUIRE_2FA = True
    _log_in_with_two_factor(page, live_server, consultant, "two-factor-enrol")
    expect(page.locator("#mine-heading")).to_be_visible()


class TestOnAPhone:
    @pytest.fixture
    def browser_context_args(self, browser_context_args):
        return {**browser_context_args, **PHONE}

    def test_the_enrolment_fits_a_phone(self, page, live_server, consultant, settings):
        settings.NEXTWORK_REQUIRE_2FA = True
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", consultant.username)
        page.fill("#id_password", PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{live_server.url}/2fa/**")
        no_horizontal_scroll(page)
        check_page(page, "two-factor-enrol-phone")
