"""Placing young people in groups: the suggestion, adding, moving and taking out (history is kept)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nextwork.core.confirm import confirmation_page, confirmed
from nextwork.core.errors import DomainError

from . import access, forms
from .services import memberships


@login_required
@require_POST
def member_add(request, group_id):
    user = request.user
    group = access.access_group_by_id(user, group_id, action="group.manage")
    form = forms.AddMemberForm(request.POST, people=access.people_to_place(user))
    if form.is_valid():
        try:
            memberships.membership_add(actor=user, group=group, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(name)s is now a member of %(group)s.") % {
                "name": form.cleaned_data["person"].full_name, "group": group.name})
    else:
        messages.error(request, _("Choose a young person and a date."))
    return redirect("groups:detail", group_id=group.pk)


@login_required
def suggest(request, person_id):
    user = request.user
    today = dt.date.today()
    page = access.group_suggestion(user, person_id, today=today)
    return render(request, "groups/suggest.html", {
        "person": page.person, "current": page.current, "suggestions": page.suggestions, "today": today,
        "move_form": forms.MoveForm(groups=access.groups_for(user), initial={"on": today}) if page.current else None,
    })


@login_required
@require_POST
def member_move(request, membership_id):
    user = request.user
    membership = access.access_membership_by_id(user, membership_id)
    form = forms.MoveForm(request.POST, groups=access.groups_for(user))
    if form.is_valid():
        try:
            new = memberships.membership_move(actor=user, membership=membership, group=form.cleaned_data["group"],
                                              on=form.cleaned_data["on"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(name)s is moved to %(group)s.") % {
                "name": membership.person.full_name, "group": new.group.name})
            return redirect("groups:detail", group_id=new.group_id)
    else:
        messages.error(request, _("Choose a group and a date."))
    return redirect("groups:detail", group_id=membership.group_id)


@login_required
@require_POST
def member_end(request, membership_id):
    user = request.user
    membership = access.access_membership_by_id(user, membership_id)
    form = forms.EndMembershipForm(request.POST)
    if form.is_valid() and not confirmed(request):
        return confirmation_page(
            request, title=_("Take %(name)s out of %(group)s?") % {
                "name": membership.person.full_name, "group": membership.group.name},
            lines=[_("The membership ends on %(date)s; the attendance so far is kept in the history.") % {
                "date": date_format(form.cleaned_data["on"], "SHORT_DATE_FORMAT")},
                   _("The young person no longer sees the group on their own page.")],
            button=_("Take out of the group"), cancel_url=reverse("groups:member", args=[membership.pk]))
    if form.is_valid():
        try:
            memberships.membership_end(actor=user, membership=membership, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(name)s has left the group.") % {"name": membership.person.full_name})
    else:
        messages.error(request, _("Choose a date and a reason."))
    return redirect("groups:detail", group_id=membership.group_id)


@login_required
@require_POST
def member_sharing(request, membership_id):
    membership = access.access_membership_by_id(request.user, membership_id)
    memberships.membership_set_sharing(membership=membership, share_first_name=request.POST.get("share") == "1")
    messages.success(request, _("The choice about sharing the first name is saved."))
    return redirect("groups:detail", group_id=membership.group_id)


@login_required
def member_page(request, membership_id):
    """One member: move or take out, with the forms the group page links to."""
    user = request.user
    membership = access.access_membership_by_id(user, membership_id)
    today = dt.date.today()
    return render(request, "groups/member.html", {
        "membership": membership,
        "move_form": forms.MoveForm(groups=access.groups_for(user).exclude(pk=membership.group_id),
                                    initial={"on": today}),
        "end_form": forms.EndMembershipForm(initial={"on": today}),
    })
