"""Personal links: a young person's key to their own page, without an account.

The token is 32 random bytes (unguessable); only its SHA-256 is stored, so a database leak does not reveal
working links. A new link revokes the person's earlier ones."""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from nextwork.core import audit
from nextwork.people.models import YoungPerson

from ..models import PersonalLink

DEFAULT_VALID_DAYS = 90


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def personal_link_create(*, actor, person: YoungPerson, valid_days: int = DEFAULT_VALID_DAYS,
                         ) -> tuple[PersonalLink, str]:
    """Returns the link and the token. The token is shown once; afterwards only a new link can be made."""
    now = timezone.now()
    PersonalLink.objects.filter(person=person, revoked_at=None).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    link = PersonalLink.objects.create(person=person, token_hash=token_hash(token), created_by=actor,
                                       expires_at=now + dt.timedelta(days=valid_days))
    audit.record(actor=actor, action="create", object_type="personal_link", object_id=link.pk,
                 municipality_id=person.municipality_id, summary=f"personal link for young person {person.pk}")
    return link, token


@transaction.atomic
def personal_link_revoke(*, actor, link: PersonalLink) -> PersonalLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action="change", object_type="personal_link", object_id=link.pk,
                     municipality_id=link.person.municipality_id, summary="revoked")
    return link


@dataclass(frozen=True)
class Resolution:
    status: str  # "ok", "expired", "revoked" or "unknown"
    link: PersonalLink | None = None


def personal_link_resolve(token: str) -> Resolution:
    if not token or len(token) > 100:
        return Resolution("unknown")
    link = (PersonalLink.objects.select_related("person")
            .filter(token_hash=token_hash(token), person__merged_into__isnull=True).first())
    if link is None:
        return Resolution("unknown")
    if link.revoked_at is not None:
        return Resolution("revoked", link)
    now = timezone.now()
    if link.expires_at <= now:
        return Resolution("expired", link)
    if link.last_used_at is None or now - link.last_used_at > dt.timedelta(minutes=5):
        PersonalLink.objects.filter(pk=link.pk).update(last_used_at=now)
    return Resolution("ok", link)
