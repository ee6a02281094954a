"""The JSON API for match events, with the same permissions, municipal scoping and audit as the pages: plan
an event, invite young people, record who came, set their wishes, run the allocation engine and confirm a
run (which drafts the internships). Every read of young people's names goes through `access.py`."""

import datetime as dt
from typing import Annotated

from django.db import transaction
from django.utils import timezone, translation
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import AfterValidator

from nextwork.companies import access as company_access
from nextwork.core.access import not_found, require_or_refuse
from nextwork.core.api import EARLIEST, LATEST, Day, Id, Pages, Time, text
from nextwork.core.errors import DomainError
from nextwork.people import access as people_access
from nextwork.people.selectors import OPEN_STATUSES

from . import access
from .choices import EventStatus
from .models import Veto
from .services import allocation, between, events, tableplan, wishes
from .services.events import MAX_WISHES_LIMIT

router = Router(tags=["match events"])

MAX_IDS = 1000  # young people or offers in one request


class Error(Schema):
    detail: str


class DomainErrorOut(Schema):
    detail: str
    field: str | None = None


def _bounded(value: dt.datetime) -> dt.datetime:
    if not EARLIEST <= value.date() <= LATEST:
        raise ValueError("Give a moment between 2000 and 2099.")
    return value


Moment = Annotated[dt.datetime, AfterValidator(_bounded),
                   Field(description="YYYY-MM-DDTHH:MM (Danish time unless an offset is given)")]
Ids = Annotated[list[Id], Field(max_length=MAX_IDS)]


class EventFields(Schema):
    id: int
    held_on: dt.date
    starts_at: dt.time
    place: str
    status: EventStatus
    wish_deadline: dt.datetime | None
    max_wishes: int


class EventOut(EventFields):
    offer_ids: list[int]

    @staticmethod
    def resolve_offer_ids(event) -> list[int]:
        return sorted(offer.pk for offer in event.offers.all())


class EventIn(Schema):
    held_on: Day
    starts_at: Time
    place: text(200, min_length=1)
    offer_ids: Ids = []
    max_wishes: int = Field(3, ge=1, le=MAX_WISHES_LIMIT)
    wish_deadline: Moment | None = Field(None, description="Default: two days after the event, 23:59")


class OfferAtEventOut(Schema):
    id: int
    company_id: int
    company_name: str
    function: str
    places: int


class WishOut(Schema):
    rank: int
    offer_id: int


class InvitationOut(Schema):
    person_id: int
    first_name: str
    last_name: str
    response: str = Field(description="invited, confirmed or declined")
    attended: bool | None
    support: str
    about_me: str
    wishes: list[WishOut]
    vetoed_company_ids: list[int]


class RunSummaryOut(Schema):
    id: int
    seed: int
    created_at: dt.datetime
    confirmed_at: dt.datetime | None
    placed: int
    unplaced: int


class EventDetailOut(EventFields):
    offer_ids: list[int]
    wishes_open: bool
    offers: list[OfferAtEventOut]
    invitations: list[InvitationOut]
    runs: list[RunSummaryOut]


class InviteIn(Schema):
    person_ids: Ids = Field(min_length=1, description="Young people of your municipality with an open course")


class InviteOut(Schema):
    invited: int = Field(description="How many were newly invited (someone already invited is left as is)")
    invited_total: int


class AttendanceIn(Schema):
    person_ids: Ids = Field(description="The invited young people who came; everyone else did not")


class WishesIn(Schema):
    offer_ids: Annotated[list[Id], Field(max_length=MAX_WISHES_LIMIT)] = Field(
        description="Offers at the event, best first")
    vetoed_company_ids: Ids = Field([], description="Companies at the event the young person does not want")
    about_me: text(1000) | None = Field(None, description="What the young person wants the company to know; "
                                                          "left as is when absent")


class WishesOut(Schema):
    person_id: int
    wishes: list[WishOut]
    vetoed_company_ids: list[int]
    about_me: str


class RunIn(Schema):
    seed: int | None = Field(None, ge=0, le=2**31 - 1, description="Default: the number of the run")


class PlacementOut(Schema):
    person_id: int
    offer_id: int
    rank: int | None = Field(description="The rank of the wish (1 = first); null for a pair not wished")


