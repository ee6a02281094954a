"""Browser-test fixtures: Debian's Chromium through pytest-playwright, a live server, login and axe checks.

Run with DJANGO_ALLOW_ASYNC_UNSAFE=true (Playwright's sync API runs an event loop in the test thread).
"""

import datetime as dt
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect

PASSWORD = "nextwork-test-pw"
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
BLOCKING_IMPACTS = {"serious", "critical"}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True}

_axe = Axe()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "da-DK", "timezone_id": "Europe/Copenhagen"}


# Generous timeouts: CI runs these beside other tests on two cores.
expect.set_options(timeout=15_000)


@pytest.fixture
def page(page):
    page.set_default_timeout(30_000)
    # Every file a page asks for must exist (fonts, icons, the favicon): a 404 is a visible defect.
    page.missing_files = []
    page.on("response", lambda response: response.status == 404 and response.request.resource_type != "document"
            and page.missing_files.append(response.url))
    return page


def check_page(page, name: str) -> None:
    """Saves a full-page screenshot and fails on serious or critical axe-core violations."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    missing = getattr(page, "missing_files", [])
    assert not missing, f"files not found on {name}: {missing}"
    results = _axe.run(page)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        lines = [f"axe found {len(blocking)} serious/critical violation(s) on {name} ({page.url}):"]
        for violation in blocking:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
            for node in violation["nodes"][:10]:
                lines.append(f"    target {node['target']}: {node.get('failureSummary', '').strip()}")
                lines.append(f"      html: {node['html'][:200]}")
        message = "\n".join(lines)
        print(message)
        pytest.fail(message, pytrace=False)


def log_in(page, live_server, user, *, check_name: str | None = None) -> None:
    """Logs in through the real login form and waits for the start page."""
    page.goto(f"{live_server.url}/login/")
    if check_name:
        check_page(page, check_name)
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")


def html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def valid_cpr(birth_date: dt.date | None = None, serial: int = 500) -> str:
    """A CPR number that passes nextwork.core.cpr.parse, formatted DDMMYY-SSSS."""
    from nextwork.core.cpr import CprError, parse

    birth_date = birth_date or birth_date_for(22)
    digit7 = "0" if birth_date.year < 2000 else "4"
    for offset in range(1000):
        digits = f"{birth_date:%d%m%y}{digit7}{(serial + offset) % 1000:03d}"
        if digits in _used_cprs:
            continue
        try:
            parse(digits)
        except CprError:
            continue
        _used_cprs.add(digits)
        return f"{digits[:6]}-{digits[6:]}"
    raise AssertionError(f"no valid CPR number for {birth_date}")


def birth_date_for(age_years: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=int(age_years * 365.25) + 30)


def person_details(**overrides) -> dict:
    details = {
        "first_name": "Freja", "last_name": "Holm", "phone": "+45 20 30 40 50", "email": "freja@example.dk",
        "address": "Algade 1, Roskilde", "referral_source": "youth_guidance", "benefit_type": "education_benefit",
        "in_employment": False, "in_education": False, "in_internship": False, "education_history": "9. klasse",
        "work_history": "", "interests": "Musik", "dream_trades": "Smed", "available_days": ["mon", "thu"],
        "availability_note": "", "consent_given": True, "consent_date": dt.date.today(),
    }
    details.update(overrides)
    return details


def register(actor, *, cpr=None, not_a_duplicate=False, referred_days_ago=10, consultant=None, **details):
    """Registers a young person through the intake service (for pages that need existing records)."""
    from nextwork.people.services.intake import young_person_register

    return young_person_register(
        actor=actor, details=person_details(**details), cpr_number=cpr or valid_cpr(serial=next(_serials)),
        referred_on=dt.date.today() - dt.timedelta(days=referred_days_ago), consultant=consultant,
        not_a_duplicate=not_a_duplicate,
    )


_serials = iter(range(101, 10**6, 13))
_used_cprs: set[str] = set()  # per process; the database is emptied after each test anyway


def no_horizontal_scroll(page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] + 1, f"the page scrolls horizontally: scrollWidth {widths[0]} > {widths[1]}"

