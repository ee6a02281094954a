"""A place between events: a company that offers a place does not have to wait a month. The place is shown
on the own page of the young people whose wishes match its trade; those who want it say so from their
phone, and the team allocates among them with the same engine and the same record."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nextwork.companies import trades
from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require
from nextwork.people.models import YoungPerson

from ..choices import EventKind, EventStatus
from ..models import Invitation, MatchEvent

ANSWER_DAYS = 5


def matching_people(offer) -> list[YoungPerson]:
    """Young people with an open course whose own words about their dream trades name the offer's trade."""
    group = (offer.occupation_code or "")[:3]
    people = (YoungPerson.objects.filter(municipality_id=offer.company.municipality_id, merged_into=None,
                                         courses__status__in=["referred", "active", "paused"])
              .exclude(dream_trades="").distinct().defer("cpr").order_by("first_name", "last_name", "pk"))
    return [person for person in people
            if any(group in trades.groups_for(wish) for wish in trades.wishes_in(person.dream_trades))]


@transaction.atomic
def place_between_events(*, actor, offer, today: dt.date | None = None) -> MatchEvent:
    require(actor, "event.manage")
    today = today or dt.date.today()
    if offer.company.municipality_id != actor.municipality_id or not offer.is_open:
        raise DomainError(_("Choose an open offer of your own municipality's companies."), field="offer")
    people = matching_people(offer)
    if not people:
        raise DomainError(_("No young person's wishes match this trade yet."), field="offer")
    deadline = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=ANSWER_DAYS), dt.time(23, 59)))
    event = MatchEvent.objects.create(
        municipality_id=actor.municipality_id, kind=EventKind.BETWEEN, held_on=today, starts_at=dt.time(0, 0),
        place=offer.company.name, status=EventStatus.HELD, wish_deadline=deadline, max_wishes=1)
    event.offers.set([offer])
    Invitation.objects.bulk_create(Invitation(event=event, person=person, attended=True) for person in people)
    audit.record(actor=actor, action="create", object_type="match_event", object_id=event.pk,
                 municipality_id=event.municipality_id,
                 summary=f"place between events: offer {offer.pk}, shown to {len(people)} young people")
    return event
