"""The JSON API for the devising log, with the same permissions, municipal scoping and audit as the pages:
experiments (list with the log's filters, create, read, change, review, share), proposals (list, take up,
answer), devising meetings, and the network's shared library."""

import datetime as dt
from typing import Annotated

from django.utils import translation
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from nextwork.core.access import not_found, require_or_refuse
from nextwork.core.api import Day, Id, Pages, text
from nextwork.core.models import User

from . import access, selectors
from .choices import Decision, ExperimentStatus, LogFilter, Principle, ProposalStatus
from .services import experiments, meetings, proposals, sharing

router = Router(tags=["devising"])

MAX_IDS = 200


class Error(Schema):
    detail: str


class DomainErrorOut(Schema):
    detail: str
    field: str | None = None


COMMON = {401: Error, 403: Error, 404: Error}
CHANGE = {**COMMON, 400: DomainErrorOut, 422: Error}
Principles = Annotated[list[Principle], Field(min_length=1, max_length=3)]
Keys = Annotated[list[text(60)], Field(max_length=40, description="Indicator keys from nextwork.fidelity")]
Ids = Annotated[list[Id], Field(max_length=MAX_IDS)]


class ExperimentOut(Schema):
    id: int
    title: str
    principles: list[str]
    why: str
    expected: str
    indicators: list[str]
    starts_on: dt.date | None
    review_on: dt.date | None
    status: ExperimentStatus
    observed: str
    decision: str = Field(description="keep, adjust, drop or empty")
    reviewed_on: dt.date | None
    proposal_id: int | None
    follows_id: int | None


class ContentIn(Schema):
    title: text(200, min_length=1)
    principles: Principles
    why: text(4000, min_length=1)
    expected: text(4000, min_length=1)
    indicators: Keys = []


class ExperimentIn(ContentIn):
    starts_on: Day
    review_on: Day
    follows_id: Id | None = Field(None, description="The experiment this one adjusts")


class ExperimentChangeIn(ContentIn):
    starts_on: Day | None = Field(None, description="Required for a running experiment; starts a proposed one")
    review_on: Day | None = None


class ReviewIn(Schema):
    observed: text(4000, min_length=1)
    decision: Annotated[str, Field(pattern="^(keep|adjust|drop)$")]
    on: Day | None = Field(None, description="Default: today")


class ProposalOut(Schema):
    id: int
    title: str
    why: str
    expected: str
    status: ProposalStatus
    response: str
    created_at: dt.datetime
    from_young_person: bool
    person_id: int | None
    proposer_name: str
    company_id: int | None
    experiment_ids: list[int]


class TakeUpIn(ContentIn):
    response: text(2000) = ""


class RespondIn(Schema):
    response: text(2000, min_length=1)


class MeetingOut(Schema):
    id: int
    held_on: dt.date
    attendee_ids: list[int]
    other_attendees: str
    notes: str
    experiment_ids: list[int]


class MeetingIn(Schema):
    held_on: Day
    attendee_ids: Ids = []
    other_attendees: text(300) = ""
    notes: text(10000) = ""
    experiment_ids: Ids = []


class PracticeOut(Schema):
    id: int
    municipality: str
    title: str
    principles: list[str]
    what: str
    why: str
    what_we_saw: str
    shared_on: dt.date


class ShareIn(Schema):
    title: text(200, min_length=1)
    principles: Principles
    what: text(4000) = ""
    why: text(4000, min_length=1)
    what_we_saw: text(4000, min_length=1)


def _proposal_out(proposal) -> dict:
    person, representative = proposal.person, proposal.representative
    return {"id": proposal.pk, "title": proposal.title, "why": proposal.why, "expected": proposal.expected,
            "status": proposal.status, "response": proposal.response, "created_at": proposal.created_at,
            "from_young_person": person is not None, "person_id": proposal.person_id,
            "proposer_name": person.full_name if person is not None else representative.name,
            "company_id": representative.company_id if representative is not None else None,
            "experiment_ids": [e.pk for e in proposal.experiments.all()]}


def _meeting_out(meeting) -> dict:
    return {"id": meeting.pk, "held_on": meeting.held_on, "attendee_ids": [u.pk for u in meeting.attendees.all()],
            "other_attendees": meeting.other_attendees, "notes": meeting.notes,
            "experiment_ids": [e.pk for e in meeting.experiments.all()]}


def _practice_out(practice) -> dict:
    return {"id": practice.pk, "municipality": practice.from_municipality.name, "title": practice.title,
            "principles": practice.principles, "what": practice.what, "why": practice.why,
            "what_we_saw": practice.what_we_saw, "shared_on": practice.shared_on}


def _content(payload) -> dict:
    return {"title": payload.title, "principles": [str(p.value) for p in payload.principles], "why": payload.why,
            "expected": payload.expected, "indicators": payload.indicators}


# Experiments
@router.get("/experiments/", response={200: list[ExperimentOut], **COMMON, 422: Error},
            summary="The municipality's devising log; show: running, due, reviewed, proposed or all")
@paginate(Pages, page_size=50)
def list_experiments(request, show: LogFilter = LogFilter.ALL):
    return selectors.filtered_log(access.experiments_for(request.user), show, today=dt.date.today())


