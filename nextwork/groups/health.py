"""Group health figures, computed in Python from a fixed number of queries for any number of groups."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from .choices import ATTENDED, AttendanceStatus, SessionStatus
from .models import AgendaItem, Attendance, Membership, NetworkGroup, Session

WINDOW = dt.timedelta(weeks=12)
NEW_MEMBER_WINDOW = dt.timedelta(weeks=4)
LOW_ATTENDANCE = 60  # percent; below this the bar is marked
ABSENT = (AttendanceStatus.ABSENT, AttendanceStatus.ABSENT_WITH_NOTICE)


@dataclass
class Period:
    label: dt.date  # first day of the month
    sessions: int = 0
    attended: int = 0
    records: int = 0

    @property
    def attendance_rate(self) -> int | None:
        return round(100 * self.attended / self.records) if self.records else None

    @property
    def average_turnout(self) -> float | None:
        return round(self.attended / self.sessions, 1) if self.sessions else None

    def turnout_percent(self, target: int) -> int | None:
        return None if self.average_turnout is None else min(100, round(100 * self.average_turnout / target))


@dataclass
class Health:
    group: NetworkGroup
    sessions_held: int = 0
    attended: int = 0
    records: int = 0
    items: int = 0
    youth_items: int = 0
    new_members: int = 0
    active_members: int = 0
    follow_up: list = field(default_factory=list)  # memberships with two or more absences in a row
    months: list[Period] = field(default_factory=list)

    @property
    def attendance_rate(self) -> int | None:
        return round(100 * self.attended / self.records) if self.records else None

    @property
    def attendance_low(self) -> bool:
        return self.attendance_rate is not None and self.attendance_rate < LOW_ATTENDANCE

    @property
    def average_turnout(self) -> float | None:
        return round(self.attended / self.sessions_held, 1) if self.sessions_held else None

    @property
    def turnout_low(self) -> bool:
        return self.average_turnout is not None and self.average_turnout < self.group.target_min / 2

    @property
    def turnout_percent_of_target(self) -> int | None:
        turnout = self.average_turnout
        return None if turnout is None else min(100, round(100 * turnout / self.group.target_max))

    @property
    def youth_item_share(self) -> int | None:
        return round(100 * self.youth_items / self.items) if self.items else None


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def group_health(groups: list[NetworkGroup], *, today: dt.date, months: int = 6) -> dict[int, Health]:
    """Headline figures over the last 12 weeks and a monthly series over `months` months, per group."""
    result = {group.pk: Health(group=group) for group in groups}
    if not groups:
        return result
    since = today - WINDOW
    first_month = _month(today)
    for _step in range(months - 1):
        first_month = _month(first_month - dt.timedelta(days=1))
    series = {pk: {} for pk in result}
    for pk in result:
        month = first_month
        while month <= today:
            series[pk][month] = Period(label=month)
            month = _month(month + dt.timedelta(days=32))
    held = Session.objects.filter(group__in=groups, status=SessionStatus.HELD, date__lte=today,
                                  date__gte=min(since, first_month)).values_list("group_id", "date")
    for group_id, date in held:
        if date >= since:
            result[group_id].sessions_held += 1
        if date >= first_month:
            series[group_id][_month(date)].sessions += 1
    rows = (Attendance.objects.filter(session__group__in=groups, session__date__lte=today)
            .values_list("session__group_id", "session__date", "membership_id", "status")
            .order_by("membership_id", "session__date"))
    last_two: dict[int, list[str]] = defaultdict(list)
    for group_id, date, membership_id, status in rows:
        came = status in ATTENDED
        if date >= since:
            result[group_id].records += 1
            result[group_id].attended += came
        if date >= first_month:
            period = series[group_id][_month(date)]
            period.records += 1
            period.attended += came
        last_two[membership_id] = (last_two[membership_id] + [status])[-2:]
    active = (Membership.objects.filter(group__in=groups, joined_on__lte=today).exclude(left_on__lte=today)
              .select_related("person").defer("person__cpr").order_by("person__first_name", "person__last_name"))
    for membership in active:
        health = result[membership.group_id]
        health.active_members += 1
        if membership.joined_on > today - NEW_MEMBER_WINDOW:
            health.new_members += 1
        recent = last_two.get(membership.pk, [])
        if len(recent) == 2 and all(status in ABSENT for status in recent):
            health.follow_up.append(membership)
    items = (AgendaItem.objects.filter(group__in=groups, created_at__date__gte=since)
             .values_list("group_id", Q(proposed_by_member__isnull=False)))
    for group_id, by_member in items:
        result[group_id].items += 1
        result[group_id].youth_items += bool(by_member)
    for pk, health in result.items():
        health.months = list(series[pk].values())
    return result
