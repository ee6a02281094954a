"""The people app's pieces of the composed pages (listed in nextwork/portal/panels.py)."""

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext as _

from nextwork.core.models import Authority
from nextwork.core.panels import Panel
from nextwork.core.permissions import can
from nextwork.core.roles import Role

from . import access, forms, selectors, stats
from .choices import CourseStatus, Weekday, in_week_order


def _courses(person) -> list:
    """The person's courses, newest first; read once per page and shared by the panels."""
    if not hasattr(person, "_page_courses"):
        person._page_courses = selectors.courses_of(person)
    return person._page_courses


def current_course(person):
    courses = _courses(person)
    return courses[0] if courses else None


def authority_note(municipality) -> str:
    where = (_("Authority sits inside the NExTWORK team.") if municipality.authority == Authority.INSIDE_TEAM
             else _("Authority sits outside the NExTWORK team."))
    shared = (_("%(municipality)s has decided that network group attendance is shared with caseworkers.")
              if municipality.attendance_shared_with_caseworkers else
              _("%(municipality)s has decided that network group attendance is not shared with caseworkers."))
    return f"{where} {shared % {'municipality': municipality.name}}"


def summary_context(request, person) -> dict:
    return {
        "course": current_course(person),
        "authority_note": authority_note(person.municipality),
        "duplicates": (access.possible_duplicates_of(request.user, person)
                       if can(request.user, "person.merge") else []),
    }


def course_context(request, person) -> dict:
    """The course and its action forms (a form with errors comes back on its own page, see people/views)."""
    course = current_course(person)
    return {
        "course": course,
        "status_form": forms.StatusForm(),
        "assign_form": forms.AssignForm(municipality_id=request.user.municipality_id,
                                        initial={"consultant": course.consultant_id if course else None}),
        "conversation_form": forms.ConversationForm(),
        "psychologist_form": forms.PsychologistConversationForm(),
        "exit_form": forms.ExitForm(),
        "new_course_form": forms.NewCourseForm(),
    }


def follow_ups_context(request, person) -> dict:
    course = current_course(person)
    if course is None or course.status != CourseStatus.ENDED or not hasattr(course, "exit"):
        return {"follow_ups": []}
    return {"follow_ups": list(course.exit.follow_ups.all())}


def psychologist_notes_context(request, person) -> dict:
    return {"psychologist_notes": access.psychologist_notes_of(request.user, person)}


def conversations_context(request, person) -> dict:
    return {"conversations": access.conversations_of(request.user, person)}


def timeline_context(request, person) -> dict:
    return {"timeline": selectors.timeline_of(person, with_notes=can(request.user, "note.read"))}


def profile_context(request, person) -> dict:
    return {
        "available_days_display": ", ".join(str(Weekday(day).label) for day in in_week_order(person.available_days)),
        "earlier_courses": _courses(person)[1:],
        "today": dt.date.today(),
    }


PERSON_SUMMARY = Panel("people/panels/_summary.html", summary_context, "person.view", column="top")
PERSON_COURSE = Panel("people/panels/_course.html", course_context, "person.view")
PERSON_FOLLOW_UPS = Panel("people/panels/_follow_ups.html", follow_ups_context, "person.view")
PERSON_PSYCHOLOGIST_NOTES = Panel("people/panels/_psychologist_notes.html", psychologist_notes_context,
                                  "psychologist_note.read")
PERSON_CONVERSATIONS = Panel("people/panels/_conversations.html", conversations_context, "note.read")
PERSON_TIMELINE = Panel("people/panels/_timeline.html", timeline_context, "person.view")
PERSON_PROFILE = Panel("people/panels/_profile.html", profile_context, "person.view", column="aside")


# The start page


def my_young_people_context(request, today: dt.date) -> dict:
    courses = access.my_courses(request.user)
    steps = selectors.next_steps_for_courses(courses, today=today)
    for course in courses:
        course.next_step = steps.get(course.pk)
    return {"my_courses": courses}


def follow_ups_due_context(request, today: dt.date) -> dict:
    user = request.user
    return {"follow_ups": access.due_follow_ups(
        user, today=today, mine_only=not user.has_role(Role.TEAM_LEAD), limit=20)}


def unassigned_context(request, today: dt.date) -> dict:
    return {"unassigned": access.unassigned_courses(request.user, limit=20)}


def caseload_context(request, today: dt.date) -> dict:
    return {"caseload": selectors.caseload(municipality=request.user.municipality),
            "can_see_people": can(request.user, "person.view")}


def municipality_figures_context(request, today: dt.date) -> dict:
    return {"figures": stats.municipality_figures(municipality=request.user.municipality)}


def network_figures_context(request, today: dt.date) -> dict:
    return {"network": stats.network_figures()}


def authority_overview_context(request, today: dt.date) -> dict:
    return {"programme_counts": stats.status_counts(municipality_id=request.user.municipality_id),
            "authority_note": authority_note(request.user.municipality)}


def nothing(request, today: dt.date) -> dict:
    return {}


START_MY_YOUNG_PEOPLE = Panel("people/start/_my_young_people.html", my_young_people_context, "course.follow")
START_FOLLOW_UPS = Panel("people/start/_follow_ups.html", follow_ups_due_context, "course.record_follow_up")
START_UNASSIGNED = Panel("people/start/_unassigned.html", unassigned_context, "course.distribute")
START_CASELOAD = Panel("people/start/_caseload.html", caseload_context, "caseload.view")
START_AUTHORITY = Panel("people/start/_authority.html", authority_overview_context, "authority.overview")
START_MUNICIPALITY_FIGURES = Panel("people/_figures.html", municipality_figures_context, "stats.municipality")
START_NETWORK_FIGURES = Panel("people/_network_table.html", network_figures_context, "stats.network")
START_RESEARCH = Panel("people/start/_research.html", nothing, "research.pseudonymised")
def admin_tools(request, today: dt.date) -> dict:
    return {"demo_tools": settings.NEXTWORK_DEMO_TOOLS}


START_ADMIN = Panel("people/start/_admin.html", admin_tools, "platform.admin")
