"""Adding, moving and taking out members. Under simultaneous requests the rules hold because the service
locks the young person's row and then the group's row before it checks anything (always in that order), and
the database refuses a second current membership (constraint one_current_group_per_person) as a backstop."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.people.models import YoungPerson

from ..choices import LeaveReason
from ..models import Membership, NetworkGroup


def active_member_count(group: NetworkGroup, on: dt.date) -> int:
    return Membership.objects.filter(group=group, joined_on__lte=on).exclude(left_on__lte=on).count()


def _lock(person: YoungPerson, group: NetworkGroup) -> None:
    """The person first, then the group: two requests for one young person wait for each other, and so do two
    requests for one group, which then count the members one after the other."""
    list(YoungPerson.objects.select_for_update().filter(pk=person.pk).values_list("pk", flat=True))
    group.refresh_from_db(from_queryset=NetworkGroup.objects.select_for_update())


def _audit(actor, membership: Membership, summary: str) -> None:
    audit.record(actor=actor, action="change", object_type="young_person", object_id=membership.person_id,
                 municipality_id=membership.group.municipality_id, summary=summary)


@transaction.atomic
def membership_add(*, actor, group: NetworkGroup, person: YoungPerson, joined_on: dt.date,
                   share_first_name: bool = False) -> Membership:
    if person.municipality_id != group.municipality_id:
        raise DomainError(_("The young person belongs to another municipality."), field="person")
    _lock(person, group)
    if group.active_until and joined_on > group.active_until:
        raise DomainError(_("The group is not active on that date."), field="joined_on")
    if Membership.objects.filter(person=person).filter(left_on__isnull=True).exists():
        raise DomainError(_("The young person is already in a group: move them instead."), field="person")
    if Membership.objects.filter(person=person, left_on__gt=joined_on).exists():
        raise DomainError(_("The young person was in a group on that date."), field="joined_on")
    if active_member_count(group, joined_on) >= group.target_max:
        raise DomainError(_("The group is full (%(size)s members).") % {"size": group.target_max}, field="group")
    membership = Membership(group=group, person=person, joined_on=joined_on, share_first_name=share_first_name,
                            added_by=actor)
    membership.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:  # only if someone wrote around the lock; never a 500
        raise DomainError(_("The young person is already in a group: move them instead."),
                          field="person") from error
    _audit(actor, membership, f"joined group {group.name}")
    return membership


@transaction.atomic
def membership_end(*, actor, membership: Membership, on: dt.date, reason: str = LeaveReason.OTHER) -> Membership:
    membership.refresh_from_db(from_queryset=Membership.objects.select_for_update())
    if membership.left_on is not None:
        raise DomainError(_("The young person has already left this group."), field="left_on")
    if on < membership.joined_on:
        raise DomainError(_("The leaving date cannot be before the joining date."), field="left_on")
    if membership.attendance.filter(session__date__gte=on).exists():
        raise DomainError(_("Attendance is recorded after that date; choose a later date."), field="left_on")
    membership.left_on = on
    membership.leave_reason = reason
    membership.save(update_fields=["left_on", "leave_reason"])
    _audit(actor, membership, f"left group {membership.group.name}")
    return membership


@transaction.atomic
def membership_move(*, actor, membership: Membership, group: NetworkGroup, on: dt.date) -> Membership:
    _lock(membership.person, group)
    membership.refresh_from_db(from_queryset=Membership.objects.select_for_update())
    if group.pk == membership.group_id:
        raise DomainError(_("The young person is already in this group."), field="group")
    membership_end(actor=actor, membership=membership, on=on, reason=LeaveReason.MOVED)
    return membership_add(actor=actor, group=group, person=membership.person, joined_on=on,
                          share_first_name=membership.share_first_name)


@transaction.atomic
def membership_set_sharing(*, membership: Membership, share_first_name: bool) -> Membership:
    """The young person's own choice (from their personal page) or staff on their behalf."""
    membership.share_first_name = share_first_name
    membership.save(update_fields=["share_first_name"])
    return membership
