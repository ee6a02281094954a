"""The young people's wishes after the event: ranked offers, and companies they do not want."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nextwork.core.errors import DomainError

from ..choices import EventStatus
from ..models import Invitation, MatchEvent, Veto, Wish


def wishes_open(event: MatchEvent) -> bool:
    return event.status == EventStatus.HELD and (event.wish_deadline is None or timezone.now() <= event.wish_deadline)


@transaction.atomic
def wishes_set(*, event: MatchEvent, person, offer_ids: list[int], vetoed_company_ids=()) -> list[Wish]:
    """Replaces the young person's wishes, best first. Refused after the deadline, for offers not at the
    event, for more wishes than allowed, or for an offer of a company they do not want."""
    event = MatchEvent.objects.select_for_update().get(pk=event.pk)
    if not wishes_open(event):
        raise DomainError(_("The wishes for this event are closed."), field="wishes")
    if not Invitation.objects.filter(event=event, person=person).exists():
        raise DomainError(_("Only young people invited to the event can wish."), field="wishes")
    offer_ids = [int(pk) for pk in offer_ids]
    if len(offer_ids) != len(set(offer_ids)):
        raise DomainError(_("Choose each offer only once."), field="wishes")
    if len(offer_ids) > event.max_wishes:
        raise DomainError(_("Choose at most %(count)d offers.") % {"count": event.max_wishes}, field="wishes")
    offers = {offer.pk: offer for offer in event.offers.select_related("company").filter(pk__in=offer_ids)}
    if len(offers) != len(offer_ids):
        raise DomainError(_("Choose among the offers at the event."), field="wishes")
    vetoed = {int(pk) for pk in vetoed_company_ids}
    if not vetoed <= set(event.offers.values_list("company_id", flat=True)):
        raise DomainError(_("Choose among the companies at the event."), field="vetoes")
    if any(offers[pk].company_id in vetoed for pk in offer_ids):
        raise DomainError(_("You cannot both wish for a company and say no to it."), field="vetoes")
    Wish.objects.filter(event=event, person=person).delete()
    Veto.objects.filter(event=event, person=person).delete()
    Veto.objects.bulk_create(Veto(event=event, person=person, company_id=pk) for pk in sorted(vetoed))
    return Wish.objects.bulk_create(Wish(event=event, person=person, offer_id=pk, rank=rank)
                                    for rank, pk in enumerate(offer_ids, start=1))
