"""The only way to read wellbeing records. Each function checks the permission matrix and the municipality and
writes the audit row itself (core/access.py): check-ins, goals and concerns of a person, the start page's
lists of names, a concern by id, and the municipality's suppressed figures.

Who sees what: psychologists see WHO-5 details and both flags; the rest of the team sees the check-in without
WHO-5 (the "talk to them" flag only); caseworkers see none of it (they may raise a concern); managers and the
network secretariat see only the suppressed figures."""

import datetime as dt

from django.db.models import OuterRef, Subquery

from nextwork.core.access import not_found, record_list, record_read, require_or_refuse
from nextwork.core.models import Municipality
from nextwork.core.permissions import can
from nextwork.core.roles import Role
from nextwork.people.selectors import OPEN_STATUSES

from . import selectors
from .models import CheckIn, CheckInFlag, ConcernFlag, Goal

TALK_LIST_DAYS = 30  # a flagged check-in stays on the start page for a month
PSYCHOLOGIST_LIST_DAYS = 60


def checkin_as_seen_by(user, checkin: CheckIn) -> dict:
    """The check-in as the user's roles may see it: WHO-5 details for psychologists only."""
    seen = {"id": checkin.pk, "person_id": checkin.person_id, "taken_on": checkin.taken_on, "by": checkin.by,
            "by_display": checkin.get_by_display(), "recorded_by": str(checkin.recorded_by or ""),
            "talk": bool(checkin.flag), "loneliness_score": checkin.loneliness_score,
            "severe_loneliness": checkin.severe_loneliness, "loneliness_answers": checkin.loneliness_answers,
            "work_identity_answers": checkin.work_identity_answers,
            "work_identity_mean": checkin.work_identity_mean}
    if can(user, "wellbeing.who5_details"):
        seen.update(who5_answers=checkin.who5_answers, who5_raw=checkin.who5_raw,
                    who5_percent=checkin.who5_percent, flag=checkin.flag,
                    to_psychologist=checkin.flag == CheckInFlag.PSYCHOLOGIST)
    return seen


def checkins_of(user, person) -> list[dict]:
    require_or_refuse(user, "wellbeing.checkin_view", object_type="wellbeing_checkin", object_id=person.pk)
    _same_municipality(user, person, "wellbeing.checkin_view", "wellbeing_checkin")
    checkins = selectors.checkins_of(person)
    if checkins:  # like the notes: nothing shown, nothing read
        details = "with WHO-5 details" if can(user, "wellbeing.who5_details") else "without WHO-5 details"
        record_read(user, object_type="wellbeing_checkin", object_id=person.pk,
                    municipality_id=person.municipality_id, summary=f"{len(checkins)} check-ins {details}")
    return [checkin_as_seen_by(user, checkin) for checkin in checkins]


def goals_of(user, person) -> list[Goal]:
    """Goal texts are decrypted here: a read of each, logged with the ids."""
    require_or_refuse(user, "wellbeing.goal_view", object_type="wellbeing_goal", object_id=person.pk)
    _same_municipality(user, person, "wellbeing.goal_view", "wellbeing_goal")
    goals = list(Goal.objects.filter(person=person).prefetch_related("progress"))
    if goals:
        record_read(user, object_type="wellbeing_goal", object_id=person.pk,
                    municipality_id=person.municipality_id,
                    summary=f"{len(goals)} goals: " + ",".join(str(goal.pk) for goal in goals)[:250])
    return goals


def access_goal_by_id(user, goal_id, *, action: str = "wellbeing.goal_manage") -> Goal:
    require_or_refuse(user, action, object_type="wellbeing_goal", object_id=goal_id)
    goal = (Goal.objects.select_related("person").filter(pk=goal_id, municipality_id=user.municipality_id,
                                                         person__merged_into=None).first())
    if goal is None:
        not_found(user, action, object_type="wellbeing_goal", object_id=goal_id)
    record_read(user, object_type="wellbeing_goal", object_id=goal.pk, municipality_id=goal.municipality_id,
                summary=action)
    return goal


def concerns_of(user, person) -> list[ConcernFlag]:
    require_or_refuse(user, "concern.view", object_type="concern_flag", object_id=person.pk)
    _same_municipality(user, person, "concern.view", "concern_flag")
    flags = list(ConcernFlag.objects.filter(person=person).select_related("raised_by", "closed_by"))
    if flags:
        record_read(user, object_type="concern_flag", object_id=person.pk, municipality_id=person.municipality_id,
                    summary=f"{len(flags)} concerns: " + ",".join(str(flag.pk) for flag in flags)[:250])
    return flags


