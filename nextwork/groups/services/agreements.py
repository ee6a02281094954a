"""The group's own agreement (how phones are used, how we talk to each other), written with the group.
Each save keeps the earlier text as a version; "we revisited it" records the day without changing the text."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError

from ..models import GroupAgreement, GroupAgreementVersion, NetworkGroup

MAX_LENGTH = 4000


@transaction.atomic
def group_agreement_save(*, actor, group: NetworkGroup, text: str) -> GroupAgreement:
    text = "\n".join(line.rstrip() for line in (text or "").strip().splitlines())
    if not text:
        raise DomainError(_("Write what the group agreed."), field="text")
    if len(text) > MAX_LENGTH:
        raise DomainError(_("Keep the agreement under %(count)s characters.") % {"count": MAX_LENGTH}, field="text")
    # Lock the group row: two facilitators saving at once both get a version, one after the other.
    NetworkGroup.objects.select_for_update().filter(pk=group.pk).first()
    now = timezone.now()
    agreement = GroupAgreement.objects.filter(group=group).first()
    if agreement is not None and agreement.text == text:
        return agreement
    if agreement is None:
        agreement = GroupAgreement.objects.create(group=group, text=text, updated_at=now, updated_by=actor)
    else:
        agreement.text, agreement.updated_at, agreement.updated_by = text, now, actor
        agreement.save(update_fields=["text", "updated_at", "updated_by"])
    GroupAgreementVersion.objects.create(agreement=agreement, text=text, saved_at=now, saved_by=actor)
    audit.record_change(actor=actor, object_type="group_agreement", object_id=group.pk,
                        municipality_id=group.municipality_id, changes={"text": None})
    return agreement


@transaction.atomic
def group_agreement_revisited(*, actor, group: NetworkGroup, on: dt.date) -> GroupAgreement:
    """The group went through its agreement again (after newcomers joined) and kept it as it is."""
    agreement = GroupAgreement.objects.select_for_update().filter(group=group).first()
    if agreement is None:
        raise DomainError(_("The group has no agreement yet. Write it first."), field="text")
    before = agreement.revisited_on
    agreement.revisited_on, agreement.revisited_by = on, actor
    agreement.save(update_fields=["revisited_on", "revisited_by"])
    audit.record_change(actor=actor, object_type="group_agreement", object_id=group.pk,
                        municipality_id=group.municipality_id, changes={"revisited_on": (before, on)})
    return agreement
