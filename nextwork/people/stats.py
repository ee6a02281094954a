"""Aggregates without personal data (managers, the network secretariat) and pseudonymised rows (researchers)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q
from django.utils.translation import gettext_lazy as _

from nextwork.core.crypto import pseudonym
from nextwork.core.models import Municipality

from .choices import JOB_OR_EDUCATION_EXITS, BenefitType, CourseStatus, ExitType, ReferralSource
from .models import Course, Exit, FollowUp, ResearchRecord

PSEUDONYMISED_COLUMNS = ("person", "course", "municipality", "birth_year", "referral_source", "benefit_type",
                         "referred_on", "started_on", "ended_on", "status", "exit_type", "stayed_12_months")


@dataclass(frozen=True)
class MunicipalityFigures:
    municipality: Municipality
    by_status: dict
    exits: list
    job_or_education_share: float | None
    started_last_90_days: int
    average_days_to_start: float | None
    follow_ups_due: int
    stayed_share: float | None


def municipality_figures(*, municipality: Municipality, today: dt.date | None = None) -> MunicipalityFigures:
    today = today or dt.date.today()
    courses = Course.objects.filter(municipality=municipality, person__merged_into=None)
    by_status = dict(courses.values_list("status").annotate(n=Count("id")))
    exits = Exit.objects.filter(course__municipality=municipality)
    exit_counts = dict(exits.values_list("exit_type").annotate(n=Count("id")))
    total_exits = sum(exit_counts.values())
    into_work = sum(n for kind, n in exit_counts.items() if kind in JOB_OR_EDUCATION_EXITS)
    # One query each for the courses' and the follow-ups' figures (the start page shows them).
    started = courses.filter(started_on__isnull=False).aggregate(
        avg=Avg(F("started_on") - F("referred_on")),
        recent=Count("id", filter=Q(started_on__gte=today - dt.timedelta(days=90))))
    days = started["avg"]
    good_exit = Q(exit__exit_type__in=JOB_OR_EDUCATION_EXITS) & ~Q(outcome="")
    follow_ups = FollowUp.objects.filter(municipality=municipality).aggregate(
        total=Count("id", filter=good_exit), stayed=Count("id", filter=good_exit & Q(outcome="stayed")),
        due=Count("id", filter=Q(due_on__lte=today, recorded_on=None)))
    recorded = follow_ups
    return MunicipalityFigures(
        municipality=municipality,
        by_status={CourseStatus(s).label: by_status.get(s, 0) for s in CourseStatus.values},
        exits=[(ExitType(kind).label, exit_counts.get(kind, 0)) for kind in ExitType.values],
        job_or_education_share=into_work / total_exits if total_exits else None,
        started_last_90_days=started["recent"],
        average_days_to_start=_days(days),
        follow_ups_due=follow_ups["due"],
        stayed_share=recorded["stayed"] / recorded["total"] if recorded["total"] else None,
    )


def status_counts(*, municipality_id: int) -> list[tuple[str, int]]:
    """How many courses are in each status: what the authority needs at a glance, without names."""
    counts = dict(Course.objects.filter(municipality_id=municipality_id, person__merged_into=None)
                  .values_list("status").annotate(n=Count("id")))
    return [(CourseStatus(status).label, counts.get(status, 0)) for status in CourseStatus.values]


def _days(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, dt.timedelta):
        return round(value.total_seconds() / 86400, 1)
    return round(float(value) / 86_400_000_000, 1)  # SQLite returns microseconds


@dataclass(frozen=True)
class NetworkRow:
    municipality: Municipality
    open_courses: int
    active: int
    ended: int
    job_or_education_exits: int


def network_figures() -> list[NetworkRow]:
    open_statuses = [CourseStatus.REFERRED, CourseStatus.ACTIVE, CourseStatus.PAUSED]
    municipalities = Municipality.objects.annotate(
        open_courses=Count("courses", filter=Q(courses__status__in=open_statuses), distinct=True),
        active=Count("courses", filter=Q(courses__status=CourseStatus.ACTIVE), distinct=True),
        ended=Count("courses", filter=Q(courses__status=CourseStatus.ENDED), distinct=True),
        good_exits=Count("courses", filter=Q(courses__exit__exit_type__in=JOB_OR_EDUCATION_EXITS), distinct=True),
    ).order_by("name")
    return [NetworkRow(m, m.open_courses, m.active, m.ended, m.good_exits) for m in municipalities]


def pseudonymised_courses() -> list[dict]:
    """One row per course with pseudonyms instead of identities; names and CPR numbers are never loaded.
    Young people who withdrew their consent are left out; erased courses count through their frozen
    research record (research-phase municipalities only, see docs/privacy.md)."""
    courses = Course.objects.filter(person__merged_into=None, erased_on=None, person__consent_withdrawn_on=None)
    records = ResearchRecord.objects.select_related("municipality").order_by("pk")
    return [*pseudonymised_rows(courses), *(_record_row(record) for record in records.iterator(chunk_size=2000))]


def pseudonymised_rows(courses) -> list[dict]:
    """The research rows of a queryset of courses (also what the erasure freezes into a ResearchRecord)."""
    stayed = dict(
        FollowUp.objects.filter(months_after=12, exit__course__in=courses).exclude(outcome="")
        .values_list("exit__course_id", "outcome")
    )
    rows = courses.order_by("pk").values(
        "pk", "person_id", "municipality__name", "person__birth_date",
        "person__referral_source", "person__benefit_type", "referred_on", "started_on", "ended_on", "status",
        "exit__exit_type",
    )
    return [
        {
            "person": pseudonym("person", row["person_id"]),
            "course": pseudonym("course", row["pk"]),
            "municipality": row["municipality__name"],
            "birth_year": row["person__birth_date"].year,
            "referral_source": row["person__referral_source"],
            "benefit_type": row["person__benefit_type"],
            "referred_on": row["referred_on"].isoformat(),
            "started_on": row["started_on"].isoformat() if row["started_on"] else "",
            "ended_on": row["ended_on"].isoformat() if row["ended_on"] else "",
            "status": row["status"],
            "exit_type": row["exit__exit_type"] or "",
            "stayed_12_months": _stayed(stayed.get(row["pk"])),
        }
        for row in rows.iterator(chunk_size=2000)
    ]


def _record_row(record: ResearchRecord) -> dict:
    return {
        "person": record.person, "course": record.course, "municipality": record.municipality.name,
        "birth_year": record.birth_year, "referral_source": record.referral_source,
        "benefit_type": record.benefit_type, "referred_on": record.referred_on.isoformat(),
        "started_on": record.started_on.isoformat() if record.started_on else "",
        "ended_on": record.ended_on.isoformat() if record.ended_on else "", "status": record.status,
        "exit_type": record.exit_type, "stayed_12_months": record.stayed_12_months,
    }


def _stayed(outcome: str | None) -> str:
    if outcome in (None, "unknown"):
        return ""
    return "yes" if outcome == "stayed" else "no"


PSEUDONYMISED_LABELS = {
    "person": _("Person (pseudonym)"), "course": _("Course (pseudonym)"), "municipality": _("Municipality"),
    "birth_year": _("Birth year"), "referral_source": _("Referral source"), "benefit_type": _("Benefit type"),
    "referred_on": _("Referred on"), "started_on": _("Started on"), "ended_on": _("Ended on"),
    "status": _("Status"), "exit_type": _("Exit"), "stayed_12_months": _("In job or education after 12 months"),
}
_VALUE_LABELS = {
    "referral_source": ReferralSource, "benefit_type": BenefitType, "status": CourseStatus, "exit_type": ExitType,
}
_STAYED_LABELS = {"yes": _("Yes"), "no": _("No"), "": ""}


def labelled(row: dict) -> list:
    """A row for the page: the labels staff read, where the CSV keeps the codes analysts join on."""
    values = []
    for column in PSEUDONYMISED_COLUMNS:
        value = row[column]
        if column in _VALUE_LABELS and value:
            value = _VALUE_LABELS[column](value).label
        elif column == "stayed_12_months":
            value = _STAYED_LABELS.get(value, value)
        values.append(value)
    return values
