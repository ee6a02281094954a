"""Security hardening: login lockout, passwords, idle sessions, headers, no-store, HSTS and the audit log's
TRUNCATE trigger. The role × record matrix is in test_security_matrix.py."""

import datetime as dt
import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from nextwork.core.models import AuditEvent
from tests.test_api import bearer

PASSWORD = "nextwork-test-pw"
NEW_PASSWORD = "Sommerfugle-ved-fjorden-7"


def _log_in(client, username, password, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# Login throttling (django-axes)

def test_five_wrong_passwords_lock_the_account_also_for_the_right_password(client, consultant):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _log_in(client, consultant.username, "wrong-password").status_code == 200
    locked = _log_in(client, consultant.username, "wrong-password")
    assert locked.status_code == 429
    response = _log_in(client, consultant.username, PASSWORD)
    assert response.status_code == 429 and not _logged_in(client)


def test_the_lockout_page_says_why_and_for_how_long(client, consultant):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _log_in(client, consultant.username, "wrong-password")
    html = response.content.decode()
    assert "Too many failed login attempts" in html and "locked for 15 minutes" in html
    assert reverse("login") in html


def test_the_account_opens_again_after_the_cool_off(client, consultant):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, consultant.username, "wrong-password")
    assert _log_in(client, consultant.username, PASSWORD).status_code == 429
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=16)):
        response = _log_in(client, consultant.username, PASSWORD)
        assert response.status_code == 302 and _logged_in(client)


def test_the_lock_holds_one_username_from_one_address(client, consultant, team_lead):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, consultant.username, "wrong-password", address="10.0.0.1")
    assert _log_in(client, team_lead.username, PASSWORD, address="10.0.0.1").status_code == 302
    client.logout()
    assert _log_in(client, consultant.username, PASSWORD, address="10.0.0.2").status_code == 302


