"""Reads for the wellbeing app: when a check-in is due, a person's trend, and the municipality's figures over
time (suppressed: no count from 1 to 4 is shown or can be worked out from a total)."""

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import DateField, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from nextwork.core.models import Municipality
from nextwork.people.models import Course
from nextwork.people.selectors import OPEN_STATUSES

from .models import CheckIn, GoalProgress
from .services.checkins import EVERY_MONTHS, MIN_DAYS_BETWEEN, next_due

MAX_MONTHS = 36
SMALLEST_SHOWN = 5  # counts from 1 to 4 are suppressed
DUE_SOON_DAYS = 7  # the start page lists check-ins due within a week


def open_course(person) -> Course | None:
    return (Course.objects.filter(person=person, status__in=OPEN_STATUSES).order_by("-referred_on", "-pk")
            .first())


def course_anchor(course: Course | None) -> dt.date | None:
    return (course.started_on or course.referred_on) if course is not None else None


def person_next_due(person) -> dt.date | None:
    last = CheckIn.objects.filter(person=person).order_by("-taken_on").values_list("taken_on", flat=True).first()
    return next_due(anchor=course_anchor(open_course(person)), last_taken_on=last)


def due_checkins(*, municipality_id: int, today: dt.date, consultant=None) -> list[Course]:
    """Open courses whose check-in is due (or due within a week), each with `.checkin_due`. One query."""
    last = (CheckIn.objects.filter(person=OuterRef("person")).order_by("-taken_on").values("taken_on")[:1])
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    courses = (Course.objects.filter(municipality_id=municipality_id, status__in=OPEN_STATUSES,
                                     person__merged_into=None, person__erased_on=None)
               .annotate(anchor=Coalesce("started_on", "referred_on", output_field=DateField()),
                         last_checkin=Subquery(last, output_field=DateField()))
               .filter(anchor__lte=soon)
               .filter(Q(last_checkin__isnull=True)
                       | Q(last_checkin__lt=F("anchor") - dt.timedelta(days=MIN_DAYS_BETWEEN))
                       | Q(last_checkin__lte=soon - relativedelta(months=EVERY_MONTHS)))
               .select_related("person").defer("person__cpr").order_by("person__first_name", "person__last_name"))
    if consultant is not None:
        courses = courses.filter(consultant=consultant)
    found = list(courses)
    for course in found:
        course.checkin_due = next_due(anchor=course.anchor, last_taken_on=course.last_checkin)
    found.sort(key=lambda course: course.checkin_due)
    return found


def checkins_of(person) -> list[CheckIn]:
    return list(CheckIn.objects.filter(person=person).select_related("recorded_by").order_by("-taken_on", "-pk"))


# The young person's own trend, in plain words: never a score, never a label of illness.

@dataclass(frozen=True)
class OwnTrend:
    count: int
    mood: str  # "better" | "same" | "harder" | "" (first check-in)
    lonely: str  # "less" | "same" | "more" | ""
    work: str  # "more" | "same" | "less" | ""
    dates: list


def own_trend(person) -> OwnTrend:
    checkins = list(CheckIn.objects.filter(person=person).order_by("-taken_on", "-pk")
                    .values("taken_on", "who5_raw", "loneliness_score", "work_identity_mean")[:12])
    if len(checkins) < 2:
        return OwnTrend(len(checkins), "", "", "", [c["taken_on"] for c in checkins])
    now, before = checkins[0], checkins[1]

    def compare(a, b, up: str, down: str, margin: float) -> str:
        return up if a - b >= margin else down if b - a >= margin else "same"

    return OwnTrend(
        count=len(checkins),
        mood=compare(now["who5_raw"], before["who5_raw"], "better", "harder", 3),  # 3 raw = 12 points of 100
        lonely=compare(before["loneliness_score"], now["loneliness_score"], "less", "more", 1),
        work=compare(now["work_identity_mean"], before["work_identity_mean"], "more", "less", 0.5),
        dates=[c["taken_on"] for c in reversed(checkins)],
    )


# The municipality's figures over time

def _months(today: dt.date, months: int) -> list[dt.date]:
    first = today.replace(day=1)
    return [first - relativedelta(months=back) for back in range(months - 1, -1, -1)]