def access_concern_by_id(user, flag_id, *, action: str = "concern.view") -> ConcernFlag:
    require_or_refuse(user, action, object_type="concern_flag", object_id=flag_id)
    flag = (ConcernFlag.objects.select_related("person", "raised_by", "closed_by")
            .filter(pk=flag_id, municipality_id=user.municipality_id, person__merged_into=None).first())
    if flag is None:
        not_found(user, action, object_type="concern_flag", object_id=flag_id)
    record_read(user, object_type="concern_flag", object_id=flag.pk, municipality_id=flag.municipality_id,
                summary=action)
    return flag


def open_concerns(user) -> list[ConcernFlag]:
    """For the psychologist and the team lead: every open concern in the municipality (names: one list row)."""
    require_or_refuse(user, "concern.follow", object_type="concern_flag")
    flags = list(ConcernFlag.objects.filter(municipality_id=user.municipality_id, status=ConcernFlag.Status.OPEN,
                                            person__merged_into=None)
                 .select_related("person", "raised_by").defer("person__cpr").order_by("raised_at", "pk"))
    if flags:
        record_list(user, object_type="concern_flag", count=len(flags), summary="start page: open concerns")
    return flags


def _mine_only(user) -> bool:
    return not user.has_role(Role.TEAM_LEAD)


def due_checkins(user, *, today: dt.date, limit: int = 20) -> list:
    require_or_refuse(user, "wellbeing.checkin_record", object_type="wellbeing_checkin")
    due = selectors.due_checkins(municipality_id=user.municipality_id, today=today,
                                 consultant=user if _mine_only(user) else None)[:limit]
    if due:
        record_list(user, object_type="young_person", count=len(due), summary="start page: check-ins due")
    return due


def flagged_checkins(user, *, today: dt.date, limit: int = 20) -> list[dict]:
    """The young people whose latest check-in was flagged: to talk to (their consultant; the team lead sees all)
    and, for the psychologist, those flagged to the psychologist."""
    require_or_refuse(user, "wellbeing.checkin_view", object_type="wellbeing_checkin")
    latest = CheckIn.objects.filter(person=OuterRef("person")).order_by("-taken_on", "-pk").values("pk")[:1]
    to_psychologist = can(user, "wellbeing.who5_details")
    since = today - dt.timedelta(days=PSYCHOLOGIST_LIST_DAYS if to_psychologist else TALK_LIST_DAYS)
    checkins = (CheckIn.objects.filter(municipality_id=user.municipality_id, taken_on__gte=since,
                                       pk=Subquery(latest), person__merged_into=None)
                .exclude(flag="").select_related("person").defer("person__cpr").order_by("taken_on", "pk"))
    if to_psychologist:
        checkins = checkins.filter(flag=CheckInFlag.PSYCHOLOGIST)
    elif _mine_only(user):
        checkins = checkins.filter(person__courses__consultant=user,
                                   person__courses__status__in=OPEN_STATUSES).distinct()
    found = list(checkins[:limit])
    if found:
        record_list(user, object_type="wellbeing_checkin", count=len(found), summary="start page: flagged check-ins")
    return [{**checkin_as_seen_by(user, checkin), "person": checkin.person} for checkin in found]


def trend_for(user, *, municipality: Municipality | None = None, months: int = 12) -> list[dict]:
    """The suppressed figures per month. Municipal roles see their own municipality; the network secretariat
    any. Aggregates without personal data: like the key figures, reading them writes no audit row (a refused
    attempt does)."""
    require_or_refuse(user, "wellbeing.trend", object_type="wellbeing_trend")
    municipality = municipality or user.municipality
    if municipality is None:
        not_found(user, "wellbeing.trend", object_type="municipality")
    if user.municipality_id is not None and municipality.pk != user.municipality_id:
        not_found(user, "wellbeing.trend", object_type="municipality", object_id=municipality.pk)
    return selectors.municipality_trend(municipality, months)


def _same_municipality(user, person, action: str, object_type: str) -> None:
    if person.municipality_id != user.municipality_id:
        not_found(user, action, object_type=object_type, object_id=person.pk)