def test_a_successful_login_clears_earlier_failures(client, consultant):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _log_in(client, consultant.username, "wrong-password")
    assert _log_in(client, consultant.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _log_in(client, consultant.username, "wrong-password")
    assert _log_in(client, consultant.username, PASSWORD).status_code == 302


def test_the_production_settings_count_the_address_the_proxy_saw(rf, production_settings):
    client_address = production_settings.client_address
    request = rf.post("/login/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7")
    assert client_address(request) == "192.0.2.7"
    assert client_address(rf.post("/login/", REMOTE_ADDR="192.0.2.8")) == "192.0.2.8"


# Passwords

@pytest.mark.parametrize("password", ["nextwork-demo", PASSWORD, NEW_PASSWORD])
def test_the_demo_and_test_passwords_pass_the_validators(consultant, password):
    validate_password(password, consultant)


@pytest.mark.parametrize("password", ["kort-kode1", "qwerty123456", "Q1W2E3R4T5Y6"])
def test_short_and_common_passwords_are_refused(consultant, password):
    with pytest.raises(ValidationError):
        validate_password(password, consultant)


def test_staff_change_their_own_password_and_the_old_one_stops_working(client, consultant):
    client.force_login(consultant)
    start = client.get(reverse("start")).content.decode()
    assert f'href="{reverse("password_change")}"' in start
    page = client.get(reverse("password_change")).content.decode()
    assert 'class="form-input"' in page and 'id="id_new_password1-hint"' in page
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("password_change_done")
    assert client.get(response.url).status_code == 200
    assert _logged_in(client)  # the session that changed the password stays logged in
    client.logout()
    assert _log_in(client, consultant.username, PASSWORD).status_code == 200 and not _logged_in(client)
    assert _log_in(client, consultant.username, NEW_PASSWORD).status_code == 302 and _logged_in(client)


@pytest.mark.parametrize("new", ["kort-kode1", "qwerty123456"])
def test_the_password_page_refuses_short_and_common_passwords(client, consultant, new):
    client.force_login(consultant)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    consultant.refresh_from_db()
    assert consultant.check_password(PASSWORD)


def test_the_password_page_needs_the_old_password(client, consultant):
    client.force_login(consultant)
    response = client.post(reverse("password_change"), {
        "old_password": "wrong-password", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 200
    consultant.refresh_from_db()
    assert consultant.check_password(PASSWORD)


def test_the_password_page_needs_a_login(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# Sessions

def test_sessions_end_with_the_browser_and_after_an_hour_without_requests(client, consultant):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_COOKIE_HTTPONLY
    client.force_login(consultant)
    now = dt.datetime.now(dt.UTC)
    with time_machine.travel(now + dt.timedelta(minutes=50)):
        assert client.get(reverse("start")).status_code == 200  # activity moves the expiry on
    with time_machine.travel(now + dt.timedelta(minutes=100)):
        assert client.get(reverse("start")).status_code == 200
    with time_machine.travel(now + dt.timedelta(minutes=170)):
        response = client.get(reverse("start"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


# Headers

def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


@pytest.mark.parametrize("url", ["login", "start", "people:list", "password_change"])
def test_pages_have_a_strict_content_security_policy(client, consultant, url):
    if url != "login":
        client.force_login(consultant)
    response = client.get(reverse(url))
    assert response.status_code == 200
    directives = _directives(response)
    for name in ("script-src", "style-src"):
        assert "'self'" in directives[name] and "'unsafe-inline'" not in directives[name], name
        assert "'unsafe-eval'" not in directives[name]
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_template_has_inline_script_or_style():
    """What the policy refuses must not be there: no <script> without src (JSON data blocks are not run),
    no <style> element and no style attribute in any of our templates."""
    offenders = []
    for path in Path(settings.BASE_DIR, "nextwork").rglob("templates/**/*.html"):
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{path}: {tag}")
        if re.search(r"<style\b", text) or re.search(r"\sstyle=", text):
            offenders.append(f"{path}: inline style")
    assert not offenders, offenders


def test_the_api_docs_page_runs_under_the_policy(client, consultant):
    client.force_login(consultant)
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert "Content-Security-Policy" in response
    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert all("src=" in tag or 'type="application/json"' in tag for tag in scripts), scripts


# No caching of personal data

def test_person_pages_lists_and_exports_are_not_stored(client, consultant, make_person):
    person = make_person().person
    client.force_login(consultant)
    for url in (reverse("portal:person", args=[person.pk]), reverse("start"), reverse("people:list"),
                reverse("people:list") + "?format=csv", reverse("people:list") + "?format=xlsx"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_api_answers_are_not_stored(client, consultant, make_person):
    person = make_person().person
    response = client.get(f"/api/young-people/{person.pk}/", **bearer(consultant))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_the_young_persons_own_page_is_not_stored(client, db):
    response = client.get("/groups/me/not-a-real-token/")
    assert response.status_code == 404 and "no-store" in response["Cache-Control"]


def test_no_store_leaves_visitors_pages_and_a_views_own_choice_alone(rf, consultant):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from nextwork.core.middleware import NoStoreForPersonalDataMiddleware

    def cached_view(request):
        response = HttpResponse("public")
        response["Cache-Control"] = "private, max-age=60"
        return response

    request = rf.get("/about/")
    request.user = AnonymousUser()
    assert "Cache-Control" not in NoStoreForPersonalDataMiddleware(lambda r: HttpResponse("x"))(request)
    request.user = consultant
    assert NoStoreForPersonalDataMiddleware(cached_view)(request)["Cache-Control"] == "private, max-age=60"


# Production settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "nextwork.settings.production",
    "NEXTWORK_SECRET_KEY": "a-long-random-production-like-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "NEXTWORK_ENCRYPTION_KEYS": "q5kS7zF8mJ3cX1vB9nL2pR6tY4wE0uI8oA7sD5fG3hQ=",
    "NEXTWORK_LOOKUP_KEY": "lookup-key-for-the-check",
    "NEXTWORK_ALLOWED_HOSTS": "nextwork.example.dk",
    "NEXTWORK_CSRF_TRUSTED_ORIGINS": "https://nextwork.example.dk",
    "DATABASE_URL": "postgres://nextwork_app@127.0.0.1:5432/nextwork",
}


@pytest.fixture
def production_settings(monkeypatch):
    """The production settings module as production reads it (a module of values: Django keeps the test's)."""
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    return importlib.reload(importlib.import_module("nextwork.settings.production"))


def test_production_sends_hsts_and_secure_cookies(production_settings):
    production = production_settings
    assert production.SECURE_HSTS_SECONDS >= 365 * 24 * 3600
    assert production.SECURE_HSTS_INCLUDE_SUBDOMAINS and production.SECURE_HSTS_PRELOAD
    assert production.SECURE_SSL_REDIRECT
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SESSION_COOKIE_HTTPONLY and production.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert production.X_FRAME_OPTIONS == "DENY"


def test_the_deployment_check_finds_nothing():
    env = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(PRODUCTION_ENV)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# The audit log at the database

@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_the_database_refuses_to_truncate_the_audit_log(make_person):
    make_person()
    count = AuditEvent.objects.count()
    assert count > 0
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        # The test suite's connections may truncate (to empty the database between tests); production's not.
        cursor.execute("SET LOCAL nextwork.allow_audit_truncate = 'off'")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own inserts still have deferred checks
        cursor.execute("TRUNCATE core_auditevent")
    assert AuditEvent.objects.count() == count


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_the_database_refuses_to_delete_audit_rows(make_person):
    make_person()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent")
