"""JSON API for network groups, memberships, sessions, attendance and agenda items. Same permission matrix
and municipal scoping as the pages (access.py); other municipalities' records are 404."""

import datetime as dt

from django.db import transaction
from django.http import Http404
from django.utils import translation
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from nextwork.core.access import require_or_refuse
from nextwork.core.api import Day, Id, Pages, Time, text
from nextwork.core.errors import DomainError
from nextwork.core.models import User

from . import access, selectors
from .choices import AttendanceStatus, CheckInMethod, LeaveReason, SessionStatus, Weekday
from .models import AgendaItem, Membership
from .services import agenda, attendance, groups, memberships, sessions

router = Router(tags=["network groups"])


class Error(Schema):
    detail: str


class GroupOut(Schema):
    id: int
    name: str
    weekday: Weekday
    starts_at: dt.time
    ends_at: dt.time
    place: str
    facilitator_ids: list[int]
    target_min: int
    target_max: int
    active_from: dt.date
    active_until: dt.date | None
    member_count: int


class GroupIn(Schema):
    name: text(100, min_length=1)
    weekday: Weekday
    starts_at: Time
    ends_at: Time
    place: text(200, min_length=1)
    facilitator_ids: list[Id] = Field(min_length=1, max_length=20)
    target_min: int = Field(8, ge=1, le=30)
    target_max: int = Field(12, ge=1, le=30)
    active_from: Day
    active_until: Day | None = None


class MembershipOut(Schema):
    id: int
    group_id: int
    person_id: int
    first_name: str
    last_name: str
    joined_on: dt.date
    left_on: dt.date | None
    leave_reason: str
    share_first_name: bool


class MembershipIn(Schema):
    person_id: Id
    joined_on: Day = Field(default_factory=dt.date.today)
    share_first_name: bool = False


class MembershipEndIn(Schema):
    on: Day = Field(default_factory=dt.date.today)
    reason: LeaveReason = LeaveReason.OTHER


class MembershipMoveIn(Schema):
    group_id: Id
    on: Day = Field(default_factory=dt.date.today)


class SessionOut(Schema):
    id: int
    group_id: int
    date: dt.date
    starts_at: dt.time
    status: SessionStatus
    moved_from: dt.date | None
    check_in_method: str
    notes: str


class SessionChangeIn(Schema):
    date: Day | None = None
    starts_at: Time | None = None
    cancel: bool = False
    check_in_method: CheckInMethod | None = None
    notes: text(2000) | None = None


class PlanIn(Schema):
    until: Day = Field(description="Last day to plan, at most 18 months from today")


class AttendanceOut(Schema):
    membership_id: int
    person_id: int
    status: str = Field(description="present, late, absent, absent_notice or empty when not taken")


class AttendanceIn(Schema):
    status: AttendanceStatus


class AgendaItemOut(Schema):
    id: int
    group_id: int
    session_id: int | None
    title: str
    proposed_by: str = Field(description="young_person or staff")
    proposed_by_person_id: int | None
    proposed_by_staff_id: int | None
    votes: int


class AgendaItemIn(Schema):
    title: text(200, min_length=1)
    session_id: Id | None = None


def _group_out(group, member_count: int | None = None) -> dict:
    data = {name: getattr(group, name) for name in (
        "id", "name", "weekday", "starts_at", "ends_at", "place", "target_min", "target_max", "active_from",
        "active_until")}
    data["facilitator_ids"] = sorted(user.pk for user in group.facilitators.all())
    if member_count is None:
        member_count = selectors.active_memberships(dt.date.today()).filter(group=group).count()
    data["member_count"] = member_count
    return data


def _membership_out(m: Membership) -> dict:
    return {"id": m.pk, "group_id": m.group_id, "person_id": m.person_id, "first_name": m.person.first_name,
            "last_name": m.person.last_name, "joined_on": m.joined_on, "left_on": m.left_on,
            "leave_reason": m.leave_reason, "share_first_name": m.share_first_name}


