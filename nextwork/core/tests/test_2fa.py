"""Two-factor login (TOTP): with NEXTWORK_REQUIRE_2FA on, staff enrol an authenticator app at the first login
and enter a code at every later one; the API, the young person's page and the login itself are left alone."""

import base64
import datetime as dt
import re
import time

import pytest
import time_machine
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from nextwork.core.models import AuditEvent
from nextwork.core.tokens import api_token_create

PASSWORD = "nextwork-test-pw"


@pytest.fixture(autouse=True)
def require_2fa(settings):
    settings.NEXTWORK_REQUIRE_2FA = True


@pytest.fixture
def client(client):
    """Pages in English (the site is Danish unless the user chooses), so tests read the source texts."""
    client.cookies["django_language"] = "en"
    return client


def _code(device, offset=0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def _log_in(client, user):
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def _enrol(client, user) -> TOTPDevice:
    client.get("/2fa/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/2fa/", {"code": _code(device), "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/backup-codes/?next=%2F"
    device.refresh_from_db()
    assert device.confirmed
    return device


@pytest.mark.parametrize("path", ["/", "/tokens/", "/audit/", "/password/", "/admin/"])
def test_a_user_without_a_device_is_sent_to_enrolment_from_any_page(client, consultant, path):
    _log_in(client, consultant)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/2fa/?next=")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "Set up two-factor login" in html
    assert "<svg" in html and page["Cache-Control"] == "no-store"
    device = TOTPDevice.objects.get(user=consultant, confirmed=False)
    secret = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', html).group(1).replace(" ", "")
    assert base64.b32decode(secret) == device.bin_key


def test_htmx_requests_are_sent_to_enrolment_with_hx_redirect(client, consultant):
    _log_in(client, consultant)
    response = client.get("/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"].startswith("/2fa/?next=")


def test_enrolment_with_a_code_from_the_app_opens_the_page_and_is_audited(client, consultant):
    _log_in(client, consultant)
    client.get(client.get("/tokens/")["Location"])
    device = TOTPDevice.objects.get(user=consultant, confirmed=False)
    response = client.post("/2fa/", {"code": _code(device), "next": "/tokens/"})
    # First the backup codes (shown once), which lead on to the page asked for.
    assert response.status_code == 302 and response["Location"] == "/backup-codes/?next=%2Ftokens%2F"
    assert 'href="/tokens/"' in client.get(response["Location"]).content.decode()
    assert client.get("/tokens/").status_code == 200
    assert client.get("/").status_code == 200
    event = AuditEvent.objects.get(actor=consultant, object_type="user", summary="two-factor enrolled")
    assert event.action == "change" and event.object_id == str(consultant.pk)


def test_reloading_the_enrolment_page_keeps_the_same_key(client, consultant):
    _log_in(client, consultant)
    client.get("/2fa/")
    client.get("/2fa/")
    assert TOTPDevice.objects.filter(user=consultant).count() == 1


def test_the_next_login_needs_a_code(client, consultant):
    _log_in(client, consultant)
    device = _enrol(client, consultant)
    client.post("/logout/")
    # The next login, a minute later: a code is used once only.
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=1), tick=True):
        _log_in(client, consultant)
        response = client.get("/")
        assert response.status_code == 302 and response["Location"].startswith("/2fa/")
        page = client.get("/2fa/?next=/")
        assert "Enter the 6-digit code" in page.content.decode()
        assert TOTPDevice.objects.filter(user=consultant).count() == 1
        response = client.post("/2fa/", {"code": _code(device), "next": "/"})
        assert response.status_code == 302 and response["Location"] == "/"
        assert client.get("/").status_code == 200


def test_a_wrong_code_is_refused_next_to_the_field_and_counted(client, consultant):
    _log_in(client, consultant)
    device = _enrol(client, consultant)
    client.post("/logout/")
    _log_in(client, consultant)
    wrong = f"{(int(_code(device)) + 1) % 1000000:06d}"
    response = client.post("/2fa/", {"code": wrong, "next": "/"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="form-error-message" id="id_code-error"' in html and "The code is not right" in html
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # Right away, even the right code waits for the throttle.
    response = client.post("/2fa/", {"code": _code(device), "next": "/"})
    assert response.status_code == 400 and "Too many wrong codes" in response.content.decode()
    assert client.get("/").status_code == 302


def test_a_wrong_code_at_enrolment_is_refused(client, consultant):
    _log_in(client, consultant)
    client.get("/2fa/")
    device = TOTPDevice.objects.get(user=consultant)
    wrong = f"{(int(_code(device)) + 1) % 1000000:06d}"
    for code, message in [(wrong, "The code is not right"), ("12ab", "Enter the 6 digits")]:
        response = client.post("/2fa/", {"code": code, "next": "/"})
        assert response.status_code == 400 and message in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not AuditEvent.objects.filter(summary="two-factor enrolled").exists()


def test_next_may_not_leave_the_site(client, consultant):
    _log_in(client, consultant)
    client.get("/2fa/")
    device = TOTPDevice.objects.get(user=consultant)
    response = client.post("/2fa/", {"code": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/backup-codes/?next=%2F"
    page = client.get("/backup-codes/?next=https://evil.example/").content.decode()
    assert 'href="https://evil' not in page and 'href="/">' in page


def test_the_api_with_a_token_is_not_redirected(client, consultant):
    token = api_token_create(user=consultant)
    response = client.get("/api/young-people/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200


def test_the_young_persons_page_login_and_health_are_not_redirected(client, consultant):
    _log_in(client, consultant)
    assert client.get("/groups/me/does-not-exist/").status_code != 302
    assert client.get("/health/").status_code != 302  # 503 here: no background worker runs in the tests
    assert client.get("/login/").status_code == 200


def test_the_2fa_page_needs_a_login(client, db):
    response = client.get("/2fa/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_with_the_setting_off_nothing_changes(client, consultant, settings):
    settings.NEXTWORK_REQUIRE_2FA = False
    _log_in(client, consultant)
    assert client.get("/").status_code == 200
    assert client.get("/tokens/").status_code == 200
    assert not TOTPDevice.objects.exists()


def _enrol_and_read_codes(client, user) -> list[str]:
    _log_in(client, user)
    _enrol(client, user)
    page = client.get("/backup-codes/?next=%2F").content.decode()
    return re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", page)


def test_enrolment_shows_ten_backup_codes_once(client, consultant):
    codes = _enrol_and_read_codes(client, consultant)
    assert len(set(codes)) == 10
    again = client.get("/backup-codes/").content.decode()
    assert not any(code in again for code in codes) and "10 unused backup codes" in again
    from nextwork.core.models import BackupCode

    stored = set(BackupCode.objects.values_list("code_hash", flat=True))
    assert not any(code in stored or code.replace("-", "") in stored for code in codes)


def test_a_backup_code_logs_in_once(client, consultant):
    codes = _enrol_and_read_codes(client, consultant)
    client.post("/logout/")
    _log_in(client, consultant)
    response = client.post("/2fa/backup/", {"code": codes[3].upper().replace("-", " "), "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(actor=consultant, summary="two-factor backup code used").count() == 1
    client.post("/logout/")
    _log_in(client, consultant)
    response = client.post("/2fa/backup/", {"code": codes[3], "next": "/"})
    assert response.status_code == 400 and "does not work" in response.content.decode()
    assert client.get("/").status_code == 302  # still not past two-factor


def test_new_backup_codes_replace_the_old_ones(client, consultant):
    old = _enrol_and_read_codes(client, consultant)
    page = client.post("/backup-codes/", {"next": "/"}).content.decode()
    new = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", page)
    assert len(new) == 10 and not set(new) & set(old)
    client.post("/logout/")
    _log_in(client, consultant)
    assert client.post("/2fa/backup/", {"code": old[0], "next": "/"}).status_code == 400
    # A wrong code makes the next try wait a second (django-otp's throttling).
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5)):
        assert client.post("/2fa/backup/", {"code": new[0], "next": "/"}).status_code == 302


def test_the_backup_code_page_needs_two_factor_first(client, consultant):
    _log_in(client, consultant)
    response = client.get("/backup-codes/")
    assert response.status_code == 302 and response["Location"].startswith("/2fa/")
