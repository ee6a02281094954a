"""Reads for network groups. Every list uses a fixed number of queries (pinned in the tests)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from nextwork.people.models import YoungPerson

from .choices import ATTENDED, SessionStatus
from .models import AgendaItem, Attendance, Membership, NetworkGroup, Session

# Lists show names: loading a CPR number would decrypt it for nothing.
NOT_FOR_LISTS = ("person__cpr",)


def active_memberships(on: dt.date) -> QuerySet:
    return Membership.objects.filter(joined_on__lte=on).exclude(left_on__lte=on)


def group_list(groups: QuerySet, *, today: dt.date) -> list[NetworkGroup]:
    """Groups with facilitators, active member count and next session, in three queries."""
    next_sessions = Session.objects.filter(date__gte=today, status=SessionStatus.PLANNED).order_by("date")
    groups = list(
        groups.annotate(member_count=Count("memberships", filter=Q(memberships__joined_on__lte=today) & (
            Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gt=today))))
        .prefetch_related("facilitators")
        .order_by("name", "pk")
    )
    upcoming: dict[int, Session] = {}
    for session in next_sessions.filter(group__in=groups):
        upcoming.setdefault(session.group_id, session)
    for group in groups:
        group.next_session = upcoming.get(group.pk)
    return groups


def group_members(group: NetworkGroup, *, on: dt.date) -> list[Membership]:
    return list(active_memberships(on).filter(group=group).select_related("person").defer(*NOT_FOR_LISTS)
                .order_by("person__first_name", "person__last_name", "pk"))


def group_former_members(group: NetworkGroup, *, on: dt.date) -> list[Membership]:
    return list(Membership.objects.filter(group=group, left_on__lte=on).select_related("person")
                .defer(*NOT_FOR_LISTS).order_by("-left_on", "pk"))


def group_sessions(group: NetworkGroup, *, today: dt.date, past: int = 8, coming: int = 6) -> tuple[list, list]:
    base = Session.objects.filter(group=group).annotate(
        attended=Count("attendance", filter=Q(attendance__status__in=ATTENDED)),
        recorded=Count("attendance"))
    earlier = list(base.filter(date__lt=today).order_by("-date")[:past])
    later = list(base.filter(date__gte=today).order_by("date")[:coming])
    return earlier, later


@dataclass
class AttendanceRow:
    membership: Membership
    status: str


def session_attendance_rows(session: Session) -> list[AttendanceRow]:
    """Every member on the session's date with their status ("" when not yet taken), in two queries."""
    recorded = dict(Attendance.objects.filter(session=session).values_list("membership_id", "status"))
    members = group_members(session.group, on=session.date)
    return [AttendanceRow(membership=m, status=recorded.get(m.pk, "")) for m in members]


def ranked_agenda(group: NetworkGroup, *, session: Session | None = None, voter: Membership | None = None,
                  today: dt.date | None = None) -> list[AgendaItem]:
    """Items for a session (or the group's open items when no session is given), most votes first."""
    items = AgendaItem.objects.filter(group=group)
    if session is not None:
        items = items.filter(Q(session=session) | Q(session__isnull=True, created_at__date__lte=session.date))
    else:
        items = items.filter(Q(session__isnull=True) | Q(session__date__gte=today or dt.date.today()))
    items = items.annotate(vote_count=Count("votes", distinct=True)).select_related(
        "proposed_by_member__person", "proposed_by_staff", "session").defer("proposed_by_member__person__cpr")
    if voter is not None:
        items = items.annotate(my_vote=Count("votes", filter=Q(votes__membership=voter), distinct=True))
    return list(items.order_by("-vote_count", "created_at", "pk"))


def person_group_history(person: YoungPerson) -> list[Membership]:
    """A young person's memberships, newest first, with attendance counts (one query)."""
    return list(
        Membership.objects.filter(person=person).select_related("group")
        .annotate(
            sessions_recorded=Count("attendance"),
            sessions_attended=Count("attendance", filter=Q(attendance__status__in=ATTENDED)),
            sessions_absent=Count("attendance", filter=~Q(attendance__status__in=ATTENDED)),
        ).order_by("-joined_on", "-pk")
    )


def person_recent_attendance(person: YoungPerson, *, limit: int = 10) -> list[Attendance]:
    return list(Attendance.objects.filter(membership__person=person).select_related("session", "session__group")
                .order_by("-session__date")[:limit])


def coming_sessions_for_member(membership: Membership, *, today: dt.date, count: int = 4) -> list[Session]:
    return list(Session.objects.filter(group_id=membership.group_id, date__gte=today)
                .exclude(status=SessionStatus.CANCELLED).order_by("date")[:count])


def shared_first_names(membership: Membership, *, today: dt.date) -> list[str]:
    """Only first names that the other members have chosen to share; nothing else about them."""
    return list(active_memberships(today).filter(group_id=membership.group_id, share_first_name=True)
                .exclude(pk=membership.pk).order_by("person__first_name")
                .values_list("person__first_name", flat=True))


def unplaced_people(people: QuerySet, *, today: dt.date) -> QuerySet:
    """Young people with an open course and no current group: candidates for a suggestion."""
    placed = active_memberships(today).values("person_id")
    return (people.filter(courses__status__in=("referred", "active")).exclude(pk__in=placed).distinct()
            .defer("cpr").order_by("first_name", "last_name", "pk"))


