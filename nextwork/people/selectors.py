"""Reads for young people and courses. Lists are built to use a fixed number of queries."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Lower

from nextwork.core.models import Municipality, User
from nextwork.core.roles import Role
from nextwork.core.staff import staff_with_roles

from .choices import CourseStatus, TimelineKind
from .models import Course, FollowUp, TimelineEntry, YoungPerson
from .services.courses import CONSULTANT_ROLES

OPEN_STATUSES = (CourseStatus.REFERRED, CourseStatus.ACTIVE, CourseStatus.PAUSED)
NO_CONTACT_DAYS = 14
REFERRED_WAITING_DAYS = 7


def find_duplicates(*, municipality: Municipality, first_name: str, last_name: str, birth_date: dt.date,
                    exclude_id: int | None = None) -> list[YoungPerson]:
    people = YoungPerson.objects.annotate(first=Lower("first_name"), last=Lower("last_name")).filter(
        municipality=municipality, birth_date=birth_date, merged_into=None,
        first=first_name.strip().lower(), last=last_name.strip().lower(),
    )
    if exclude_id:
        people = people.exclude(pk=exclude_id)
    return list(people)


def possible_duplicates_of(person: YoungPerson) -> list[YoungPerson]:
    return find_duplicates(municipality=person.municipality, first_name=person.first_name,
                           last_name=person.last_name, birth_date=person.birth_date, exclude_id=person.pk)


def courses_of(person: YoungPerson) -> list[Course]:
    return list(Course.objects.filter(person=person).select_related("consultant", "exit")
                .order_by("-referred_on", "-id"))


def timeline_of(person: YoungPerson, *, with_notes: bool) -> list[TimelineEntry]:
    """With `with_notes` False (a caseworker), the lines of 1:1 and psychologist conversations are left out."""
    entries = TimelineEntry.objects.filter(course__person=person).select_related("actor")
    if not with_notes:
        entries = entries.exclude(kind__in=[TimelineKind.CONVERSATION, TimelineKind.PSYCHOLOGIST])
    return list(entries.order_by("-occurred_on", "-id"))


def current_course_prefetch() -> Prefetch:
    return Prefetch(
        "courses",
        queryset=Course.objects.select_related("consultant", "exit").order_by("-referred_on", "-id"),
        to_attr="course_list",
    )


def young_people_list(people: QuerySet, *, search: str = "", status: str = "", consultant_id: int | None = None,
                      ) -> QuerySet:
    """Filters a scoped queryset of young people (see access.young_people_for)."""
    if search:
        for word in search.split():
            people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    if status:
        # Same-municipality condition lets PostgreSQL use the (municipality, status) index instead of
        # scanning every course in the country.
        people = people.filter(courses__status=status, courses__municipality=F("municipality"))
    if consultant_id:
        people = people.filter(courses__consultant_id=consultant_id, courses__status__in=OPEN_STATUSES)
    return (
        people.distinct().order_by("first_name", "last_name", "pk").defer("cpr")  # lists never decrypt CPR numbers
        .prefetch_related(current_course_prefetch())
    )


def my_courses(user: User) -> QuerySet:
    return (
        Course.objects.filter(consultant=user, status__in=OPEN_STATUSES, person__merged_into=None)
        .select_related("person")
        .defer("person__cpr")
        .order_by("person__first_name", "person__last_name")
    )


def next_steps_for_courses(courses: list[Course], *, today: dt.date) -> dict[int, str]:
    steps = {}
    for course in courses:
        if course.status == CourseStatus.REFERRED and (today - course.referred_on).days >= REFERRED_WAITING_DAYS:
            steps[course.pk] = "waiting"
        elif course.status != CourseStatus.PAUSED and (
            today - (course.last_contact_on or course.referred_on)).days > NO_CONTACT_DAYS:
            # Without any contact yet, the two weeks count from the referral, not from never.
            steps[course.pk] = "no_contact"
    return steps


def due_follow_ups(*, municipality_id: int, today: dt.date, consultant: User | None = None) -> QuerySet:
    follow_ups = FollowUp.objects.filter(
        municipality_id=municipality_id, due_on__lte=today, recorded_on=None,
        exit__course__person__merged_into=None,
        exit__course__municipality_id=municipality_id,  # lets PostgreSQL start from the municipality's courses
    ).select_related("exit", "exit__course", "exit__course__person").defer("exit__course__person__cpr")
    if consultant is not None:
        follow_ups = follow_ups.filter(exit__course__consultant=consultant)
    return follow_ups.order_by("due_on", "pk")


def unassigned_courses(*, municipality_id: int) -> QuerySet:
    return Course.objects.filter(
        municipality_id=municipality_id, consultant=None, status__in=OPEN_STATUSES, person__merged_into=None
    ).select_related("person").defer("person__cpr").order_by("referred_on", "pk")


@dataclass(frozen=True)
class CaseloadRow:
    consultant: User
    open_courses: int
    active: int
    norm: int
    over_norm: bool


def caseload_norm(municipality: Municipality) -> int:
    return municipality.caseload_norm()


def caseload(*, municipality: Municipality) -> list[CaseloadRow]:
    norm = caseload_norm(municipality)
    open_filter = Q(courses__status__in=OPEN_STATUSES, courses__person__merged_into=None)
    consultants = (
        staff_with_roles(municipality_id=municipality.pk, roles=CONSULTANT_ROLES)
        .annotate(
            open_count=Count("courses", filter=open_filter),
            active_count=Count("courses", filter=open_filter & Q(courses__status=CourseStatus.ACTIVE)),
        )
        .order_by("-open_count", "first_name")
    )
    return [
        CaseloadRow(consultant=c, open_courses=c.open_count, active=c.active_count, norm=norm,
                    over_norm=c.open_count > norm)
        for c in consultants
        if c.open_count or c.has_role(Role.YOUTH_CONSULTANT)
    ]
