"""Planning a match event: date, place, the offers the companies bring, the young people invited."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require

from ..choices import EventStatus, Response
from ..models import Invitation, MatchEvent

MAX_WISHES_LIMIT = 10


@transaction.atomic
def event_create(*, actor, held_on: dt.date, starts_at: dt.time, place: str, offers=(), max_wishes: int = 3,
                 wish_deadline: dt.datetime | None = None) -> MatchEvent:
    require(actor, "event.manage")
    place = " ".join(place.split())
    if not place or "\x00" in place or len(place) > 200:
        raise DomainError(_("Give the place of the event (at most 200 characters)."), field="place")
    if not dt.date(2000, 1, 1) <= held_on <= dt.date.today() + dt.timedelta(days=550):
        raise DomainError(_("Choose a date at most 18 months ahead."), field="held_on")
    if not 1 <= max_wishes <= MAX_WISHES_LIMIT:
        raise DomainError(_("Allow between 1 and %(max)d wishes.") % {"max": MAX_WISHES_LIMIT}, field="max_wishes")
    if wish_deadline is not None and wish_deadline.date() < held_on:
        raise DomainError(_("The wishes close after the event, not before."), field="wish_deadline")
    event = MatchEvent.objects.create(municipality_id=actor.municipality_id, held_on=held_on,
                                      starts_at=starts_at, place=place, max_wishes=max_wishes,
                                      wish_deadline=wish_deadline)
    event_set_offers(actor=actor, event=event, offers=offers)
    audit.record(actor=actor, action="create", object_type="match_event", object_id=event.pk,
                 municipality_id=event.municipality_id, summary=f"{held_on.isoformat()} {place}")
    return event


@transaction.atomic
def event_set_offers(*, actor, event: MatchEvent, offers) -> MatchEvent:
    require(actor, "event.manage")
    offers = list(offers)
    if any(offer.company.municipality_id != event.municipality_id for offer in offers):
        raise DomainError(_("Choose offers of your own municipality's companies."), field="offers")
    if event.status == EventStatus.ALLOCATED:
        raise DomainError(_("The allocation is confirmed; the offers can no longer change."), field="offers")
    event.offers.set(offers)
    return event


@transaction.atomic
def event_invite(*, actor, event: MatchEvent, people) -> int:
    """Invites the young people (again inviting someone already invited changes nothing)."""
    require(actor, "event.manage")
    people = [p for p in people if p.municipality_id == event.municipality_id and p.merged_into_id is None]
    existing = set(event.invitations.values_list("person_id", flat=True))
    new = [Invitation(event=event, person=person) for person in people if person.pk not in existing]
    Invitation.objects.bulk_create(new)
    if new:
        audit.record(actor=actor, action="change", object_type="match_event", object_id=event.pk,
                     municipality_id=event.municipality_id, summary=f"invited {len(new)} young people")
    return len(new)


MAX_REQUESTS = 3


def invitation_request_companies(*, invitation: Invitation, company_ids) -> Invitation:
    """The young person asks to meet these companies at the event (at most three); the table plan seats
    them at those tables first."""
    company_ids = sorted({int(pk) for pk in company_ids})
    if len(company_ids) > MAX_REQUESTS:
        raise DomainError(_("Choose at most %(count)d companies.") % {"count": MAX_REQUESTS}, field="requests")
    at_event = set(invitation.event.offers.values_list("company_id", flat=True))
    if not set(company_ids) <= at_event:
        raise DomainError(_("Choose among the companies at the event."), field="requests")
    if invitation.event.status != EventStatus.PLANNED:
        raise DomainError(_("Companies to meet are chosen before the event."), field="requests")
    invitation.requested_companies = company_ids
    invitation.save(update_fields=["requested_companies"])
    return invitation


def invitation_arrange(*, actor, invitation: Invitation, response: str, support: str,
                       buddy_name: str = "") -> Invitation:
    """A consultant records the answer and what the young person needs to come (e.g. a quiet table)."""
    from ..choices import Support

    require(actor, "event.manage")
    if support not in Support.values:
        raise DomainError(_("Choose an arrangement from the list."), field="support")
    invitation_respond(invitation=invitation, response=response)
    buddy_name = " ".join((buddy_name or "").split())
    if len(buddy_name) > 100 or "\x00" in buddy_name:
        raise DomainError(_("Write the buddy's name (at most 100 characters)."), field="buddy_name")
    invitation.support, invitation.buddy_name = support, buddy_name
    invitation.save(update_fields=["support", "buddy_name"])
    return invitation


def placement_phoned(*, actor, placement, on) -> None:
    """The company representative has phoned the young person (the next step after the allocation)."""
    require(actor, "event.manage")
    if on > dt.date.today() or on < placement.run.event.held_on:
        raise DomainError(_("Choose a date between the event and today."), field="on")
    placement.representative_called_on = on
    placement.save(update_fields=["representative_called_on"])
    audit.record_change(actor=actor, object_type="match_event", object_id=placement.run.event_id,
                        municipality_id=placement.run.event.municipality_id,
                        changes={f"placement {placement.pk} phoned": ("", on)})


def invitation_respond(*, invitation: Invitation, response: str, about_me: str | None = None) -> Invitation:
    """The young person's own answer (from their page) or a consultant's on their behalf."""
    if response not in Response.values:
        raise DomainError(_("Choose whether you are coming."), field="response")
    invitation.response = response
    fields = ["response"]
    if about_me is not None:
        about_me = about_me.strip()
        if len(about_me) > 1000 or "\x00" in about_me:
            raise DomainError(_("Write at most 1,000 characters."), field="about_me")
        invitation.about_me = about_me
        fields.append("about_me")
    invitation.save(update_fields=fields)
    return invitation


@transaction.atomic
def event_record_attendance(*, actor, event: MatchEvent, came_ids) -> MatchEvent:
    """After the event: who came. The event is then held and the wishes open until the deadline."""
    require(actor, "event.manage")
    if event.held_on > dt.date.today():
        raise DomainError(_("Attendance can be recorded on or after the day of the event."), field="attended")
    came = {int(pk) for pk in came_ids}
    for invitation in event.invitations.select_for_update():
        attended = invitation.pk in came
        if invitation.attended != attended:
            invitation.attended = attended
            invitation.save(update_fields=["attended"])
    if event.status == EventStatus.PLANNED:
        event.status = EventStatus.HELD
        if event.wish_deadline is None:
            event.wish_deadline = timezone.make_aware(
                dt.datetime.combine(event.held_on + dt.timedelta(days=2), dt.time(23, 59)))
        event.save(update_fields=["status", "wish_deadline"])
    audit.record(actor=actor, action="change", object_type="match_event", object_id=event.pk,
                 municipality_id=event.municipality_id, summary=f"attendance: {len(came)} came")
    return event


def invitation_host(*, invitation: Invitation, role: str) -> Invitation:
    """The young person volunteers for a hosting task from their own page (or takes it back)."""
    from ..choices import HostRole

    if role not in HostRole.values:
        raise DomainError(_("Choose a task from the list."), field="host_role")
    if invitation.event.status != EventStatus.PLANNED or invitation.response == Response.DECLINED:
        raise DomainError(_("Hosting tasks are for coming events you are coming to."), field="host_role")
    invitation.host_role = role
    invitation.save(update_fields=["host_role"])
    return invitation


def event_content_save(*, actor, game_rules: str, conversation_cards: str):
    from ..models import EventContent

    require(actor, "event.manage")
    for text in (game_rules, conversation_cards):
        if "\x00" in text:
            raise DomainError(_("The text cannot contain NUL characters."), field="game_rules")
    content, _created = EventContent.objects.update_or_create(
        municipality_id=actor.municipality_id,
        defaults={"game_rules": game_rules.strip()[:5000], "conversation_cards": conversation_cards.strip()[:10000]})
    return content