def _item_out(item: AgendaItem) -> dict:
    member = item.proposed_by_member
    return {"id": item.pk, "group_id": item.group_id, "session_id": item.session_id, "title": item.title,
            "proposed_by": "young_person" if member else "staff",
            "proposed_by_person_id": member.person_id if member else None,
            "proposed_by_staff_id": item.proposed_by_staff_id, "votes": item.vote_count}


def _facilitators(user, ids: list[int]) -> list:
    found = list(User.objects.filter(pk__in=ids, municipality_id=user.municipality_id))
    if len(found) != len(set(ids)):
        raise DomainError("Unknown facilitator.", field="facilitator_ids")
    return found


COMMON = {401: Error, 403: Error, 404: Error}
LIST = {**COMMON, 422: Error}


@router.get("/groups/", response={200: list[GroupOut], **LIST}, summary="List the municipality's groups")
@paginate(Pages, page_size=50)
def list_groups(request):
    today = dt.date.today()
    return [_group_out(group, group.member_count)
            for group in selectors.group_list(access.groups_for(request.user), today=today)]


@router.post("/groups/", response={201: GroupOut, 400: Error, 422: Error, **COMMON},
             summary="Create a group; its sessions for the next 12 weeks are planned")
def create_group(request, payload: GroupIn):
    require_or_refuse(request.user, "group.manage", object_type="network_group")
    data = payload.dict(exclude={"facilitator_ids"})
    with translation.override("en"), transaction.atomic():  # all or nothing, answer included
        group = groups.group_create(actor=request.user, facilitators=_facilitators(request.user,
                                                                                   payload.facilitator_ids), **data)
        return Status(201, _group_out(group, 0))


@router.get("/groups/{group_id}/", response={200: GroupOut, **COMMON}, summary="Read a group")
def get_group(request, group_id: Id):
    return _group_out(access.access_group_by_id(request.user, group_id))


@router.get("/groups/{group_id}/memberships/", response={200: list[MembershipOut], **LIST},
            summary="A group's memberships, current and former")
@paginate(Pages, page_size=100)
def list_memberships(request, group_id: Id):
    _group, found = access.group_memberships(request.user, group_id)
    return [_membership_out(m) for m in found]


@router.post("/groups/{group_id}/memberships/", response={201: MembershipOut, 400: Error, 422: Error, **COMMON},
             summary="Place a young person in the group")
def add_membership(request, group_id: Id, payload: MembershipIn):
    user = request.user
    group = access.access_group_by_id(user, group_id, action="group.manage")
    person = access.access_person_by_id(user, payload.person_id, action="group.manage")
    with translation.override("en"):
        membership = memberships.membership_add(actor=user, group=group, person=person, joined_on=payload.joined_on,
                                                share_first_name=payload.share_first_name)
    return Status(201, _membership_out(membership))


@router.post("/memberships/{membership_id}/end/", response={200: MembershipOut, 400: Error, 422: Error, **COMMON},
             summary="Take a young person out of their group (the membership is kept as history)")
def end_membership(request, membership_id: Id, payload: MembershipEndIn):
    membership = access.access_membership_by_id(request.user, membership_id)
    with translation.override("en"):
        memberships.membership_end(actor=request.user, membership=membership, on=payload.on, reason=payload.reason)
    return _membership_out(membership)


@router.post("/memberships/{membership_id}/move/", response={200: MembershipOut, 400: Error, 422: Error, **COMMON},
             summary="Move a young person to another group; returns the new membership")
def move_membership(request, membership_id: Id, payload: MembershipMoveIn):
    user = request.user
    membership = access.access_membership_by_id(user, membership_id)
    group = access.access_group_by_id(user, payload.group_id, action="group.manage")
    with translation.override("en"):
        new = memberships.membership_move(actor=user, membership=membership, group=group, on=payload.on)
    return _membership_out(new)


@router.get("/groups/{group_id}/sessions/", response={200: list[SessionOut], **LIST},
            summary="A group's sessions in date order")
