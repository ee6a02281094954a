"""The events app's part of merging two records of one young person: invitations, wishes, vetoes and
placements move to the kept record."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nextwork.core.errors import DomainError
from nextwork.core.merge import MergeStep

from ..models import Invitation, Lock, Placement, Veto, Wish


def _check(*, keep, duplicate) -> None:
    shared = (Invitation.objects.filter(person=keep)
              .filter(event__in=Invitation.objects.filter(person=duplicate).values("event"))
              .select_related("event").first())
    if shared is not None:
        raise DomainError(_("Both records are invited to the match event on %(date)s. Take one of them off the "
                            "event first.") % {"date": shared.event.held_on.strftime("%d.%m.%Y")}, field="duplicate")


def _preview(*, keep, duplicate) -> list[str]:
    count = Invitation.objects.filter(person=duplicate).count()
    if not count:
        return []
    return [ngettext("%(count)d match event with its wishes and placement",
                     "%(count)d match events with their wishes and placements", count) % {"count": count}]


def _reassign(*, keep, duplicate) -> int:
    moved = Invitation.objects.filter(person=duplicate).update(person=keep)
    for model in (Wish, Veto, Placement, Lock):
        model.objects.filter(person=duplicate).update(person=keep)
    return moved


EVENTS = MergeStep(name="match events", covers=(("events.Invitation", "person"), ("events.Wish", "person"),
                                               ("events.Veto", "person"), ("events.Placement", "person"),
                                               ("events.Lock", "person")),
                   preview=_preview, reassign=_reassign, check=_check)
