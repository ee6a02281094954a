"""The personal-link rate limit is counted in the database: shared by every worker process, per link and
address for requests, per address for failed lookups."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from nextwork.groups import ratelimit
from nextwork.groups.models import RateCounter
from nextwork.groups.services import links
from nextwork.portal import own_page


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(own_page, "REQUESTS_PER_10_MINUTES", 3)
    monkeypatch.setattr(own_page, "FAILED_LOOKUPS_PER_HOUR", 2)


def _link(consultant, membership) -> str:
    return links.personal_link_create(actor=consultant, person=membership.person)[1]


def _get(client, token, address="10.0.0.1"):
    return client.get(f"/groups/me/{token}/", REMOTE_ADDR=address).status_code


def test_two_clients_count_against_the_same_limit(small_limits, consultant, members):
    token = _link(consultant, members[0])
    first, second = Client(), Client()
    assert [_get(first, token), _get(second, token), _get(first, token)] == [200, 200, 200]
    assert _get(second, token) == 429
    assert _get(first, token) == 429


def test_the_counter_survives_a_new_process(small_limits, consultant, members):
    token = _link(consultant, members[0])
    for _ in range(3):
        assert _get(Client(), token) == 200
    cache.clear()  # what a new worker process starts with: an empty local cache
    assert _get(Client(), token) == 429


def test_two_links_from_the_same_address_have_separate_limits(small_limits, consultant, members):
    busy, quiet = _link(consultant, members[0]), _link(consultant, members[1])
    for _ in range(3):
        assert _get(Client(), busy) == 200
    assert _get(Client(), busy) == 429
    assert _get(Client(), quiet) == 200


def test_the_same_link_from_another_address_has_its_own_limit(small_limits, consultant, members):
    token = _link(consultant, members[0])
    for _ in range(4):
        _get(Client(), token)
    assert _get(Client(), token) == 429
    assert _get(Client(), token, address="10.0.0.2") == 200


def test_failed_lookups_are_limited_per_address(small_limits, consultant, members):
    token = _link(consultant, members[0])
    assert [_get(Client(), f"guess{n}") for n in range(3)] == [404, 404, 429]
    assert _get(Client(), "guess-more") == 429
    assert _get(Client(), "guess-more", address="10.0.0.2") == 404
    # A real link from the guessing address still opens: the young people behind a shared proxy keep access.
    assert _get(Client(), token) == 200


def test_counters_of_passed_windows_are_deleted(db):
    old = timezone.now() - dt.timedelta(hours=2)
    RateCounter.objects.create(key="old", window_start=old, expires_at=old + dt.timedelta(minutes=10), count=5)
    assert ratelimit.allow("new", limit=1, window_seconds=600)
    assert not RateCounter.objects.filter(key="old").exists()
    assert RateCounter.objects.get(key="new").count == 1


def test_a_new_window_starts_a_new_count(db, monkeypatch):
    start = timezone.now()
    assert ratelimit.allow("k", limit=1, window_seconds=60)
    assert not ratelimit.allow("k", limit=1, window_seconds=60)
    monkeypatch.setattr(ratelimit.timezone, "now", lambda: start + dt.timedelta(seconds=61))
    assert ratelimit.allow("k", limit=1, window_seconds=60)


def test_long_keys_are_hashed_to_fit(db):
    assert ratelimit.allow("x" * 500, limit=1, window_seconds=60)
    assert not ratelimit.allow("x" * 500, limit=1, window_seconds=60)
    assert len(RateCounter.objects.get().key) <= ratelimit.MAX_KEY_LENGTH