class UnplacedOut(Schema):
    person_id: int
    reason: str = Field(description="Why the engine placed them nowhere, in English")
    code: str


class RunOut(Schema):
    id: int
    event_id: int
    seed: int
    created_at: dt.datetime
    confirmed_at: dt.datetime | None
    placements: list[PlacementOut]
    unplaced: list[UnplacedOut]


class ConfirmedPlacementOut(PlacementOut):
    internship_id: int | None
    note: str = Field(description="Why no draft internship was made, if none was")


class ConfirmOut(Schema):
    run: RunOut
    placements: list[ConfirmedPlacementOut]
    internship_ids: list[int]
    first_wish_share: float | None
    top3_share: float | None


COMMON = {401: Error, 403: Error, 404: Error}
CHANGE = {**COMMON, 400: DomainErrorOut, 422: Error}


def _run_out(run) -> dict:
    return {"id": run.pk, "event_id": run.event_id, "seed": run.seed, "created_at": run.created_at,
            "confirmed_at": run.confirmed_at,
            "placements": [{"person_id": int(p["youth"]), "offer_id": int(p["offer"]), "rank": p["rank"]}
                           for p in run.result.get("placements", [])],
            "unplaced": [{"person_id": int(u["youth"]), "reason": u["reason"], "code": u.get("code", "")}
                         for u in run.result.get("unplaced", [])]}


def _event_of(user, event_id, *, action: str):
    return access.access_event_by_id(user, event_id, action=action)


@router.get("/", response={200: list[EventOut], **COMMON, 422: Error},
            summary="The municipality's match events, newest first")
@paginate(Pages, page_size=50)
def list_events(request):
    return access.events_for(request.user).prefetch_related("offers").order_by("-held_on", "-pk")


@router.post("/", response={201: EventOut, **CHANGE},
             summary="Plan a match event with the offers the companies bring")
def create_event(request, payload: EventIn):
    user = request.user
    require_or_refuse(user, "event.manage", object_type="match_event")
    offers = _offers(user, payload.offer_ids)
    deadline = payload.wish_deadline
    if deadline is not None and timezone.is_naive(deadline):
        deadline = timezone.make_aware(deadline)
    with translation.override("en"):
        event = events.event_create(actor=user, held_on=payload.held_on, starts_at=payload.starts_at,
                                    place=payload.place, offers=offers, max_wishes=payload.max_wishes,
                                    wish_deadline=deadline)
    return Status(201, event)


def _offers(user, offer_ids: list[int]) -> list:
    """The offers by id, of the user's municipality's companies; an unknown id is a 404."""
    wanted = list(dict.fromkeys(offer_ids))
    found = {o.pk: o for o in company_access.offers_for(user).select_related("company").filter(pk__in=wanted)}
    for pk in wanted:
        if pk not in found:
            not_found(user, "event.manage", object_type="offer", object_id=pk)
    return [found[pk] for pk in wanted]


@router.get("/{event_id}/", response={200: EventDetailOut, **COMMON, 422: Error},
            summary="An event with its offers, the invited young people (answer, attendance, wishes) and its runs")
def get_event(request, event_id: Id):
    page = access.event_page(request.user, event_id)
    event = page["event"]
    vetoes: dict[int, list[int]] = {}
    for person_id, company_id in Veto.objects.filter(event=event).order_by("company_id").values_list(
            "person_id", "company_id"):
        vetoes.setdefault(person_id, []).append(company_id)
    return {
        **{name: getattr(event, name) for name in ("id", "held_on", "starts_at", "place", "status",
                                                   "wish_deadline", "max_wishes")},
        "offer_ids": sorted(o.pk for o in page["offers"]),
        "wishes_open": wishes.wishes_open(event),
        "offers": [{"id": o.pk, "company_id": o.company_id, "company_name": o.company.name, "function": o.function,
                    "places": o.places} for o in page["offers"]],
        "invitations": [{"person_id": inv.person_id, "first_name": inv.person.first_name,
                         "last_name": inv.person.last_name, "response": inv.response, "attended": inv.attended,
                         "support": inv.support, "about_me": inv.about_me,
                         "wishes": [{"rank": w.rank, "offer_id": w.offer_id} for w in inv.wish_list],
                         "vetoed_company_ids": vetoes.get(inv.person_id, [])}
                        for inv in page["invitations"]],
        "runs": [{"id": run.pk, "seed": run.seed, "created_at": run.created_at, "confirmed_at": run.confirmed_at,
                  "placed": len(run.result.get("placements", [])), "unplaced": len(run.result.get("unplaced", []))}
                 for run in page["runs"]],
    }


