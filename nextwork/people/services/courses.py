import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require
from nextwork.core.roles import Role

from ..choices import FOLLOW_UP_MONTHS, CourseStatus, TimelineKind
from ..models import Course, Exit, FollowUp, YoungPerson
from .timeline import timeline_add

ALLOWED_TRANSITIONS = {
    CourseStatus.REFERRED: {CourseStatus.ACTIVE, CourseStatus.PAUSED},
    CourseStatus.ACTIVE: {CourseStatus.PAUSED},
    CourseStatus.PAUSED: {CourseStatus.ACTIVE},
    CourseStatus.ENDED: set(),
}
CONSULTANT_ROLES = {Role.YOUTH_CONSULTANT, Role.TEAM_LEAD, Role.COMPANY_CONSULTANT}


@transaction.atomic
def course_change_status(*, actor, course: Course, status: str, on: dt.date) -> Course:
    require(actor, "course.change_status")
    if status == CourseStatus.ENDED:
        raise DomainError(_("A course is ended by recording its exit."), field="status")
    if status not in ALLOWED_TRANSITIONS[course.status]:
        raise DomainError(
            _("A course that is %(current)s cannot become %(new)s.")
            % {"current": course.get_status_display().lower(), "new": CourseStatus(status).label.lower()},
            field="status",
        )
    if on < course.referred_on:
        raise DomainError(_("The date cannot be before the referral date."), field="on")
    before = course.status
    course.status = status
    if status == CourseStatus.ACTIVE and course.started_on is None:
        course.started_on = on
    course.save(update_fields=["status", "started_on"])
    timeline_add(course=course, kind=TimelineKind.STATUS, actor=actor, on=on,
                 message=gettext_noop("Status: %(status)s"), params={"status": course.status})
    audit.record_change(actor=actor, object_type="course", object_id=course.pk,
                        municipality_id=course.municipality_id, changes={"status": (before, status)})
    return course


@transaction.atomic
def course_internship_started(*, actor, course: Course, on: dt.date) -> Course:
    """An internship started: a referred course becomes active, from the internship's first day unless it has a
    start already. Called by the companies app inside its own transaction, after it checked that the actor may
    manage internships (a company consultant may, without the right to change a course's status by hand).
    A course that is active, paused or ended keeps its status."""
    course.refresh_from_db(from_queryset=Course.objects.select_for_update())
    if course.status != CourseStatus.REFERRED:
        return course
    before = course.status
    course.status = CourseStatus.ACTIVE
    if course.started_on is None:
        course.started_on = on
    course.save(update_fields=["status", "started_on"])
    timeline_add(course=course, kind=TimelineKind.STATUS, actor=actor, on=on,
                 message=gettext_noop("Status: %(status)s (an internship started)"),
                 params={"status": course.status})
    audit.record_change(actor=actor, object_type="course", object_id=course.pk,
                        municipality_id=course.municipality_id, changes={"status": (before, course.status)})
    return course


@transaction.atomic
def course_assign_consultant(*, actor, course: Course, consultant) -> Course:
    require(actor, "course.assign_consultant")
    if consultant.municipality_id != course.municipality_id or not consultant.has_role(*CONSULTANT_ROLES):
        raise DomainError(_("Choose a consultant from your own team."), field="consultant")
    if not consultant.is_active:
        raise DomainError(_("This consultant's account is inactive."), field="consultant")
    before = course.consultant_id
    course.consultant = consultant
    course.save(update_fields=["consultant"])
    audit.record_change(actor=actor, object_type="course", object_id=course.pk,
                        municipality_id=course.municipality_id, changes={"consultant": (before, consultant.pk)})
    timeline_add(course=course, kind=TimelineKind.ASSIGNED, actor=actor,
                 message=gettext_noop("Responsible consultant: %(name)s"), params={"name": str(consultant)})
    return course


def course_end_check(*, course: Course, exit_date: dt.date) -> None:
    """The rules of an exit, also asked before the user is asked to confirm it."""
    if course.status == CourseStatus.ENDED:
        raise DomainError(_("This course has already ended."), field="exit_type")
    if exit_date < course.referred_on:
        raise DomainError(_("The exit date cannot be before the referral date."), field="exit_date")
    if exit_date > dt.date.today():
        raise DomainError(_("The exit date cannot be in the future."), field="exit_date")


@transaction.atomic
def course_end(
    *, actor, course: Course, exit_type: str, exit_date: dt.date, employer_or_school: str = "", note: str = "",
) -> Exit:
    require(actor, "course.end")
    course_end_check(course=course, exit_date=exit_date)
    exit = Exit.objects.create(course=course, exit_type=exit_type, exit_date=exit_date,
                               employer_or_school=employer_or_school, note=note, recorded_by=actor)
    FollowUp.objects.bulk_create(
        FollowUp(exit=exit, municipality_id=course.municipality_id, months_after=months,
                 due_on=exit_date + relativedelta(months=months))
        for months in FOLLOW_UP_MONTHS
    )
    before = course.status
    course.status, course.ended_on = CourseStatus.ENDED, exit_date
    course.save(update_fields=["status", "ended_on"])
    audit.record_change(actor=actor, object_type="course", object_id=course.pk,
                        municipality_id=course.municipality_id,
                        changes={"status": (before, CourseStatus.ENDED), "exit": ("", exit_type),
                                 "ended_on": ("", exit_date)})
    timeline_add(course=course, kind=TimelineKind.EXIT, actor=actor, on=exit_date,
                 message=gettext_noop("Course ended: %(exit)s"), params={"exit": exit_type})
    return exit


@transaction.atomic
def follow_up_record(*, actor, follow_up: FollowUp, outcome: str, note: str = "", on: dt.date) -> FollowUp:
    require(actor, "course.record_follow_up")
    if on < follow_up.exit.exit_date:
        raise DomainError(_("A follow-up cannot be recorded before the exit."), field="on")
    before = follow_up.outcome
    follow_up.outcome, follow_up.note, follow_up.recorded_on, follow_up.recorded_by = outcome, note, on, actor
    follow_up.save(update_fields=["outcome", "note", "recorded_on", "recorded_by"])
    timeline_add(course=follow_up.exit.course, kind=TimelineKind.FOLLOW_UP, actor=actor, on=on,
                 message=gettext_noop("Follow-up after %(months)s months: %(outcome)s"),
                 params={"months": follow_up.months_after, "outcome": outcome})
    audit.record_change(actor=actor, object_type="follow_up", object_id=follow_up.pk,
                        municipality_id=follow_up.municipality_id,
                        changes={"outcome": (before, outcome), "recorded_on": ("", on)})
    return follow_up


@transaction.atomic
def course_start_new(*, actor, person: YoungPerson, referred_on: dt.date) -> Course:
    """A young person who comes back after an exit gets a new course; the old one stays as history."""
    require(actor, "person.create")
    if person.courses.exclude(status=CourseStatus.ENDED).exists():
        raise DomainError(_("This young person already has an open course."), field="referred_on")
    course = Course.objects.create(municipality_id=person.municipality_id, person=person,
                                   referred_on=referred_on, status=CourseStatus.REFERRED)
    timeline_add(course=course, kind=TimelineKind.INTAKE, actor=actor, on=referred_on,
                 message=gettext_noop("Referred to NExTWORK again (new course)."))
    audit.record(actor=actor, action="create", object_type="course", object_id=course.pk,
                 municipality_id=course.municipality_id, summary=f"new course for young person {person.pk}")
    return course
