"""The young person's own goals, in their own words, and how far they have come with each."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require
from nextwork.people.models import YoungPerson

from ..models import Goal, GoalProgress, GoalStatus

MAX_GOAL_LENGTH = 300
MAX_ACTIVE_GOALS = 10


def _check_actor(actor) -> None:
    if actor is not None:
        require(actor, "wellbeing.goal_manage")


@transaction.atomic
def goal_add(*, person: YoungPerson, text: str, actor=None) -> Goal:
    """`actor` None: the young person wrote it on their own page."""
    _check_actor(actor)
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write your goal in your own words."), field="text")
    if len(text) > MAX_GOAL_LENGTH or "\x00" in text:
        raise DomainError(_("Keep the goal to %(count)d characters.") % {"count": MAX_GOAL_LENGTH}, field="text")
    if Goal.objects.filter(person=person, status=GoalStatus.ACTIVE).count() >= MAX_ACTIVE_GOALS:
        raise DomainError(_("There are already %(count)d goals being worked on. Mark one as reached or put one "
                            "aside first.") % {"count": MAX_ACTIVE_GOALS}, field="text")
    today = dt.date.today()
    goal = Goal.objects.create(person=person, municipality_id=person.municipality_id, text=text, set_on=today,
                               written_with=actor)
    GoalProgress.objects.create(goal=goal, marked_on=today, level=GoalProgress.Level.NOT_YET, marked_with=actor)
    if actor is not None:
        audit.record(actor=actor, action="create", object_type="wellbeing_goal", object_id=goal.pk,
                     municipality_id=person.municipality_id, summary=f"goal of young person {person.pk}")
    return goal


@transaction.atomic
def goal_mark_progress(*, goal: Goal, level: int, actor=None) -> GoalProgress:
    _check_actor(actor)
    if level not in GoalProgress.Level.values:
        raise DomainError(_("Choose how far you have come."), field="level")
    if goal.status != GoalStatus.ACTIVE:
        raise DomainError(_("This goal is no longer being worked on."), field="level")
    today = dt.date.today()
    # One mark a day: a new tap the same day corrects it.
    GoalProgress.objects.filter(goal=goal, marked_on=today).delete()
    progress = GoalProgress.objects.create(goal=goal, marked_on=today, level=level, marked_with=actor)
    if level == GoalProgress.Level.REACHED:
        goal.status = GoalStatus.REACHED
        goal.save(update_fields=["status"])
    if actor is not None:
        audit.record_change(actor=actor, object_type="wellbeing_goal", object_id=goal.pk,
                            municipality_id=goal.municipality_id, changes={"progress": level})
    return progress


@transaction.atomic
def goal_put_aside(*, goal: Goal, actor=None) -> Goal:
    _check_actor(actor)
    if goal.status != GoalStatus.ACTIVE:
        raise DomainError(_("This goal is no longer being worked on."), field="level")
    goal.status = GoalStatus.DROPPED
    goal.save(update_fields=["status"])
    if actor is not None:
        audit.record_change(actor=actor, object_type="wellbeing_goal", object_id=goal.pk,
                            municipality_id=goal.municipality_id, changes={"status": ("active", "dropped")})
    return goal
