"""Demo data for match events, called by nextwork.demo.builder after the companies exist.

Per municipality: a match event about three weeks ago with offers of the demo companies, invited young people
with open courses (who answered, who came, what they need), ranked wishes and some vetoes, an allocation run
confirmed three days after the event, its placements and their internships (wished on the event's day; most
started within the 14-day promise, the last one still waiting for its papers); and an event in ten days with
invitations and some answers. The small demo goes through the services (allocation_run and allocation_confirm,
then the internships' papers, meeting and start); the larger scales write the same rows in bulk."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from nextwork import allocation as engine
from nextwork.companies.choices import AgreementStatus, InternshipStatus
from nextwork.companies.models import Internship, Offer
from nextwork.companies.services import internships as internship_services
from nextwork.core.roles import Role
from nextwork.people.choices import CourseStatus

from .choices import EventStatus, Response, Support
from .models import AllocationRun, Invitation, MatchEvent, Placement, Veto, Wish
from .services import allocation, between, events, tableplan

PAST_DAYS_AGO, UPCOMING_IN = 21, 10
FREE_LABOUR_COMPANY = "Lagerhuset Syd ApS"  # the free-labour warning's company brings nothing to the events
ABOUT_ME = (
    "Jeg vil gerne starte med få timer og have en fast kontaktperson.",
    "Jeg har kørekort og kan møde tidligt.",
    "Jeg bliver nervøs i store grupper, men er god med hænderne.",
    "Jeg vil gerne lære faget og måske tage en uddannelse bagefter.",
)
SUPPORT = [Support.NONE] * 6 + [Support.WITH_CONSULTANT, Support.QUIET_TABLE, Support.BUDDY, Support.ONE_TO_ONE]


def build(context) -> None:
    """`context` is a nextwork.demo.builder.DemoContext."""
    small = context.scale_name == "small"
    size = {"small": (9, 8), "municipality": (24, 16)}.get(context.scale_name, (8, 6))
    for item in context.municipalities:
        _build_municipality(context, item, invited=size, through_services=small)


def _build_municipality(context, item, *, invited: tuple[int, int], through_services: bool) -> None:
    rng, today, municipality = context.random, context.today, item.municipality
    actor = (item.team.get(str(Role.YOUTH_CONSULTANT)) or item.team["consultants"])[0]
    offers = list(Offer.objects.filter(company__municipality=municipality, is_open=True)
                  .exclude(company__name=FREE_LABOUR_COMPANY).select_related("company").order_by("pk"))
    if len(offers) < 3:
        return
    held_on = today - dt.timedelta(days=PAST_DAYS_AGO)
    busy = set(Internship.objects.filter(municipality=municipality).exclude(status=InternshipStatus.ENDED)
               .values_list("course_id", flat=True))
    # Past event: active courses referred before it, with no internship going on (one at a time).
    past_courses = [c for c in item.courses if c.status == CourseStatus.ACTIVE and c.pk not in busy
                    and c.referred_on < held_on]
    past_courses = rng.sample(past_courses, min(invited[0], len(past_courses)))
    past_offers = rng.sample(offers, min(8, len(offers)))
    if through_services:
        _past_event_through_services(rng, actor, held_on, past_offers, past_courses)
    else:
        _past_event_in_bulk(rng, actor, municipality, held_on, past_offers, past_courses)
    chosen = {c.pk for c in past_courses}
    # Upcoming event: open courses not at the last one, those without an internship going on first.
    upcoming_courses = [c for c in item.courses if c.status != CourseStatus.ENDED and c.pk not in chosen]
    upcoming_courses.sort(key=lambda c: c.pk in busy)
    upcoming_courses = upcoming_courses[:invited[1]]
    _upcoming_event(rng, municipality, today + dt.timedelta(days=UPCOMING_IN), rng.sample(offers, min(6, len(offers))),
                    upcoming_courses)
    if through_services:
        _place_between_events(actor, offers)


def _place_between_events(actor, offers) -> None:
    """A company's place offered between events, shown to the young people whose wishes match its trade."""
    for offer in offers:
        if between.matching_people(offer):
            between.place_between_events(actor=actor, offer=offer)
            return