def _share(count: int, total: int) -> tuple[float | None, bool]:
    """The share, or None when the count or what is left of the total is from 1 to 4 (the second would let
    the first be worked out from the total shown)."""
    if 0 < count < SMALLEST_SHOWN or 0 < total - count < SMALLEST_SHOWN:
        return None, True
    return round(count / total, 3), False


def municipality_trend(municipality: Municipality, months: int, *, today: dt.date | None = None) -> list[dict]:
    """Per calendar month, oldest first: {month (first day), n, who5_mean, flagged_share (WHO-5 50 or below),
    psychologist_share (28 or below), severe_loneliness_share, work_identity_mean, goals_n,
    goals_progressing_share, suppressed, hidden}. Each young person counts once a month (their latest
    check-in). `suppressed`: n from 1 to 4, every figure hidden; `hidden`: the shares hidden because their
    count, or the rest of n, is from 1 to 4. Three queries, whatever the size."""
    months = max(1, min(int(months), MAX_MONTHS))
    today = today or dt.date.today()
    starts = _months(today, months)
    end = starts[-1] + relativedelta(months=1)
    latest: dict[tuple[dt.date, int], dict] = {}
    for row in (CheckIn.objects.filter(municipality=municipality, taken_on__gte=starts[0], taken_on__lt=end)
                .order_by("taken_on", "pk")
                .values("person_id", "taken_on", "who5_percent", "flag", "severe_loneliness",
                        "work_identity_mean")):
        latest[(row["taken_on"].replace(day=1), row["person_id"])] = row
    goals = _goals_by_month(municipality, starts[0], end)
    rows = []
    for start in starts:
        found = [row for (month, _person), row in latest.items() if month == start]
        rows.append(_month_row(start, found, goals.get(start, [])))
    return rows


def _goals_by_month(municipality, first: dt.date, end: dt.date) -> dict[dt.date, list[bool]]:
    """Per month, for each goal marked that month: whether its latest mark that month is higher than the mark
    before it (a goal set that month and not yet moved is not progressing)."""
    marks: dict[int, list[tuple[dt.date, int]]] = {}
    for goal_id, on, level in (GoalProgress.objects.filter(goal__municipality=municipality, marked_on__lt=end)
                               .order_by("goal_id", "marked_on", "pk")
                               .values_list("goal_id", "marked_on", "level")):
        marks.setdefault(goal_id, []).append((on, level))
    result: dict[dt.date, list[bool]] = {}
    for goal_marks in marks.values():
        for month in sorted({on.replace(day=1) for on, _level in goal_marks if on >= first}):
            before = [level for on, level in goal_marks if on < month]
            within = [level for on, level in goal_marks if on.replace(day=1) == month]
            previous = before[-1] if before else within[0]
            result.setdefault(month, []).append(within[-1] > previous)
    return result


def _month_row(start: dt.date, found: list[dict], goals: list[bool]) -> dict:
    n = len(found)
    row = {"month": start, "n": n, "who5_mean": None, "flagged_share": None, "psychologist_share": None,
           "severe_loneliness_share": None, "work_identity_mean": None, "goals_n": len(goals),
           "goals_progressing_share": None, "suppressed": 0 < n < SMALLEST_SHOWN, "hidden": []}
    if 0 < len(goals) < SMALLEST_SHOWN:
        row["goals_n"] = None
        row["hidden"].append("goals_n")
    elif goals:
        row["goals_progressing_share"], hidden = _share(sum(goals), len(goals))
        if hidden:
            row["hidden"].append("goals_progressing_share")
    if n == 0:
        return row
    if row["suppressed"]:
        row["n"] = None
        return row
    row["who5_mean"] = round(sum(r["who5_percent"] for r in found) / n, 1)
    row["work_identity_mean"] = round(sum(r["work_identity_mean"] for r in found) / n, 2)
    counts = {
        "flagged_share": sum(1 for r in found if r["flag"]),
        "psychologist_share": sum(1 for r in found if r["flag"] == "psychologist"),
        "severe_loneliness_share": sum(1 for r in found if r["severe_loneliness"]),
    }
    for name, count in counts.items():
        row[name], hidden = _share(count, n)
        if hidden:
            row["hidden"].append(name)
    return row
