"""Devising meetings: date, who was there (staff, and others in words without names), notes, and the
experiments discussed (each gets a line in its history)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.core.errors import DomainError
from nextwork.core.models import User
from nextwork.core.permissions import require

from ..models import DevisingMeeting, Experiment
from ._text import clean_text
from .experiments import history_add


@transaction.atomic
def meeting_create(*, actor, held_on: dt.date, attendees=(), other_attendees: str = "", notes: str = "",
                   experiments=()) -> DevisingMeeting:
    require(actor, "devising.manage")
    if held_on is None or not dt.date(2000, 1, 1) <= held_on <= dt.date.today() + dt.timedelta(days=366):
        raise DomainError(_("Choose a date at most a year ahead."), field="held_on")
    attendees, experiments = list(attendees), list(experiments)
    if any(not isinstance(user, User) or user.municipality_id != actor.municipality_id or not user.is_active
           for user in attendees):
        raise DomainError(_("Choose staff of your own municipality."), field="attendees")
    if any(experiment.municipality_id != actor.municipality_id for experiment in experiments):
        raise DomainError(_("Choose experiments of your own log."), field="experiments")
    other_attendees = clean_text(" ".join((other_attendees or "").split()), field="other_attendees",
                                 max_length=300, required=False,
                                 message=_("Describe the others present in at most 300 characters."))
    notes = clean_text(notes, field="notes", max_length=10000, required=False,
                       message=_("Keep the notes under 10,000 characters."))
    if not attendees and not other_attendees:
        raise DomainError(_("Say who was there."), field="attendees")
    meeting = DevisingMeeting.objects.create(municipality_id=actor.municipality_id, held_on=held_on,
                                             other_attendees=other_attendees, notes=notes, created_by=actor)
    meeting.attendees.set(attendees)
    meeting.experiments.set(experiments)
    for experiment in experiments:
        history_add(experiment=experiment, actor=actor, kind="discussed", summary=held_on.isoformat())
    return meeting


def experiments_for_meeting(municipality_id: int) -> list[Experiment]:
    return list(Experiment.objects.filter(municipality_id=municipality_id).order_by("status", "-pk")[:200])