def _event(municipality, held_on, *, status, place, max_wishes=3) -> MatchEvent:
    deadline = None
    if status != EventStatus.PLANNED:
        deadline = timezone.make_aware(dt.datetime.combine(held_on + dt.timedelta(days=2), dt.time(23, 59)))
    return MatchEvent(municipality=municipality, held_on=held_on, starts_at=dt.time(13, 0), place=place,
                      status=status, wish_deadline=deadline, max_wishes=max_wishes)


def _invitations(rng, event, courses, *, held: bool) -> list[Invitation]:
    """Most answer that they come; of those, all but one came. About one in five needs an arrangement."""
    rows = []
    for index, course in enumerate(courses):
        if held:
            response = Response.CONFIRMED if index % 6 != 5 else Response.DECLINED
        else:  # some have not answered yet
            response = (Response.CONFIRMED, Response.INVITED, Response.CONFIRMED, Response.DECLINED)[index % 4]
        attended = None
        if held:
            attended = response == Response.CONFIRMED and index != 1  # one said yes and did not come
        rows.append(Invitation(event=event, person_id=course.person_id, response=response, attended=attended,
                               support=rng.choice(SUPPORT),
                               about_me=rng.choice(ABOUT_ME) if rng.random() < 0.4 else ""))
    return rows


def _wishes_and_vetoes(rng, event, people, offers) -> tuple[list[Wish], list[Veto]]:
    """Ranked wishes (one to max_wishes, popular first choices so the engine has something to decide) and, for
    about one in four (always the second), a company they do not want that they did not wish for."""
    wishes, vetoes = [], []
    weights = [len(offers) - i for i in range(len(offers))]
    for index, person_id in enumerate(people):
        count = rng.randint(1, event.max_wishes)
        chosen: list = []
        while len(chosen) < count:
            offer = rng.choices(offers, weights=weights)[0]
            if offer not in chosen:
                chosen.append(offer)
        wishes += [Wish(event=event, person_id=person_id, offer=offer, rank=rank)
                   for rank, offer in enumerate(chosen, start=1)]
        wished_companies = {offer.company_id for offer in chosen}
        others = sorted({offer.company_id for offer in offers} - wished_companies)
        # The second young person always says no to one company, so every demo shows a veto.
        if others and (index == 1 or rng.random() < 0.25):
            vetoes.append(Veto(event=event, person_id=person_id, company_id=rng.choice(others)))
    return wishes, vetoes


