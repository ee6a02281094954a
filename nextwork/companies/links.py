"""Personal links for company representatives: their key to their own page, without an account. The same
shape as the young people's links (nextwork.groups.services.links): 32 random bytes, only the SHA-256 stored,
a new link revokes the representative's earlier ones, every change audited."""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from nextwork.core import audit
from nextwork.core.permissions import require

from .models import Representative, RepresentativeLink

DEFAULT_VALID_DAYS = 180


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def representative_link_create(*, actor, representative: Representative, valid_days: int = DEFAULT_VALID_DAYS,
                               ) -> tuple[RepresentativeLink, str]:
    """Returns the link and the token, which is shown once."""
    require(actor, "representative_link.manage")
    if representative.company.municipality_id != actor.municipality_id:
        raise PermissionDenied("another municipality's representative")
    now = timezone.now()
    RepresentativeLink.objects.filter(representative=representative, revoked_at=None).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    link = RepresentativeLink.objects.create(representative=representative, token_hash=token_hash(token),
                                             created_by=actor, expires_at=now + dt.timedelta(days=valid_days))
    audit.record(actor=actor, action="create", object_type="representative_link", object_id=link.pk,
                 municipality_id=actor.municipality_id,
                 summary=f"personal link for representative {representative.pk} of company {representative.company_id}")
    return link, token


@transaction.atomic
def representative_link_revoke(*, actor, link: RepresentativeLink) -> RepresentativeLink:
    require(actor, "representative_link.manage")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action="change", object_type="representative_link", object_id=link.pk,
                     municipality_id=actor.municipality_id, summary="revoked")
    return link


@dataclass(frozen=True)
class Resolution:
    status: str  # "ok", "expired", "revoked" or "unknown"
    link: RepresentativeLink | None = None


def representative_link_resolve(token: str) -> Resolution:
    if not token or len(token) > 100:
        return Resolution("unknown")
    link = (RepresentativeLink.objects.select_related("representative__company")
            .filter(token_hash=token_hash(token)).first())
    if link is None:
        return Resolution("unknown")
    if link.revoked_at is not None:
        return Resolution("revoked", link)
    now = timezone.now()
    if link.expires_at <= now:
        return Resolution("expired", link)
    if link.last_used_at is None or now - link.last_used_at > dt.timedelta(minutes=5):
        RepresentativeLink.objects.filter(pk=link.pk).update(last_used_at=now)
    return Resolution("ok", link)
