"""Staff pages: a check-in or a goal with the young person (posted from their page), a concern and its
follow-up, the municipality's procedure, and the figures over time. Thin: parse, call one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nextwork.core.decorators import permission_required
from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.core.models import Municipality
from nextwork.core.permissions import can
from nextwork.people import access as people_access

from . import access, forms
from .models import ConcernProcedure
from .panels import procedure_for
from .selectors import MAX_MONTHS
from .services import checkins, concerns, goals


def _back_to(person_id, anchor: str):
    return redirect(reverse("portal:person", args=[person_id]) + f"#{anchor}")


@login_required
@require_POST
def checkin(request, person_id):
    user = request.user
    person = people_access.access_young_person_by_id(user, person_id, action="wellbeing.checkin_record")
    form = forms.CheckInForm(request.POST, with_date=True, auto_id="id_staff_%s")
    if form.is_valid():
        try:
            checkins.checkin_record(person=person, actor=user, taken_on=form.cleaned_data["taken_on"],
                                    **form.answers())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The check-in is saved."))
            return _back_to(person.pk, "wellbeing-heading")
    return render(request, "wellbeing/checkin_form.html", {"form": form, "person": person}, status=400)


@login_required
@require_POST
def goal_add(request, person_id):
    user = request.user
    person = people_access.access_young_person_by_id(user, person_id, action="wellbeing.goal_manage")
    form = forms.GoalForm(request.POST)
    if form.is_valid():
        try:
            goals.goal_add(person=person, text=form.cleaned_data["text"], actor=user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The goal is saved."))
            return _back_to(person.pk, "goals-heading")
    return render(request, "wellbeing/goal_form.html", {"form": form, "person": person}, status=400)


@login_required
@require_POST
def goal_progress(request, goal_id):
    user = request.user
    goal = access.access_goal_by_id(user, goal_id)
    form = forms.ProgressForm(request.POST)
    if form.is_valid():
        try:
            goals.goal_mark_progress(goal=goal, level=form.cleaned_data["level"], actor=user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The progress is saved."))
    else:
        messages.error(request, _("Choose how far they have come."))
    return _back_to(goal.person_id, "goals-heading")


@login_required
@require_POST
def concern_raise(request, person_id):
    user = request.user
    person = people_access.access_young_person_by_id(user, person_id, action="concern.raise")
    form = forms.ConcernForm(request.POST, auto_id="id_concern_%s")
    if form.is_valid():
        try:
            flag = concerns.concern_raise(actor=user, person=person, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The concern is raised. The psychologist and the team lead see it now."))
            if can(user, "concern.view"):
                return redirect("wellbeing:concern", flag_id=flag.pk)
            return _back_to(person.pk, "concerns-heading")
    return render(request, "wellbeing/concern_form.html",
                  {"form": form, "person": person, **procedure_for(person.municipality_id)}, status=400)


@login_required
def concern(request, flag_id):
    user = request.user
    flag = access.access_concern_by_id(user, flag_id)
    note_form, close_form = forms.ConcernNoteForm(auto_id="id_note_%s"), forms.ConcernNoteForm(auto_id="id_close_%s")
    status = 200
    if request.method == "POST":
        closing = request.POST.get("action") == "close"
        form = forms.ConcernNoteForm(request.POST, auto_id="id_close_%s" if closing else "id_note_%s")
        if form.is_valid():
            try:
                if closing:
                    concerns.concern_close(actor=user, flag=flag, note=form.cleaned_data["note"])
                else:
                    concerns.concern_add_action(actor=user, flag=flag, note=form.cleaned_data["note"])
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The concern is closed.") if closing else _("The note is saved."))
                return redirect("wellbeing:concern", flag_id=flag.pk)
        elif closing:
            form.errors["note"] = form.error_class(
                [_("Closing needs a note: what was done, and why it can be closed.")])
        if closing:
            close_form = form
        else:
            note_form = form
        status = 400
    return render(request, "wellbeing/concern.html", {
        "flag": flag, "actions": list(flag.actions.select_related("by")), "note_form": note_form,
        "close_form": close_form, "may_close": can(user, "concern.follow"),
        **procedure_for(flag.municipality_id)}, status=status)


@login_required
@permission_required("concern.procedure_edit")
def procedure(request):
    user = request.user
    current = ConcernProcedure.objects.filter(municipality_id=user.municipality_id).first()
    initial = {"text": current.text, "crisis_numbers": current.crisis_numbers} if current else {}
    form = forms.ProcedureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            concerns.concern_procedure_set(actor=user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The procedure is saved."))
            return redirect("wellbeing:procedure")
    return render(request, "wellbeing/procedure.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
@permission_required("wellbeing.trend")
def trend(request):
    user = request.user
    months = request.GET.get("months", "12")
    months = min(int(months), MAX_MONTHS) if months.isdigit() and len(months) < 4 and int(months) > 0 else 12
    municipalities = [] if user.municipality_id else list(Municipality.objects.order_by("name"))
    chosen = user.municipality
    if chosen is None:
        slug = request.GET.get("municipality", "")
        chosen = next((m for m in municipalities if m.slug == slug), None)
    rows = access.trend_for(user, municipality=chosen, months=months) if chosen else []
    return render(request, "wellbeing/trend.html", {"trend": rows, "months": months, "chosen": chosen,
                                                     "municipalities": municipalities,
                                                     "month_choices": (6, 12, 24, 36)})
