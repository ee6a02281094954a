"""The groups app's part of merging two records of one young person: memberships and personal links."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nextwork.core.errors import DomainError
from nextwork.core.merge import MergeStep

from ..models import Membership, PersonalLink


def _overlapping(first: Membership, second: Membership) -> bool:
    return ((second.left_on is None or first.joined_on < second.left_on)
            and (first.left_on is None or second.joined_on < first.left_on))


def _memberships_check(*, keep, duplicate) -> None:
    theirs = list(Membership.objects.filter(person=duplicate).select_related("group"))
    for mine in Membership.objects.filter(person=keep).select_related("group"):
        for other in theirs:
            if _overlapping(mine, other):
                raise DomainError(_(
                    "The two records are members of %(first)s and %(second)s at the same time. Take the young "
                    "person out of one of the groups first.") % {"first": mine.group.name,
                                                                 "second": other.group.name},
                    field="duplicate")


def _memberships_preview(*, keep, duplicate) -> list[str]:
    count = Membership.objects.filter(person=duplicate).count()
    if not count:
        return []
    return [ngettext("%(count)d network group membership with its attendance",
                     "%(count)d network group memberships with their attendance", count) % {"count": count}]


def _memberships_reassign(*, keep, duplicate) -> int:
    return Membership.objects.filter(person=duplicate).update(person=keep)


def _active_links(person):
    return PersonalLink.objects.filter(person=person, revoked_at=None, expires_at__gt=timezone.now())


def _links_preview(*, keep, duplicate) -> list[str]:
    count = PersonalLink.objects.filter(person=duplicate).count()
    if not count:
        return []
    lines = [ngettext("%(count)d personal link", "%(count)d personal links", count) % {"count": count}]
    if _active_links(keep).exists() and _active_links(duplicate).exists():
        lines.append(_("The duplicate's active personal link is revoked: the kept record's link stays."))
    return lines


def _links_reassign(*, keep, duplicate) -> int:
    if _active_links(keep).exists():
        _active_links(duplicate).update(revoked_at=timezone.now())
    return PersonalLink.objects.filter(Q(person=duplicate)).update(person=keep)


MEMBERSHIPS = MergeStep(name="group memberships", covers=(("groups.Membership", "person"),),
                        preview=_memberships_preview, reassign=_memberships_reassign, check=_memberships_check)
PERSONAL_LINKS = MergeStep(name="personal links", covers=(("groups.PersonalLink", "person"),),
                           preview=_links_preview, reassign=_links_reassign)