@paginate(Pages, page_size=100)
def list_sessions(request, group_id: Id, since: Day | None = None):
    group = access.access_group_by_id(request.user, group_id)
    found = group.sessions.order_by("date", "pk")
    if since:
        found = found.filter(date__gte=since)
    return found


@router.post("/groups/{group_id}/sessions/plan/", response={200: list[SessionOut], 400: Error, 422: Error, **COMMON},
             summary="Plan sessions from the schedule up to a date at most 18 months ahead (public holidays "
                     "skipped); returns the new ones")
def plan_sessions(request, group_id: Id, payload: PlanIn):
    group = access.access_group_by_id(request.user, group_id, action="group.manage")
    with translation.override("en"):
        return sessions.sessions_plan(group=group, until=payload.until)


@router.patch("/sessions/{session_id}/", response={200: SessionOut, 400: Error, 422: Error, **COMMON},
              summary="Move or cancel a session (group.manage), or record its check-in method and notes")
def change_session(request, session_id: Id, payload: SessionChangeIn):
    user = request.user
    moving = payload.cancel or payload.date is not None or payload.starts_at is not None
    session = access.access_session_by_id(user, session_id,
                                          action="group.manage" if moving else "group.take_attendance")
    with translation.override("en"):
        if payload.cancel:
            sessions.session_cancel(actor=user, session=session)
        elif moving:
            sessions.session_move(actor=user, session=session, date=payload.date or session.date,
                                  starts_at=payload.starts_at)
        if payload.check_in_method is not None or payload.notes is not None:
            sessions.session_record(actor=user, session=session,
                                    check_in_method=payload.check_in_method or session.check_in_method,
                                    notes=session.notes if payload.notes is None else payload.notes)
    return session


@router.get("/sessions/{session_id}/attendance/", response={200: list[AttendanceOut], **LIST},
            summary="Every member on the session's date with their attendance")
@paginate(Pages, page_size=100)
def list_attendance(request, session_id: Id):
    _session, rows = access.session_attendance(request.user, session_id)
    return [{"membership_id": row.membership.pk, "person_id": row.membership.person_id, "status": row.status}
            for row in rows]


@router.put("/sessions/{session_id}/attendance/{membership_id}/",
            response={200: AttendanceOut, 400: Error, 422: Error, **COMMON},
            summary="Record one member's attendance (changes to past sessions are audit-logged)")
def set_attendance(request, session_id: Id, membership_id: Id, payload: AttendanceIn):
    user = request.user
    session, membership = access.access_session_member(user, session_id, membership_id)
    with translation.override("en"):
        record = attendance.attendance_record(actor=user, session=session, membership=membership,
                                              status=payload.status)
    return {"membership_id": membership.pk, "person_id": membership.person_id, "status": record.status}


@router.get("/groups/{group_id}/agenda-items/", response={200: list[AgendaItemOut], **LIST},
            summary="The group's open agenda items, most votes first")
@paginate(Pages, page_size=50)
def list_agenda(request, group_id: Id):
    group = access.access_group_by_id(request.user, group_id)
    return [_item_out(item) for item in selectors.ranked_agenda(group, today=dt.date.today())]


@router.post("/groups/{group_id}/agenda-items/", response={201: AgendaItemOut, 400: Error, 422: Error, **COMMON},
             summary="Add an agenda item as staff")
def add_agenda_item(request, group_id: Id, payload: AgendaItemIn):
    user = request.user
    group = access.access_group_by_id(user, group_id, action="group.take_attendance")
    session = None
    if payload.session_id is not None:
        session = group.sessions.filter(pk=payload.session_id).first()
        if session is None:
            raise Http404("No such session.")
    with translation.override("en"):
        item = agenda.agenda_item_propose(group=group, session=session, staff=user, title=payload.title)
    item.vote_count = 0
    return Status(201, _item_out(item))


from .api_group_life import router as group_life_router  # noqa: E402  (observations, taps, agreement)

router.add_router("", group_life_router)
