"""Allocating after a match event with the allocation engine. Every run is stored with its input, seed and
result; a confirmed run is never changed, and creates the internships as drafts."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nextwork import allocation
from nextwork.companies.choices import ContactKind
from nextwork.companies.services.companies import contact_add
from nextwork.companies.services.internships import internship_create
from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require

from ..choices import EventStatus
from ..models import AllocationRun, Invitation, Lock, MatchEvent, Placement, Veto, Wish

DRAFT_HOURS = Decimal("20")  # the young person chooses the hours at the three-party meeting
DRAFT_WEEKS = 8
PROMISE_DAYS = 14


def allocation_instance(event: MatchEvent, *, seed: int) -> allocation.Instance:
    """The engine's input: the event's offers (with their places), and each young person who came, with
    their wishes best first and the companies they do not want. Ids are the database ids as text."""
    offers = [allocation.Offer(str(o.pk), str(o.company_id), o.places)
              for o in event.offers.order_by("pk")]
    wishes: dict[int, list[str]] = {}
    for wish in Wish.objects.filter(event=event).order_by("person_id", "rank"):
        wishes.setdefault(wish.person_id, []).append(str(wish.offer_id))
    vetoes: dict[int, list[str]] = {}
    for veto in Veto.objects.filter(event=event).order_by("person_id", "company_id"):
        vetoes.setdefault(veto.person_id, []).append(str(veto.company_id))
    came = Invitation.objects.filter(event=event, attended=True).order_by("person_id").values_list("person_id",
                                                                                                 flat=True)
    locks = {lock.person_id: lock.offer_id for lock in Lock.objects.filter(event=event)}
    # A young person given "no place" by staff is left out; a moved one is fixed to the chosen offer.
    youth = [allocation.Youth(str(pk), tuple(wishes.get(pk, ())), tuple(vetoes.get(pk, ())))
             for pk in came if not (pk in locks and locks[pk] is None)]
    fixed = tuple((str(pk), str(offer_id)) for pk, offer_id in sorted(locks.items())
                  if offer_id is not None and pk in set(came))
    return allocation.Instance(offers=tuple(offers), youth=tuple(youth), fixed=fixed, seed=seed)


@transaction.atomic
def allocation_run(*, actor, event: MatchEvent, seed: int | None = None) -> AllocationRun:
    require(actor, "event.allocate")
    event = MatchEvent.objects.select_for_update().get(pk=event.pk)
    if event.status != EventStatus.HELD:
        raise DomainError(_("Allocate after the event has been held and before the allocation is confirmed."),
                          field="seed")
    seed = seed if seed is not None else event.runs.count() + 1
    instance = allocation_instance(event, seed=seed)
    if not instance.youth or not instance.offers:
        raise DomainError(_("Nobody to allocate yet: record who came and their wishes first."), field="seed")
    result = allocation.solve(instance)
    run = AllocationRun.objects.create(event=event, created_by=actor, seed=seed, instance=instance.to_json(),
                                       result=result.to_json())
    audit.record(actor=actor, action="create", object_type="allocation_run", object_id=run.pk,
                 municipality_id=event.municipality_id,
                 summary=f"event {event.pk}: {len(result.placements)} placed, seed {seed}")
    return run


def _draft_internship(*, actor, person, offer, start, wished_on, youth_note=""):
    """The placement as a draft internship under the usual rules; where a rule stops it (e.g. the 37 hours
    with another internship), the placement stands and the note says what the team must settle by hand."""
    course = person.courses.exclude(status="ended").order_by("-referred_on", "-pk").first()
    if course is None:
        return None, _("The young person has no open course.")
    try:
        with transaction.atomic():
            return internship_create(
                actor=actor, course=course, company=offer.company, offer=offer, start_on=start,
                planned_end_on=start + dt.timedelta(weeks=DRAFT_WEEKS), hours_per_week=DRAFT_HOURS,
                kind=offer.kind, wished_on=wished_on, youth_note=youth_note), ""
    except DomainError as error:
        return None, error.message


def _plan_three_party_meeting(*, actor, internship, event, today) -> None:
    """A follow-up on the company's page, due before the first day: the three-party meeting comes first. The
    note names no young person (the internship does)."""
    due = max(today, internship.start_on - dt.timedelta(days=2))
    with translation.override(settings.LANGUAGE_CODE):
        note = _("A young person was placed here at the match event on %(date)s: plan the three-party meeting "
                 "before the first day, %(start)s (see the internship).") % {
            "date": event.held_on.strftime("%d.%m.%Y"), "start": internship.start_on.strftime("%d.%m.%Y")}
    contact_add(actor=actor, company=internship.company, kind=ContactKind.MEETING, occurred_on=today, note=note,
                next_follow_up_on=due, today=today)


@transaction.atomic
def allocation_confirm(*, actor, run: AllocationRun, today: dt.date | None = None) -> list[Placement]:
    """Confirms the run: placements are recorded, each becomes a draft internship with its first day within
    the 14-day promise counted from the wish at the event, and the event is closed for new runs."""
    require(actor, "event.allocate")
    today = today or dt.date.today()
    event = MatchEvent.objects.select_for_update().get(pk=run.event_id)
    if event.status != EventStatus.HELD or run.confirmed_at is not None:
        raise DomainError(_("This event's allocation is already confirmed; a change is a new decision."),
                          field="run")
    if run.pk != event.runs.order_by("-created_at", "-pk").values_list("pk", flat=True).first():
        raise DomainError(_("Confirm the newest run; an older one may not show the latest wishes."), field="run")
    invitations = list(Invitation.objects.filter(event=event).select_related("person"))
    people = {inv.person_id: inv.person for inv in invitations}
    about_me = {inv.person_id: inv.about_me for inv in invitations}
    offers = {o.pk: o for o in event.offers.select_related("company")}
    start = max(event.held_on + dt.timedelta(days=PROMISE_DAYS // 2), today + dt.timedelta(days=3))
    placements = []
    for row in run.result["placements"]:
        person, offer = people[int(row["youth"])], offers[int(row["offer"])]
        internship, note = _draft_internship(actor=actor, person=person, offer=offer, start=start,
                                             wished_on=min(event.held_on, today),
                                             youth_note=about_me.get(person.pk, ""))
        placements.append(Placement.objects.create(run=run, person=person, offer=offer, rank=row["rank"],
                                                   internship=internship, note=note))
        if internship is not None:
            _plan_three_party_meeting(actor=actor, internship=internship, event=event, today=today)
    wished = {y["id"] for y in run.instance["youth"] if y["wishes"]}
    ranks = [p.rank for p in placements if p.rank is not None]
    run.confirmed_at, run.confirmed_by = timezone.now(), actor
    run.first_wish_share = sum(r == 1 for r in ranks) / len(wished) if wished else None
    run.top3_share = sum(r <= 3 for r in ranks) / len(wished) if wished else None
    run.save(update_fields=["confirmed_at", "confirmed_by", "first_wish_share", "top3_share"])
    event.status = EventStatus.ALLOCATED
    event.save(update_fields=["status"])
    audit.record(actor=actor, action="change", object_type="allocation_run", object_id=run.pk,
                 municipality_id=event.municipality_id, summary=f"confirmed: {len(placements)} placements")
    return placements


@transaction.atomic
def allocation_move(*, actor, event: MatchEvent, person, offer, reason: str) -> Lock:
    """Staff move a young person to another offer of the event (or give them no place) for a recorded
    reason; the move is kept fixed when the engine runs again on the rest. `offer` None means no place."""
    require(actor, "event.allocate")
    event = MatchEvent.objects.select_for_update().get(pk=event.pk)
    if event.status != EventStatus.HELD:
        raise DomainError(_("Moves are made after the event and before the allocation is confirmed."),
                          field="offer")
    reason = " ".join((reason or "").split())
    if not reason or len(reason) > 500 or "\x00" in reason:
        raise DomainError(_("Give the reason for the move (at most 500 characters)."), field="reason")
    if not Invitation.objects.filter(event=event, person=person, attended=True).exists():
        raise DomainError(_("Only young people who came to the event can be placed."), field="offer")
    if offer is not None:
        if not event.offers.filter(pk=offer.pk).exists():
            raise DomainError(_("Choose one of the offers at the event."), field="offer")
        if offer.company_id in set(Veto.objects.filter(event=event, person=person).values_list("company_id",
                                                                                           flat=True)):
            raise DomainError(_("The young person said no to this company."), field="offer")
        taken = Lock.objects.filter(event=event, offer=offer).exclude(person=person).count()
        if taken >= offer.places:
            raise DomainError(_("The offer's places are already given to others by hand."), field="offer")
    wishes = list(Wish.objects.filter(event=event, person=person).order_by("rank").values_list("offer_id", flat=True))
    latest = event.runs.order_by("-created_at", "-pk").first()
    engine_rank = None
    if latest is not None:
        engine_rank = next((p["rank"] for p in latest.result.get("placements", [])
                            if p["youth"] == str(person.pk)), None)
    lock, _created = Lock.objects.update_or_create(event=event, person=person, defaults={
        "offer": offer, "reason": reason, "created_by": actor, "engine_rank": engine_rank,
        "rank": wishes.index(offer.pk) + 1 if offer is not None and offer.pk in wishes else None})
    audit.record(actor=actor, action="change", object_type="match_event", object_id=event.pk,
                 municipality_id=event.municipality_id,
                 summary=f"moved young person {person.pk} to offer {offer.pk if offer else '-'}: {reason}"[:300])
    return lock


@transaction.atomic
def allocation_unlock(*, actor, event: MatchEvent, person) -> None:
    require(actor, "event.allocate")
    if event.status != EventStatus.HELD:
        raise DomainError(_("The allocation is confirmed; a change is a new decision."), field="offer")
    deleted, _rows = Lock.objects.filter(event=event, person=person).delete()
    if deleted:
        audit.record(actor=actor, action="change", object_type="match_event", object_id=event.pk,
                     municipality_id=event.municipality_id, summary=f"move of young person {person.pk} undone")
