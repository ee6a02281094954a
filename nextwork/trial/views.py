"""Entering a young person and what follows for them: the confirm step before the draw, the allocation, the
letter, the hand-over meeting and the marks an administrator records."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nextwork.core.confirm import confirmation_page, confirmed
from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.core.models import User
from nextwork.core.permissions import can
from nextwork.core.roles import Role

from . import access, forms, selectors
from .letter import letter_for, letter_pdf, letter_text
from .services import programme, records
from .services.randomise import participant_randomise, randomisation_open


@login_required
def trial_list(request):
    trials = list(access.trials_list(request.user))
    if len(trials) == 1:
        return redirect("trial:detail", trial_id=trials[0].pk)
    return render(request, "trial/list.html", {"trials": trials})


@login_required
def trial_detail(request, trial_id):
    user = request.user
    trial = access.trial_for_view(user, trial_id)
    context = {"trial": trial, "sites": trial.sites.select_related("municipality")}
    if user.municipality_id is not None:
        context["closed_reason"] = randomisation_open(trial=trial, municipality=user.municipality)
    if can(user, "trial.participants"):
        context["participants"] = access.participants_list(user, trial, include_tests=True)
    if can(user, "trial.figures"):
        context["recruitment"] = access.figures_for(user, trial, "recruitment")
    return render(request, "trial/detail.html", context)


@login_required
def randomise(request, trial_id):
    """Step 1: eligibility and baseline. Step 2 shows what was entered and asks for the irrevocable entry;
    only then is the arm drawn and shown."""
    user = request.user
    trial = access.trial_for(user, trial_id, "trial.randomise")
    closed = randomisation_open(trial=trial, municipality=user.municipality) if user.municipality else "-"
    form = forms.EntryForm(request.POST or None, trial=trial)
    step = request.POST.get("step", "")
    if request.method == "POST" and form.is_valid() and step != "edit":
        if step != "enter":
            return render(request, "trial/confirm_entry.html", {"trial": trial, "form": form,
                                                                "fields": _entered(form)})
        try:
            result = participant_randomise(actor=user, trial=trial, data=form.service_data(trial))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if result.repeated:
                messages.warning(request, _("This young person was already randomised. This is the original "
                                            "allocation; nothing new was drawn."))
            return redirect("trial:participant", participant_id=result.participant.pk)
    return render(request, "trial/randomise.html", {"trial": trial, "form": form, "closed_reason": closed},
                  status=400 if form.errors else 200)


def _entered(form) -> list[tuple[str, str, str, str]]:
    """(name, label, shown value, posted value) for the confirm step."""
    rows = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        shown = dict(getattr(field, "choices", [])).get(value, value) if hasattr(field, "choices") else value
        if isinstance(value, bool):
            shown, posted = (_("Yes") if value else _("No")), ("on" if value else "")
        else:
            posted = "" if value is None else str(value)
        rows.append((name, field.label, shown, posted))
    return rows


@login_required
def participant_detail(request, participant_id):
    user = request.user
    if not can(user, "trial.participants") and can(user, "trial.mark_in_error"):
        participant = access.participant_for_change(user, participant_id, "trial.mark_in_error")
    else:
        participant = access.participant_for_view(user, participant_id)
    meeting = getattr(participant, "handover", None)
    context = {"participant": participant, "trial": participant.trial, "meeting": meeting,
               "crossover": selectors.crossovers(participant.trial).filter(pk=participant.pk).exists(),
               "in_error_form": forms.InErrorForm(), "follow_up_form": forms.FollowUpForm(initial={
                   "lost_to_follow_up": participant.lost_to_follow_up,
                   "excluded_reason": participant.excluded_after_randomisation_reason})}
    if meeting is not None and can(user, "trial.randomise"):
        context["handover_form"] = forms.HandoverForm(consultants=_consultants(user), initial={
            "meets_on": meeting.meets_on, "previous_caseworker": meeting.previous_caseworker,
            "consultant": meeting.consultant_id, "carries_across": meeting.carries_across, "held": meeting.held})
    if can(user, "trial.participants"):
        context["letter"] = letter_for(participant)
    return render(request, "trial/participant.html", context)


def _consultants(user):
    return User.objects.filter(municipality=user.municipality_id, is_active=True,
                               role__in=[Role.YOUTH_CONSULTANT, Role.COMPANY_CONSULTANT, Role.TEAM_LEAD])


@login_required
def letter(request, participant_id, fmt):
    participant = access.participant_for_view(request.user, participant_id)
    if fmt == "pdf":
        response = HttpResponse(letter_pdf(participant), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="brev-{participant.research_id}.pdf"'
        return response
    response = HttpResponse(letter_text(participant), content_type="text/plain; charset=utf-8")
    return response


@login_required
@require_POST
def handover(request, participant_id):
    user = request.user
    participant = access.participant_for_view(user, participant_id)
    meeting = getattr(participant, "handover", None)
    form = forms.HandoverForm(request.POST, consultants=_consultants(user))
    if meeting is not None and form.is_valid():
        try:
            programme.handover_update(actor=user, meeting=meeting, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The hand-over meeting is saved."))
    else:
        messages.error(request, _("Check the hand-over meeting's date and the previous caseworker."))
    return redirect("trial:participant", participant_id=participant.pk)


@login_required
@require_POST
def mark_in_error(request, participant_id):
    user = request.user
    participant = access.participant_for_change(user, participant_id, "trial.mark_in_error")
    form = forms.InErrorForm(request.POST)
    back = reverse("trial:participant", args=[participant.pk])
    if not form.is_valid():
        messages.error(request, _("Write why the young person was randomised in error."))
        return redirect(back)
    if not confirmed(request):
        return confirmation_page(request, title=_("Mark as randomised in error?"), lines=[
            _("%(id)s stays in the allocation sequence and in the intention-to-treat analysis. The mark and "
              "your reason are logged and cannot be removed.") % {"id": participant.research_id},
            form.cleaned_data["reason"]], button=_("Mark as randomised in error"), cancel_url=back)
    try:
        records.participant_mark_in_error(actor=user, participant=participant, reason=form.cleaned_data["reason"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The allocation is marked as made in error."))
    return redirect(back)


@login_required
@require_POST
def follow_up(request, participant_id):
    user = request.user
    participant = access.participant_for_change(user, participant_id, "trial.mark_in_error")
    form = forms.FollowUpForm(request.POST)
    if form.is_valid():
        try:
            records.participant_record_follow_up(actor=user, participant=participant,
                                                 lost_to_follow_up=form.cleaned_data["lost_to_follow_up"],
                                                 excluded_reason=form.cleaned_data["excluded_reason"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Follow-up status saved."))
    return redirect("trial:participant", participant_id=participant.pk)
