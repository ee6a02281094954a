"""API tokens expire and are revocable; each staff member sees and manages their own on /tokens/."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from nextwork.core.models import ApiToken, AuditEvent
from nextwork.core.tokens import api_token_create, api_token_revoke, user_for_token


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    """Pages in English (the site is Danish unless the user chooses), so tests read the source texts."""
    client.cookies["django_language"] = "en"
    return client


def _api(client, token):
    return client.get("/api/young-people/", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_new_token_expires_in_90_days_and_works_until_then(client, consultant):
    token = api_token_create(user=consultant)
    stored = ApiToken.objects.get(user=consultant)
    assert dt.timedelta(days=89) < stored.expires_at - timezone.now() <= dt.timedelta(days=90)
    assert _api(client, token).status_code == 200
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_an_expired_token_is_401(client, consultant):
    token = api_token_create(user=consultant)
    ApiToken.objects.filter(user=consultant).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert user_for_token(token) is None
    assert _api(client, token).status_code == 401


def test_a_revoked_token_is_401(client, consultant):
    token = api_token_create(user=consultant)
    api_token_revoke(actor=consultant, token=ApiToken.objects.get(user=consultant))
    assert _api(client, token).status_code == 401


def test_the_command_takes_days(client, consultant):
    out = StringIO()
    call_command("create_api_token", consultant.username, "--days", "7", "--label", "script", stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    stored = ApiToken.objects.get(user=consultant)
    assert dt.timedelta(days=6) < stored.expires_at - timezone.now() <= dt.timedelta(days=7)
    assert stored.label == "script"
    assert _api(client, token).status_code == 200
    assert AuditEvent.objects.filter(object_type="api_token", action="create", object_id=str(stored.pk)).exists()


def test_the_page_needs_a_login(client, db):
    response = client.get("/tokens/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_page_lists_only_my_own_tokens(client, consultant, team_lead):
    api_token_create(user=consultant, label="my-integration")
    api_token_create(user=team_lead, label="their-integration")
    client.force_login(consultant)
    page = client.get("/tokens/").content.decode()
    assert "my-integration" in page and "their-integration" not in page
    assert 'href="/tokens/"' in page[page.index("<footer"):]


def test_creating_shows_the_token_once_and_audits(client, consultant):
    client.force_login(consultant)
    response = client.post("/tokens/", {"label": "Reporting"})
    assert response.status_code == 200
    page = response.content.decode()
    token = re.search(r'value="(nw_[A-Za-z0-9_-]+)"', page).group(1)
    assert 'data-copy="new-token"' in page and "not shown again" in page
    assert token not in client.get("/tokens/").content.decode()
    assert "Reporting" in client.get("/tokens/").content.decode()
    stored = ApiToken.objects.get(user=consultant)
    assert stored.label == "Reporting" and user_for_token(token) == consultant
    event = AuditEvent.objects.get(object_type="api_token", action="create")
    assert event.actor == consultant and event.object_id == str(stored.pk) and token not in event.summary


@pytest.mark.parametrize("label", ["", "   ", "x" * 101])
def test_the_label_is_required_and_bounded(client, consultant, label):
    client.force_login(consultant)
    response = client.post("/tokens/", {"label": label})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_revoking_needs_confirmation_and_audits(client, consultant):
    token = api_token_create(user=consultant, label="Old script")
    stored = ApiToken.objects.get(user=consultant)
    client.force_login(consultant)
    ask = client.post(f"/tokens/{stored.pk}/revoke/")
    assert ask.status_code == 200 and "Revoke the API token" in ask.content.decode()
    stored.refresh_from_db()
    assert stored.revoked_at is None and _api(client, token).status_code == 200
    done = client.post(f"/tokens/{stored.pk}/revoke/", {"confirm": "yes"})
    assert done.status_code == 302
    stored.refresh_from_db()
    assert stored.revoked_at is not None
    assert _api(client, token).status_code == 401
    event = AuditEvent.objects.get(object_type="api_token", action="change")
    assert event.actor == consultant and event.object_id == str(stored.pk) and "revoked" in event.summary
    assert "Revoked" in client.get("/tokens/").content.decode()


def test_nobody_revokes_another_persons_token(client, consultant, team_lead):
    token = api_token_create(user=team_lead)
    stored = ApiToken.objects.get(user=team_lead)
    client.force_login(consultant)
    client.post(f"/tokens/{stored.pk}/revoke/", {"confirm": "yes"})
    stored.refresh_from_db()
    assert stored.revoked_at is None and _api(client, token).status_code == 200
    assert not AuditEvent.objects.filter(object_type="api_token").exists()


def test_revoking_is_post_only(client, consultant):
    api_token_create(user=consultant)
    client.force_login(consultant)
    assert client.get(f"/tokens/{ApiToken.objects.get().pk}/revoke/").status_code == 405