def _past_event_through_services(rng, actor, held_on, offers, courses) -> None:
    """The small demo: the services the staff use, with the dates they would have been used on."""
    event = events.event_create(actor=actor, held_on=held_on, starts_at=dt.time(13, 0), offers=offers,
                                place="Ungehuset, mødesalen")
    events.event_invite(actor=actor, event=event, people=[c.person for c in courses])
    invitations = _invitations(rng, event, courses, held=True)
    by_person = {inv.person_id: inv for inv in event.invitations.all()}
    for row in invitations:
        invitation = by_person[row.person_id]
        invitation.response, invitation.support, invitation.about_me = row.response, row.support, row.about_me
    Invitation.objects.bulk_update(by_person.values(), ["response", "support", "about_me"])
    # The table plan the team printed for the day: the young people coming, four rounds.
    coming = sum(r.response != "declined" for r in invitations)
    seats = max(2, -(-coming // max(len({o.company_id for o in offers}), 1)))
    tableplan.table_plan_make(actor=actor, event=event, rounds=4, seats=min(seats, 12))
    events.event_record_attendance(actor=actor, event=event,
                                   came_ids=[by_person[r.person_id].pk for r in invitations if r.attended])
    event.refresh_from_db()
    # The wishes were made on the young people's phones before the deadline, long gone now: written as rows.
    wishes, vetoes = _wishes_and_vetoes(rng, event, [r.person_id for r in invitations if r.attended], offers)
    Wish.objects.bulk_create(wishes)
    Veto.objects.bulk_create(vetoes)
    run = allocation.allocation_run(actor=actor, event=event, seed=rng.randrange(1, 10_000))
    confirmed_on = held_on + dt.timedelta(days=3)
    placements = allocation.allocation_confirm(actor=actor, run=run, today=confirmed_on)
    run.refresh_from_db()
    run.confirmed_at = timezone.make_aware(dt.datetime.combine(confirmed_on, dt.time(10, 30)))
    run.save(update_fields=["confirmed_at"])
    drafts = [p.internship for p in placements if p.internship is not None]
    for number, internship in enumerate(drafts):
        internship_services.internship_agreement(actor=actor, internship=internship, status=AgreementStatus.SIGNED,
                                                 on=held_on + dt.timedelta(days=4))
        if number == len(drafts) - 1:
            break  # the last one is still waiting for the insurance: something for the team to chase
        internship_services.internship_agreement(actor=actor, internship=internship,
                                                 status=AgreementStatus.INSURED, on=held_on + dt.timedelta(days=5))
        internship_services.internship_meeting(actor=actor, internship=internship, on=held_on + dt.timedelta(days=6))
        internship_services.internship_start(actor=actor, internship=internship, on=held_on + dt.timedelta(days=7))


def _past_event_in_bulk(rng, actor, municipality, held_on, offers, courses) -> None:
    """The larger scales: the same rows without the services' per-row queries and audit rows."""
    event = _event(municipality, held_on, status=EventStatus.ALLOCATED, place="Jobcentret, kantinen")
    event.save()
    event.offers.set(offers)
    invitations = _invitations(rng, event, courses, held=True)
    Invitation.objects.bulk_create(invitations)
    came = sorted(r.person_id for r in invitations if r.attended)
    wishes, vetoes = _wishes_and_vetoes(rng, event, came, offers)
    Wish.objects.bulk_create(wishes)
    Veto.objects.bulk_create(vetoes)
    seed = rng.randrange(1, 10_000)
    instance = allocation.allocation_instance(event, seed=seed)
    result = engine.solve(instance)
    confirmed_on = held_on + dt.timedelta(days=3)
    run = AllocationRun.objects.create(
        event=event, created_by=actor, seed=seed, instance=instance.to_json(), result=result.to_json(),
        confirmed_at=timezone.make_aware(dt.datetime.combine(confirmed_on, dt.time(10, 30))), confirmed_by=actor)
    course_of = {c.person_id: c for c in courses}
    offer_of = {o.pk: o for o in offers}
    start = held_on + dt.timedelta(days=7)
    internships, placements = [], []
    for row in result.placements:
        course, offer = course_of[int(row.youth)], offer_of[int(row.offer)]
        internship = Internship(
            municipality=municipality, course=course, company=offer.company, offer=offer, function=offer.function,
            wished_on=held_on, start_on=start, planned_end_on=start + dt.timedelta(weeks=allocation.DRAFT_WEEKS),
            hours_per_week=Decimal(allocation.DRAFT_HOURS), kind=offer.kind, status=InternshipStatus.ACTIVE,
            agreement_status=AgreementStatus.INSURED, agreement_signed_on=held_on + dt.timedelta(days=4),
            insurance_confirmed_on=held_on + dt.timedelta(days=5), meeting_on=held_on + dt.timedelta(days=6))
        internships.append(internship)
        placements.append(Placement(run=run, person_id=course.person_id, offer=offer, rank=row.rank,
                                    internship=internship))
    Internship.objects.bulk_create(internships)
    for placement in placements:
        placement.internship_id = placement.internship.pk
    Placement.objects.bulk_create(placements)
    wished = [y for y in instance.youth if y.wishes]
    ranks = [p.rank for p in placements if p.rank is not None]
    if wished:
        run.first_wish_share = sum(r == 1 for r in ranks) / len(wished)
        run.top3_share = sum(r <= 3 for r in ranks) / len(wished)
        run.save(update_fields=["first_wish_share", "top3_share"])


def _upcoming_event(rng, municipality, held_on, offers, courses) -> None:
    event = _event(municipality, held_on, status=EventStatus.PLANNED, place="Ungehuset, mødesalen")
    event.save()
    event.offers.set(offers)
    Invitation.objects.bulk_create(_invitations(rng, event, courses, held=False))