@router.post("/{event_id}/invitations/", response={200: InviteOut, **CHANGE},
             summary="Invite young people (ids of your municipality's young people with an open course)")
def invite(request, event_id: Id, payload: InviteIn):
    user = request.user
    event = _event_of(user, event_id, action="event.manage")
    wanted = list(dict.fromkeys(payload.person_ids))
    found = {p.pk: p for p in people_access.young_people_for(user).filter(pk__in=wanted).defer("cpr")}
    for pk in wanted:
        if pk not in found:
            not_found(user, "event.manage", object_type="young_person", object_id=pk)
    with_open_course = set(people_access.young_people_for(user).filter(
        pk__in=wanted, courses__status__in=OPEN_STATUSES).values_list("pk", flat=True))
    without = [pk for pk in wanted if pk not in with_open_course]
    if without:
        raise DomainError(f"Only young people with an open course can be invited (not {without[0]}).",
                          field="person_ids")
    if event.status == EventStatus.ALLOCATED:
        raise DomainError("The allocation is confirmed; nobody more can be invited.", field="person_ids")
    with translation.override("en"):
        count = events.event_invite(actor=user, event=event, people=[found[pk] for pk in wanted])
    return {"invited": count, "invited_total": event.invitations.count()}


@router.post("/{event_id}/attendance/", response={200: EventOut, **CHANGE},
             summary="After the event: who came (the others did not); opens the wishes until the deadline")
def record_attendance(request, event_id: Id, payload: AttendanceIn):
    user = request.user
    event = _event_of(user, event_id, action="event.manage")
    invitation_of = dict(event.invitations.values_list("person_id", "pk"))
    for pk in payload.person_ids:
        if pk not in invitation_of:
            not_found(user, "event.manage", object_type="young_person", object_id=pk)
    with translation.override("en"):
        event = events.event_record_attendance(actor=user, event=event,
                                               came_ids=[invitation_of[pk] for pk in payload.person_ids])
    return event


@router.put("/{event_id}/wishes/{person_id}/", response={200: WishesOut, **CHANGE},
            summary="Set a young person's wishes: ranked offers, companies they do not want, what they want the "
                    "company to know (the same rules as on their own phone: deadline, limit, vetoes)")
def set_wishes(request, event_id: Id, person_id: Id, payload: WishesIn):
    user = request.user
    event = _event_of(user, event_id, action="event.manage")
    invitation = access.access_invitation(user, event, person_id)
    with translation.override("en"), transaction.atomic():  # wishes and about_me: all or nothing
        found = wishes.wishes_set(event=event, person=invitation.person, offer_ids=payload.offer_ids,
                                  vetoed_company_ids=payload.vetoed_company_ids)
        if payload.about_me is not None:
            events.invitation_respond(invitation=invitation, response=invitation.response,
                                      about_me=payload.about_me)
    return {"person_id": invitation.person_id, "wishes": [{"rank": w.rank, "offer_id": w.offer_id} for w in found],
            "vetoed_company_ids": sorted(set(payload.vetoed_company_ids)), "about_me": invitation.about_me}


@router.post("/{event_id}/runs/", response={201: RunOut, **CHANGE},
             summary="Run the allocation engine on the wishes of those who came (stored with its input and seed)")
def run_allocation(request, event_id: Id, payload: RunIn):
    user = request.user
    event = _event_of(user, event_id, action="event.allocate")
    with translation.override("en"):
        run = allocation.allocation_run(actor=user, event=event, seed=payload.seed)
    return Status(201, _run_out(run))


@router.get("/{event_id}/runs/{run_id}/", response={200: RunOut, **COMMON, 422: Error},
            summary="Read a run: its seed, placements with ranks, and who was not placed and why")
