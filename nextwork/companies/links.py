"""Personal links for company representatives: their key to their own page, without an account. The same
shape as the young people's links (nextwork.groups.services.links): 32 random bytes, only the SHA-256 stored,
a new link revokes the representative's earlier ones, every change audited."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from nextwork.core import audit
from nextwork.core.links import Resolution, new_token, resolve, token_hash
from nextwork.core.permissions import require

from .models import Representative, RepresentativeLink

DEFAULT_VALID_DAYS = 180


__all__ = ["Resolution", "representative_link_create", "representative_link_resolve",
           "representative_link_revoke", "token_hash"]


@transaction.atomic
def representative_link_create(*, actor, representative: Representative, valid_days: int = DEFAULT_VALID_DAYS,
                               ) -> tuple[RepresentativeLink, str]:
    """Returns the link and the token, which is shown once."""
    require(actor, "representative_link.manage")
    if representative.company.municipality_id != actor.municipality_id:
        raise PermissionDenied("another municipality's representative")
    now = timezone.now()
    RepresentativeLink.objects.filter(representative=representative, revoked_at=None).update(revoked_at=now)
    token, hashed = new_token()
    link = RepresentativeLink.objects.create(representative=representative, token_hash=hashed,
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


def representative_link_resolve(token: str) -> Resolution:
    return resolve(RepresentativeLink.objects.select_related("representative__company"), token)
