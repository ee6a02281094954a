"""Personal links: the key to an own page without an account (a young person's, a company representative's).

The token is 32 random bytes (unguessable); only its SHA-256 is stored, so a database leak does not reveal
working links. The apps keep their own link models (each with `token_hash`, `expires_at`, `revoked_at` and
`last_used_at`) and services; this module is what they share."""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

MAX_TOKEN_LENGTH = 100
LAST_USED_EVERY = dt.timedelta(minutes=5)  # how often a link's use is written down, at most


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """The token to hand out (shown once) and the hash to store."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


@dataclass(frozen=True)
class Resolution:
    status: str  # "ok", "expired", "revoked" or "unknown"
    link: Any = None


def resolve(links: QuerySet, token: str) -> Resolution:
    """The link of `links` (a queryset of one app's link model) that the token opens, and whether it may."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return Resolution("unknown")
    link = links.filter(token_hash=token_hash(token)).first()
    if link is None:
        return Resolution("unknown")
    if link.revoked_at is not None:
        return Resolution("revoked", link)
    now = timezone.now()
    if link.expires_at <= now:
        return Resolution("expired", link)
    if link.last_used_at is None or now - link.last_used_at > LAST_USED_EVERY:
        links.model.objects.filter(pk=link.pk).update(last_used_at=now)
    return Resolution("ok", link)
