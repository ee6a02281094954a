"""The events app's part in erasure after the retention period (nextwork/portal/erasure.py): once a young
person is blanked, their invitations lose what they wanted the companies to know and their peer buddy's name,
and the staff's reasons and notes about their place are blanked. Wishes, vetoes and placements stay (offers
and companies, no text): the events' figures still count them."""

from django.db.models import Exists, OuterRef, Q

from nextwork.core.erasure import ErasureStep
from nextwork.people.models import YoungPerson

from .models import Invitation, Lock, Placement


def _invitations(person):
    return Invitation.objects.filter(person=person).filter(~Q(about_me="") | ~Q(buddy_name=""))


def _locks(person):
    return Lock.objects.filter(person=person).exclude(reason="")


def _placements(person):
    return Placement.objects.filter(person=person).exclude(note="")


def _pending():
    person = OuterRef("pk")
    return (YoungPerson.objects.filter(erased_on__isnull=False)
            .filter(Exists(_invitations(person)) | Exists(_locks(person)) | Exists(_placements(person)))
            .values("pk"))


def _erase(person) -> str:
    invitations = _invitations(person).update(about_me="", buddy_name="")
    locks = _locks(person).update(reason="")
    placements = _placements(person).update(note="")
    if not (invitations or locks or placements):
        return ""
    return (f"{invitations} invitations' 'about me' and peer buddy, {locks} reasons for staff decisions and "
            f"{placements} placement notes blanked")


EVENTS = ErasureStep(label="match events",
                     covers=(("events.Invitation", "person"), ("events.Lock", "person"),
                             ("events.Placement", "person")),
                     pending=_pending, erase=_erase)
