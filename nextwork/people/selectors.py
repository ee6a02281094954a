"""Reads for young people and courses. Lists are built to use a fixed number of queries."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nextwork.core.models import Municipality, User
from nextwork.core.roles import Role
from nextwork.core.staff import staff_with_roles
from nextwork.core.tables import Column, Sort, order_by

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


def _current_course(field: str) -> Subquery:
    """A field of the person's current course (the newest, as `current_course_prefetch` orders them)."""
    return Subquery(Course.objects.filter(person=OuterRef("pk")).order_by("-referred_on", "-id").values(field)[:1])


def _current(person: YoungPerson) -> Course | None:
    return person.course_list[0] if person.course_list else None


def _of_current(read):
    return lambda person: read(_current(person)) if _current(person) else ""


# The young people list: its columns, sorted in the database (the current course's fields by subquery).
PEOPLE_COLUMNS = (
    Column("name", gettext_lazy("Name"), lambda person: person.full_name, sort=("first_name", "last_name")),
    Column("birth_date", gettext_lazy("Birth date"), lambda person: person.birth_date, sort=("birth_date",)),
    Column("status", gettext_lazy("Status"), _of_current(lambda course: course.get_status_display()),
           sort=(_current_course("status"),)),
    Column("consultant", gettext_lazy("Responsible consultant"),
           _of_current(lambda course: str(course.consultant or "")),
           sort=(_current_course("consultant__first_name"), _current_course("consultant__last_name"))),
    Column("referred_on", gettext_lazy("Referred on"), _of_current(lambda course: course.referred_on),
           sort=(_current_course("referred_on"),)),
)


def young_people_list(people: QuerySet, *, search: str = "", status: str = "", consultant_id: int | None = None,
                      sort: Sort | None = None) -> QuerySet:
    """Filters a scoped queryset of young people (see access.young_people_for), sorted by a column of
    PEOPLE_COLUMNS (by name without one)."""
    if search:
        for word in search.split():
            people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    if status:
        # Same-municipality condition lets PostgreSQL use the (municipality, status) index instead of
        # scanning every course in the country.
        people = people.filter(courses__status=status, courses__municipality=F("municipality"))
    if consultant_id:
        people = people.filter(courses__consultant_id=consultant_id, courses__status__in=OPEN_STATUSES)
    ordering = order_by(PEOPLE_COLUMNS, sort) if sort else ("first_name", "last_name", "pk")
    return (
        people.distinct().order_by(*ordering).defer("cpr")  # lists never decrypt CPR numbers
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


def _exit_shown(follow_up: FollowUp) -> str:
    exit_ = follow_up.exit
    return f"{exit_.get_exit_type_display()} ({date_format(exit_.exit_date, 'SHORT_DATE_FORMAT')})"


FOLLOW_UP_COLUMNS = (
    Column("person", gettext_lazy("Young person"), lambda follow_up: follow_up.exit.course.person.full_name,
           sort=("exit__course__person__first_name", "exit__course__person__last_name")),
    Column("exit", gettext_lazy("Exit"), _exit_shown, sort=("exit__exit_date",)),
    Column("months_after", gettext_lazy("Months after exit"), lambda follow_up: follow_up.months_after,
           sort=("months_after",)),
    Column("due_on", gettext_lazy("Due"), lambda follow_up: follow_up.due_on, sort=("due_on",)),
)


def due_follow_ups(*, municipality_id: int, today: dt.date, consultant: User | None = None,
                   sort: Sort | None = None) -> QuerySet:
    follow_ups = FollowUp.objects.filter(
        municipality_id=municipality_id, due_on__lte=today, recorded_on=None,
        exit__course__person__merged_into=None,
        exit__course__municipality_id=municipality_id,  # lets PostgreSQL start from the municipality's courses
    ).select_related("exit", "exit__course", "exit__course__person").defer("exit__course__person__cpr")
    if consultant is not None:
        follow_ups = follow_ups.filter(exit__course__consultant=consultant)
    return follow_ups.order_by(*(order_by(FOLLOW_UP_COLUMNS, sort) if sort else ("due_on", "pk")))


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


CASELOAD_COLUMNS = (
    Column("consultant", gettext_lazy("Consultant"), lambda row: str(row.consultant),
           sort=("first_name", "last_name")),
    Column("open_courses", gettext_lazy("Open courses"), lambda row: row.open_courses, sort=("open_count",)),
    Column("active", gettext_lazy("Active"), lambda row: row.active, sort=("active_count",)),
    Column("norm", gettext_lazy("Against the norm"),
           lambda row: _("Above the norm") if row.over_norm else _("Within the norm"), sort=("open_count",)),
)


def caseload(*, municipality: Municipality, sort: Sort | None = None) -> list[CaseloadRow]:
    norm = caseload_norm(municipality)
    open_filter = Q(courses__status__in=OPEN_STATUSES, courses__person__merged_into=None)
    consultants = (
        staff_with_roles(municipality_id=municipality.pk, roles=CONSULTANT_ROLES)
        .annotate(
            open_count=Count("courses", filter=open_filter),
            active_count=Count("courses", filter=open_filter & Q(courses__status=CourseStatus.ACTIVE)),
        )
        .order_by(*(order_by(CASELOAD_COLUMNS, sort) if sort else ("-open_count", "first_name")))
    )
    return [
        CaseloadRow(consultant=c, open_courses=c.open_count, active=c.active_count, norm=norm,
                    over_norm=c.open_count > norm)
        for c in consultants
        if c.open_count or c.has_role(Role.YOUTH_CONSULTANT)
    ]
