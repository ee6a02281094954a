"""The internship lifecycle actions: the form and the service behind each, and when each is offered.
The web views and the API both dispatch through ACTIONS."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import forms
from .choices import AgreementStatus, InternshipStatus
from .services import internships as s

OPEN = (InternshipStatus.PLANNED, InternshipStatus.ACTIVE, InternshipStatus.PAUSED)
RUNNING = (InternshipStatus.ACTIVE, InternshipStatus.PAUSED)


@dataclass(frozen=True)
class Action:
    form: type
    apply: Callable
    title: str
    button: str
    statuses: tuple


ACTIONS: dict[str, Action] = {
    "agreement": Action(forms.AgreementForm, lambda u, i, d: s.internship_agreement(actor=u, internship=i, **d),
                        _("Record the agreement's status"), _("Save agreement status"), OPEN),
    "meeting": Action(forms.MeetingHeldForm, lambda u, i, d: s.internship_meeting(actor=u, internship=i, **d),
                      _("Record the three-party meeting"), _("Save meeting"), OPEN),
    "start": Action(forms.StartForm, lambda u, i, d: s.internship_start(actor=u, internship=i, **d),
                    _("Record the start"), _("Start internship"), (InternshipStatus.PLANNED,)),
    "function": Action(forms.FunctionForm,
                       lambda u, i, d: s.internship_change_function(actor=u, internship=i, **d),
                       _("Change function"), _("Change function"), OPEN),
    "hours": Action(forms.HoursForm, lambda u, i, d: s.internship_change_hours(actor=u, internship=i, **d),
                    _("Change hours"), _("Change hours"), OPEN),
    "pause": Action(forms.PauseForm, lambda u, i, d: s.internship_pause(actor=u, internship=i, **d),
                    _("Pause"), _("Pause internship"), (InternshipStatus.ACTIVE,)),
    "resume": Action(forms.ResumeForm, lambda u, i, d: s.internship_resume(actor=u, internship=i, **d),
                     _("Resume"), _("Resume internship"), (InternshipStatus.PAUSED,)),
    "extend": Action(forms.ExtendForm, lambda u, i, d: s.internship_extend(actor=u, internship=i, **d),
                     _("Extend"), _("Extend internship"), OPEN),
    "interrupt": Action(forms.InterruptForm, lambda u, i, d: s.internship_interrupt(actor=u, internship=i, **d),
                        _("Interrupt"), _("Interrupt internship"), RUNNING),
    "end": Action(forms.EndForm, lambda u, i, d: s.internship_end(actor=u, internship=i, **d),
                  _("End as planned"), _("End internship"), RUNNING),
    "convert": Action(forms.ConvertForm, lambda u, i, d: s.internship_convert(actor=u, internship=i, **d),
                      _("Convert to paid hours or a job"), _("Convert"), RUNNING),
}


def available(internship) -> list[str]:
    names = [name for name, action in ACTIONS.items() if internship.status in action.statuses]
    if internship.agreement_status == AgreementStatus.INSURED:
        names = [name for name in names if name != "agreement"]
    return names
