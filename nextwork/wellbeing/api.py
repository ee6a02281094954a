"""The JSON API for wellbeing, with the same permissions, municipal scoping and audit as the pages: check-ins
of a young person (WHO-5 details only for psychologists), their goals and progress, concern flags (raise,
list, add an action, close with a note), and the municipality's suppressed figures per month."""

import datetime as dt
from typing import Annotated, Literal

from django.db.models import prefetch_related_objects
from django.utils import translation
from ninja import Field, Query, Router, Schema, Status

from nextwork.core.api import Day, Id, text
from nextwork.core.models import Municipality
from nextwork.people import access as people_access

from . import access, scales
from .models import ConcernKind, GoalProgress
from .selectors import MAX_MONTHS
from .services import checkins, concerns, goals

router = Router(tags=["wellbeing"])


class Error(Schema):
    detail: str


class DomainErrorOut(Schema):
    detail: str
    field: str | None = None


COMMON = {401: Error, 403: Error, 404: Error, 422: Error}
CHANGE = {**COMMON, 400: DomainErrorOut}

Who5 = Annotated[list[Annotated[int, Field(ge=0, le=5)]], Field(min_length=5, max_length=5)]
Lonely = Annotated[list[Annotated[int, Field(ge=1, le=3)]], Field(min_length=3, max_length=3)]
Work = Annotated[list[Annotated[int, Field(ge=1, le=5)]], Field(min_length=4, max_length=4)]


class CheckInIn(Schema):
    taken_on: Day
    who5: Who5 = Field(description="Five answers 0-5 (5 = all of the time), in the items' order (" +
                       scales.WHO5_SOURCE + ")")
    loneliness: Lonely = Field(description="Three answers 1-3 (3 = often) (" + scales.LONELINESS_SOURCE + ")")
    work_identity: Work = Field(description="Four answers 1-5 (5 = strongly agree)")


class CheckInOut(Schema):
    id: int
    person_id: int
    taken_on: dt.date
    by: str = Field(description="self or consultant")
    talk: bool = Field(description="Flagged for a conversation (WHO-5 50 or below)")
    loneliness_score: int
    severe_loneliness: bool
    work_identity_answers: list[int]
    work_identity_mean: float
    who5_answers: list[int] | None = Field(None, description="Psychologists only")
    who5_raw: int | None = Field(None, description="Psychologists only")
    who5_percent: int | None = Field(None, description="Psychologists only")
    flag: str | None = Field(None, description="Psychologists only: '', talk or psychologist (28 or below)")


class GoalIn(Schema):
    text: text(300, min_length=1)


class ProgressOut(Schema):
    marked_on: dt.date
    level: int


class GoalOut(Schema):
    id: int
    person_id: int
    text: str
    status: str
    set_on: dt.date
    progress: list[ProgressOut]

    @staticmethod
    def resolve_progress(goal) -> list[dict]:
        return [{"marked_on": p.marked_on, "level": p.level} for p in goal.progress.all()]


class ProgressIn(Schema):
    level: Literal[0, 1, 2, 3, 4] = Field(description="0 not started ... 4 reached")


class ConcernIn(Schema):
    kind: ConcernKind
    note: text(4000, min_length=1)


class NoteIn(Schema):
    note: text(4000, min_length=1)


class ActionOut(Schema):
    kind: str
    text: str
    by_id: int
    at: dt.datetime


class ConcernOut(Schema):
    id: int
    person_id: int
    kind: str
    note: str
    status: str
    raised_by_id: int
    raised_at: dt.datetime
    closed_by_id: int | None
    closed_at: dt.datetime | None
    actions: list[ActionOut]

    @staticmethod
    def resolve_actions(flag) -> list[dict]:
        return [{"kind": a.kind, "text": a.text, "by_id": a.by_id, "at": a.at} for a in flag.actions.all()]


class TrendQuery(Schema):
    months: int = Field(12, ge=1, le=MAX_MONTHS)
    municipality: Annotated[str, Field(max_length=50, pattern=r"^[a-z0-9-]*$")] = Field(
        "", description="Network secretariat: the municipality's short name")


class MonthOut(Schema):
    month: dt.date
    n: int | None = Field(description="Young people with a check-in that month; null when 1-4 (suppressed)")
    who5_mean: float | None
    flagged_share: float | None
    psychologist_share: float | None
    severe_loneliness_share: float | None
    work_identity_mean: float | None
    goals_n: int | None
    goals_progressing_share: float | None
    suppressed: bool
    hidden: list[str]


