"""The wellbeing app's pieces of the composed pages (listed in nextwork/portal/panels.py): the check-ins,
goals and concerns on the young person's page, the tasks and the open concerns on the start page, and the
check-in and goals on the young person's own page."""

import datetime as dt

from django.http import HttpResponseRedirect

from nextwork.core.errors import DomainError
from nextwork.core.panels import Panel, SelfSection
from nextwork.core.permissions import can
from nextwork.people.panels import current_course

from . import access, forms, selectors
from .models import ConcernProcedure, Goal, GoalStatus
from .services import checkins, goals
from .services.checkins import next_due


def procedure_for(municipality_id, *, needed: bool = True) -> dict:
    """The municipality's procedure and crisis numbers; the emergency number is always there. Not read when
    not `needed` (nothing open to show it with)."""
    procedure = ConcernProcedure.objects.filter(municipality_id=municipality_id).first() if needed else None
    numbers = procedure.numbers() if procedure else []
    return {"procedure": procedure, "crisis_numbers": numbers,
            "emergency_listed": any("112" in line for line in numbers)}


def person_wellbeing_context(request, person) -> dict:
    user = request.user
    checkins_seen = access.checkins_of(user, person)
    # The course the page has already read (people.panels caches it on the person): no query of its own.
    due = next_due(anchor=selectors.course_anchor(current_course(person)),
                   last_taken_on=checkins_seen[0]["taken_on"] if checkins_seen else None)
    context = {
        "checkins": checkins_seen, "latest_checkin": checkins_seen[0] if checkins_seen else None,
        "checkin_due": due, "today": dt.date.today(),
        "may_who5": can(user, "wellbeing.who5_details"),
        "may_record": can(user, "wellbeing.checkin_record"),
        "may_goals": can(user, "wellbeing.goal_manage"),
        "goals": access.goals_of(user, person) if can(user, "wellbeing.goal_view") else [],
        "goal_form": forms.GoalForm(), "progress_form": forms.ProgressForm(),
    }
    if context["may_record"]:
        context["checkin_form"] = forms.CheckInForm(with_date=True, auto_id="id_staff_%s")
    return context


def person_concerns_context(request, person) -> dict:
    user = request.user
    flags = access.concerns_of(user, person) if can(user, "concern.view") else []
    open_flags = [f for f in flags if f.status == "open"]
    return {"open_concerns": open_flags, "closed_concerns": [f for f in flags if f.status == "closed"],
            "concern_form": forms.ConcernForm(auto_id="id_concern_%s"), "person": person,
            **procedure_for(person.municipality_id, needed=bool(open_flags))}


PERSON_CONCERNS = Panel("wellbeing/_person_concerns.html", person_concerns_context, "concern.raise", column="top")
PERSON_WELLBEING = Panel("wellbeing/_person_wellbeing.html", person_wellbeing_context, "wellbeing.checkin_view")


# The start page


def start_concerns_context(request, today: dt.date) -> dict:
    flags = access.open_concerns(request.user)
    return {"open_concerns": flags, **procedure_for(request.user.municipality_id, needed=bool(flags))}


def start_checkins_context(request, today: dt.date) -> dict:
    user = request.user
    return {"checkins_due": access.due_checkins(user, today=today) if can(user, "wellbeing.checkin_record") else [],
            "flagged_checkins": access.flagged_checkins(user, today=today),
            "to_psychologist": can(user, "wellbeing.who5_details"), "today": today}


def start_trend_context(request, today: dt.date) -> dict:
    """Only the way to the figures: the start page stays within its query budget."""
    return {}


START_CONCERNS = Panel("wellbeing/_start_concerns.html", start_concerns_context, "concern.follow")
START_CHECKINS = Panel("wellbeing/_start_checkins.html", start_checkins_context, "wellbeing.checkin_view")
START_TREND = Panel("wellbeing/_start_trend.html", start_trend_context, "wellbeing.trend")


# The young person's own page: the check-in when it is due, their goals, their own trend in plain words.


def self_section(link, *, today: dt.date, state: dict) -> dict:
    person = link.person
    due = selectors.person_next_due(person)
    active = list(Goal.objects.filter(person=person, status=GoalStatus.ACTIVE).prefetch_related("progress"))
    reached = list(Goal.objects.filter(person=person, status=GoalStatus.REACHED).order_by("-set_on")[:5])
    return {
        "checkin_due": due is not None and due <= today,
        "next_due": due,
        "checkin_form": state.get("checkin_form") or forms.CheckInForm(auto_id="id_self_%s"),
        "goal_form": state.get("goal_form") or forms.GoalForm(auto_id="id_goal_%s"),
        "goals": active, "reached_goals": reached, "levels": forms.ProgressForm.base_fields["level"].choices,
        "trend": selectors.own_trend(person),
        "just_checked_in": state.get("just_checked_in", False),
        **procedure_for(person.municipality_id),
    }


def self_post(request, link, *, today: dt.date):
    person = link.person
    action = request.POST.get("action")
    if action == "wellbeing_checkin":
        form = forms.CheckInForm(request.POST, auto_id="id_self_%s")
        if form.is_valid():
            try:
                checkins.checkin_record(person=person, taken_on=today, **form.answers())
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                return HttpResponseRedirect(request.path + "?done=checked_in#wellbeing-heading")
        return {"checkin_form": form}
    if action == "wellbeing_goal":
        form = forms.GoalForm(request.POST, auto_id="id_goal_%s")
        if form.is_valid():
            try:
                goals.goal_add(person=person, text=form.cleaned_data["text"])
            except DomainError as error:
                form.add_error("text", error.message)
            else:
                return HttpResponseRedirect(request.path + "?done=goal_added#goals-heading")
        return {"goal_form": form}
    goal = Goal.objects.filter(pk=_int(request.POST.get("goal")), person=person).first()
    if goal is not None:
        try:
            if action == "wellbeing_goal_aside":
                goals.goal_put_aside(goal=goal)
            else:
                goals.goal_mark_progress(goal=goal, level=_int(request.POST.get("level")))
        except DomainError:
            pass
    return HttpResponseRedirect(request.path + "?done=goal_marked#goals-heading")


def _int(value) -> int:
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 10 else -1


SELF_WELLBEING = SelfSection("wellbeing/self/_wellbeing.html", self_section,
                             actions=("wellbeing_checkin", "wellbeing_goal", "wellbeing_goal_progress",
                                      "wellbeing_goal_aside"),
                             handle=self_post)