@router.post("/experiments/", response={201: ExperimentOut, **CHANGE}, summary="Start an experiment")
def create_experiment(request, payload: ExperimentIn):
    user = request.user
    require_or_refuse(user, "devising.manage", object_type="experiment")
    follows = (access.access_experiment_by_id(user, payload.follows_id) if payload.follows_id is not None else None)
    with translation.override("en"):
        experiment = experiments.experiment_create(actor=user, **_content(payload), starts_on=payload.starts_on,
                                                   review_on=payload.review_on, follows=follows)
    return Status(201, experiment)


@router.get("/experiments/{experiment_id}/", response={200: ExperimentOut, **COMMON, 422: Error},
            summary="An experiment")
def get_experiment(request, experiment_id: Id):
    return access.access_experiment_by_id(request.user, experiment_id)


@router.put("/experiments/{experiment_id}/", response={200: ExperimentOut, **CHANGE},
            summary="Change a proposed or running experiment (dates start a proposed one)")
def change_experiment(request, experiment_id: Id, payload: ExperimentChangeIn):
    user = request.user
    experiment = access.access_experiment_by_id(user, experiment_id, action="devising.manage")
    with translation.override("en"):
        return experiments.experiment_update(actor=user, experiment=experiment, **_content(payload),
                                             starts_on=payload.starts_on, review_on=payload.review_on)


@router.post("/experiments/{experiment_id}/review/", response={200: ExperimentOut, **CHANGE},
             summary="Review: what we saw, and keep, adjust or drop")
def review_experiment(request, experiment_id: Id, payload: ReviewIn):
    user = request.user
    experiment = access.access_experiment_by_id(user, experiment_id, action="devising.manage")
    with translation.override("en"):
        return experiments.experiment_review(actor=user, experiment=experiment, observed=payload.observed,
                                             decision=Decision(payload.decision), on=payload.on)


@router.post("/experiments/{experiment_id}/share/", response={201: PracticeOut, **CHANGE},
             summary="Share a reviewed practice with the other municipalities (refused if it holds personal data)")
def share_experiment(request, experiment_id: Id, payload: ShareIn):
    user = request.user
    experiment = access.access_experiment_by_id(user, experiment_id, action="devising.share")
    with translation.override("en"):
        practice = sharing.practice_share(actor=user, experiment=experiment, title=payload.title,
                                          principles=[str(p.value) for p in payload.principles], what=payload.what,
                                          why=payload.why, what_we_saw=payload.what_we_saw)
    return Status(201, _practice_out(practice))


# Proposals
@router.get("/proposals/", response={200: list[ProposalOut], **COMMON, 422: Error},
            summary="Proposals from young people and company representatives (names: audited)")
@paginate(Pages, page_size=50)
def list_proposals(request, status: ProposalStatus | None = None):
    return [_proposal_out(p) for p in access.proposals_page(request.user, status=status or "")]


@router.post("/proposals/{proposal_id}/take-up/", response={201: ExperimentOut, **CHANGE},
             summary="Take a proposal up into the log as a proposed experiment")
def take_up_proposal(request, proposal_id: Id, payload: TakeUpIn):
    user = request.user
    proposal = access.access_proposal_by_id(user, proposal_id, action="devising.manage")
    with translation.override("en"):
        experiment = proposals.proposal_take_up(actor=user, proposal=proposal, **_content(payload),
                                                response=payload.response)
    return Status(201, experiment)


@router.post("/proposals/{proposal_id}/respond/", response={200: ProposalOut, **CHANGE},
             summary="Answer a proposal without taking it into the log")
def respond_to_proposal(request, proposal_id: Id, payload: RespondIn):
    user = request.user
    proposal = access.access_proposal_by_id(user, proposal_id, action="devising.manage")
    with translation.override("en"):
        proposal = proposals.proposal_respond(actor=user, proposal=proposal, response=payload.response)
    return _proposal_out(proposal)


# Meetings
@router.get("/meetings/", response={200: list[MeetingOut], **COMMON, 422: Error}, summary="Devising meetings")
@paginate(Pages, page_size=50)
def list_meetings(request):
    found = access.meetings_for(request.user).prefetch_related("attendees", "experiments")
    return [_meeting_out(m) for m in found[:500]]


@router.post("/meetings/", response={201: MeetingOut, **CHANGE}, summary="Record a devising meeting")
def create_meeting(request, payload: MeetingIn):
    user = request.user
    require_or_refuse(user, "devising.manage", object_type="devising_meeting")
    staff = {u.pk: u for u in User.objects.filter(pk__in=payload.attendee_ids, municipality_id=user.municipality_id)}
    found = {e.pk: e for e in access.experiments_for(user).filter(pk__in=payload.experiment_ids)}
    for pk in payload.attendee_ids:
        if pk not in staff:
            not_found(user, "devising.manage", object_type="user", object_id=pk)
    for pk in payload.experiment_ids:
        if pk not in found:
            not_found(user, "devising.manage", object_type="experiment", object_id=pk)
    with translation.override("en"):
        meeting = meetings.meeting_create(actor=user, held_on=payload.held_on, attendees=list(staff.values()),
                                          other_attendees=payload.other_attendees, notes=payload.notes,
                                          experiments=list(found.values()))
    return Status(201, _meeting_out(meeting))


# The shared library
@router.get("/library/", response={200: list[PracticeOut], **COMMON, 422: Error},
            summary="The network's shared library of practices (every municipality; no personal data)")
@paginate(Pages, page_size=50)
def list_library(request, principle: Principle | None = None):
    # Filtered in Python: SQLite (the demo) has no JSON containment lookup.
    return [_practice_out(p) for p in access.library(request.user)[:1000]
            if principle is None or principle.value in p.principles]
