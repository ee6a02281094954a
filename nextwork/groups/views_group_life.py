"""What happens in the group: the facilitators' observation of a session and the group's own agreement."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.core.permissions import can

from . import access, forms, patterns
from .services import agreements


def _agreement_context(user, group, form) -> dict:
    state = patterns.agreement_state(group, today=dt.date.today())
    return {"group": group, "form": form, "state": state,
            "versions": patterns.agreement_versions(state.agreement) if state.agreement else [],
            "may_edit": can(user, "group.agreement_edit")}


@login_required
def agreement_edit(request, group_id):
    user = request.user
    action = "group.agreement_edit" if request.method == "POST" else "group.view"
    group = access.access_group_by_id(user, group_id, action=action)
    state = patterns.agreement_state(group, today=dt.date.today())
    form = forms.AgreementForm(request.POST or None,
                               initial={"text": state.agreement.text if state.agreement else ""})
    if request.method == "POST" and form.is_valid():
        try:
            agreements.group_agreement_save(actor=user, group=group, text=form.cleaned_data["text"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The agreement is saved. The members see it on their own page."))
            return redirect("groups:detail", group_id=group.pk)
    return render(request, "groups/agreement.html", _agreement_context(user, group, form),
                  status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def agreement_revisited(request, group_id):
    user = request.user
    group = access.access_group_by_id(user, group_id, action="group.agreement_edit")
    try:
        agreements.group_agreement_revisited(actor=user, group=group, on=dt.date.today())
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Noted: the group went through its agreement today."))
    return redirect("groups:detail", group_id=group.pk)
