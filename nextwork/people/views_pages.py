"""Context for a young person's page, shared by the page view and the course forms that re-render it."""

from nextwork.companies.views_people import internship_context
from nextwork.core.permissions import can
from nextwork.groups.person_context import person_groups_context  # network groups on the page

from . import forms, selectors
from .choices import CourseStatus, Weekday
from .models import Course, PsychologistConversation, TimelineEntry


def course_page_context(user, person, *, forms_with_errors=None) -> dict:
    forms_with_errors = forms_with_errors or {}
    course_list = list(
        Course.objects.filter(person=person).select_related("consultant", "exit").order_by("-referred_on", "-id")
    )
    course = course_list[0] if course_list else None
    timeline = list(
        TimelineEntry.objects.filter(course__person=person).select_related("actor").order_by("-occurred_on", "-id")
    )
    psychologist_notes = []
    if can(user, "psychologist_note.read"):
        psychologist_notes = list(
            PsychologistConversation.objects.filter(course__person=person).select_related("author")
        )
    follow_ups = []
    if course is not None and course.status == CourseStatus.ENDED and hasattr(course, "exit"):
        follow_ups = list(course.exit.follow_ups.all())
    municipality_id = user.municipality_id

    def form(action, form_class, **kwargs):
        return forms_with_errors.get(action) or form_class(**kwargs)

    return {
        **person_groups_context(user, person),  # network groups: history and attendance
        "person": person,
        "available_days_display": ", ".join(str(Weekday(day).label) for day in person.available_days),
        "course": course,
        "earlier_courses": course_list[1:],
        "timeline": timeline,
        "psychologist_notes": psychologist_notes,
        "follow_ups": follow_ups,
        "duplicates": selectors.possible_duplicates_of(person) if can(user, "person.merge") else [],
        "status_form": form("course.change_status", forms.StatusForm),
        "assign_form": form("course.assign_consultant", forms.AssignForm, municipality_id=municipality_id,
                            initial={"consultant": course.consultant_id if course else None}),
        "conversation_form": form("note.create", forms.ConversationForm),
        "psychologist_form": form("psychologist_note.write", forms.PsychologistConversationForm),
        "exit_form": form("course.end", forms.ExitForm),
        "new_course_form": forms.NewCourseForm(),
        "open_form": next(iter(forms_with_errors), None),
        # Internships (nextwork.companies): the young person's internships on their page.
        **internship_context(user, person),
        "may": {
            action.replace(".", "_"): can(user, action)
            for action in ("person.edit", "person.merge", "person.create", "course.change_status",
                           "course.assign_consultant", "course.end", "note.create", "psychologist_note.write",
                           "psychologist_note.read")
        },
    }
