"""Personal links: a young person's key to their own page, without an account.

The token is 32 random bytes (unguessable); only its SHA-256 is stored (nextwork.core.links). A new link
revokes the person's earlier ones."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from nextwork.core import audit
from nextwork.core.links import Resolution, new_token, resolve, token_hash
from nextwork.people.models import YoungPerson

from ..models import PersonalLink

DEFAULT_VALID_DAYS = 90


__all__ = ["Resolution", "personal_link_create", "personal_link_resolve", "personal_link_revoke", "token_hash"]


@transaction.atomic
def personal_link_create(*, actor, person: YoungPerson, valid_days: int = DEFAULT_VALID_DAYS,
                         ) -> tuple[PersonalLink, str]:
    """Returns the link and the token. The token is shown once; afterwards only a new link can be made."""
    now = timezone.now()
    PersonalLink.objects.filter(person=person, revoked_at=None).update(revoked_at=now)
    token, hashed = new_token()
    link = PersonalLink.objects.create(person=person, token_hash=hashed, created_by=actor,
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


def personal_link_resolve(token: str) -> Resolution:
    return resolve(PersonalLink.objects.select_related("person").filter(person__merged_into__isnull=True), token)