def get_run(request, event_id: Id, run_id: Id):
    user = request.user
    event = _event_of(user, event_id, action="event.allocate")
    return _run_out(access.access_run(user, event, run_id))


@router.post("/{event_id}/runs/{run_id}/confirm/", response={200: ConfirmOut, **CHANGE},
             summary="Confirm the newest run: the placements are recorded and drafted as internships within the "
                     "14-day promise; the event is closed")
def confirm_run(request, event_id: Id, run_id: Id):
    user = request.user
    event = _event_of(user, event_id, action="event.allocate")
    run = access.access_run(user, event, run_id)
    with translation.override("en"):
        placements = allocation.allocation_confirm(actor=user, run=run)
    run.refresh_from_db()
    return {"run": _run_out(run),
            "placements": [{"person_id": p.person_id, "offer_id": p.offer_id, "rank": p.rank,
                            "internship_id": p.internship_id, "note": p.note} for p in placements],
            "internship_ids": [p.internship_id for p in placements if p.internship_id is not None],
            "first_wish_share": run.first_wish_share, "top3_share": run.top3_share}


class TablePlanIn(Schema):
    rounds: int = Field(ge=1, le=12)
    seats: int = Field(ge=1, le=12, description="Seats for young people at each company's table")


class TablePlanOut(Schema):
    rounds: int
    seats: int
    plan: dict


@router.post("/{event_id}/table-plan/", response={200: TablePlanOut, **CHANGE},
             summary="Make the table plan: one table per company, the young people coming rotate in rounds, "
                     "never twice at a company or at one they said no to")
def make_table_plan(request, event_id: Id, payload: TablePlanIn):
    user = request.user
    event = _event_of(user, event_id, action="event.manage")
    with translation.override("en"):
        return tableplan.table_plan_make(actor=user, event=event, rounds=payload.rounds, seats=payload.seats)


class MoveIn(Schema):
    person_id: Id
    offer_id: Id | None = Field(None, description="The offer at the event, or null for no place")
    reason: text(500)


class MoveOut(Schema):
    person_id: int
    offer_id: int | None
    reason: str
    engine_rank: int | None
    rank: int | None
    worse_than_proposed: bool


@router.post("/{event_id}/moves/", response={200: MoveOut, **CHANGE},
             summary="Move a young person to another offer (or to no place) for a recorded reason; the move is "
                     "kept fixed when the engine runs again")
def move(request, event_id: Id, payload: MoveIn):
    user = request.user
    event = _event_of(user, event_id, action="event.allocate")
    invitation = access.access_invitation(user, event, payload.person_id, action="event.allocate")
    offer = None
    if payload.offer_id is not None:
        offer = event.offers.filter(pk=payload.offer_id).select_related("company").first()
        if offer is None:
            not_found(user, "event.allocate", object_type="offer", object_id=payload.offer_id)
    with translation.override("en"):
        return allocation.allocation_move(actor=user, event=event, person=invitation.person, offer=offer,
                                          reason=payload.reason)


@router.delete("/{event_id}/moves/{person_id}/", response={204: None, **CHANGE},
               summary="Undo a move")
def undo_move(request, event_id: Id, person_id: Id):
    user = request.user
    event = _event_of(user, event_id, action="event.allocate")
    invitation = access.access_invitation(user, event, person_id, action="event.allocate")
    with translation.override("en"):
        allocation.allocation_unlock(actor=user, event=event, person=invitation.person)
    return Status(204, None)


class BetweenIn(Schema):
    offer_id: Id


@router.post("/between/new/", response={201: EventOut, **CHANGE},
             summary="Offer a place between events: shown on the own page of the young people whose wishes match "
                     "its trade; allocate among those who want it like after an event")
def place_between_events(request, payload: BetweenIn):
    user = request.user
    require_or_refuse(user, "event.manage", object_type="match_event")
    offer = company_access.offers_for(user, action="event.manage").filter(pk=payload.offer_id)
    offer = offer.select_related("company").first()
    if offer is None:
        not_found(user, "event.manage", object_type="offer", object_id=payload.offer_id)
    with translation.override("en"):
        return Status(201, between.place_between_events(actor=user, offer=offer))