def _person(request, person_id: int, action: str):
    return people_access.access_young_person_by_id(request.user, person_id, action=action)


@router.get("/young-people/{person_id}/check-ins/", response={200: list[CheckInOut], **COMMON},
            summary="A young person's check-ins, newest first (WHO-5 details for psychologists only)")
def list_checkins(request, person_id: Id):
    return access.checkins_of(request.user, _person(request, person_id, "wellbeing.checkin_view"))


@router.post("/young-people/{person_id}/check-ins/", response={201: CheckInOut, **CHANGE},
             summary="Record a check-in done with the young person")
def create_checkin(request, person_id: Id, payload: CheckInIn):
    person = _person(request, person_id, "wellbeing.checkin_record")
    with translation.override("en"):
        checkin = checkins.checkin_record(person=person, actor=request.user, taken_on=payload.taken_on,
                                          who5=payload.who5, loneliness=payload.loneliness,
                                          work_identity=payload.work_identity)
    return Status(201, access.checkin_as_seen_by(request.user, checkin))


@router.get("/young-people/{person_id}/goals/", response={200: list[GoalOut], **COMMON},
            summary="A young person's own goals with their progress")
def list_goals(request, person_id: Id):
    return access.goals_of(request.user, _person(request, person_id, "wellbeing.goal_view"))


@router.post("/young-people/{person_id}/goals/", response={201: GoalOut, **CHANGE},
             summary="Write a goal with the young person, in their own words")
def create_goal(request, person_id: Id, payload: GoalIn):
    person = _person(request, person_id, "wellbeing.goal_manage")
    with translation.override("en"):
        goal = goals.goal_add(person=person, text=payload.text, actor=request.user)
    return Status(201, goal)


@router.post("/goals/{goal_id}/progress/", response={201: GoalOut, **CHANGE},
             summary="Mark how far the young person has come with a goal (4 = reached)")
def mark_progress(request, goal_id: Id, payload: ProgressIn):
    goal = access.access_goal_by_id(request.user, goal_id)
    with translation.override("en"):
        goals.goal_mark_progress(goal=goal, level=GoalProgress.Level(payload.level), actor=request.user)
    goal.refresh_from_db()
    return Status(201, goal)


@router.get("/young-people/{person_id}/concerns/", response={200: list[ConcernOut], **COMMON},
            summary="A young person's concern flags, open and closed")
def list_concerns(request, person_id: Id):
    flags = access.concerns_of(request.user, _person(request, person_id, "concern.view"))
    prefetch_related_objects(flags, "actions")
    return flags


@router.post("/young-people/{person_id}/concerns/", response={201: ConcernOut, **CHANGE},
             summary="Raise a concern: it reaches the psychologist and the team lead at once")
def raise_concern(request, person_id: Id, payload: ConcernIn):
    person = _person(request, person_id, "concern.raise")
    with translation.override("en"):
        flag = concerns.concern_raise(actor=request.user, person=person, kind=payload.kind, note=payload.note)
    return Status(201, flag)


@router.get("/concerns/", response={200: list[ConcernOut], **COMMON},
            summary="The municipality's open concerns (psychologists and team leads)")
def open_concerns(request):
    return access.open_concerns(request.user)


@router.post("/concerns/{flag_id}/actions/", response={201: ConcernOut, **CHANGE},
             summary="Note what was done about an open concern")
def add_action(request, flag_id: Id, payload: NoteIn):
    flag = access.access_concern_by_id(request.user, flag_id)
    with translation.override("en"):
        concerns.concern_add_action(actor=request.user, flag=flag, note=payload.note)
    return Status(201, flag)


@router.post("/concerns/{flag_id}/close/", response={200: ConcernOut, **CHANGE},
             summary="Close a concern with a note (psychologists and team leads)")
def close_concern(request, flag_id: Id, payload: NoteIn):
    flag = access.access_concern_by_id(request.user, flag_id, action="concern.follow")
    with translation.override("en"):
        flag = concerns.concern_close(actor=request.user, flag=flag, note=payload.note)
    return flag


@router.get("/trend/", response={200: list[MonthOut], **COMMON},
            summary="The municipality's wellbeing per month, suppressed (counts 1-4 hidden)")
def trend(request, query: Query[TrendQuery]):
    municipality = None
    if request.user.municipality_id is None and query.municipality:
        municipality = Municipality.objects.filter(slug=query.municipality).first()
        if municipality is None:
            access.not_found(request.user, "wellbeing.trend", object_type="municipality")
    return access.trend_for(request.user, municipality=municipality, months=query.months)
