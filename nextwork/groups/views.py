"""Staff pages for network groups: list, create, edit, the group's page and its health figures."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nextwork.core.decorators import permission_required
from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.core.permissions import can
from nextwork.people.access import young_people_for

from . import access, forms, health, selectors
from .services import groups as group_services


def _may(user) -> dict:
    return {action.replace(".", "_"): can(user, action)
            for action in ("group.manage", "group.take_attendance", "person.view")}


@login_required
@permission_required("group.view")
def group_list(request):
    today = dt.date.today()
    groups = selectors.group_list(access.groups_for(request.user), today=today)
    figures = health.group_health(groups, today=today)
    rows = [(group, figures[group.pk]) for group in groups]
    return render(request, "groups/list.html", {"rows": rows, "may": _may(request.user)})


def _group_form_view(request, group=None):
    user = request.user
    initial = {"active_from": dt.date.today()}
    if group is not None:
        initial = {name: getattr(group, name) for name in (
            "name", "weekday", "starts_at", "ends_at", "place", "target_min", "target_max", "active_from",
            "active_until")}
        initial["facilitators"] = list(group.facilitators.all())
    elif user.role == "youth_consultant":
        initial["facilitators"] = [user]
    form = forms.GroupForm(request.POST or None, municipality_id=user.municipality_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["facilitators"] = list(data["facilitators"])
        try:
            if group is None:
                group = group_services.group_create(actor=user, **data)
                messages.success(request, _("The group is created and its sessions are planned."))
            else:
                group_services.group_update(actor=user, group=group, **data)
                messages.success(request, _("The group is saved."))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("groups:detail", group_id=group.pk)
    return render(request, "groups/form.html", {"form": form, "group": group},
                  status=400 if request.method == "POST" else 200)


@login_required
@permission_required("group.manage")
def group_create(request):
    return _group_form_view(request)


@login_required
def group_edit(request, group_id):
    return _group_form_view(request, access.access_group_by_id(request.user, group_id, action="group.manage"))


@login_required
def group_detail(request, group_id):
    user = request.user
    group = access.access_group_by_id(user, group_id)
    today = dt.date.today()
    members = selectors.group_members(group, on=today)
    earlier, later = selectors.group_sessions(group, today=today)
    context = {
        "group": group, "members": members, "former": selectors.group_former_members(group, on=today),
        "earlier_sessions": earlier, "coming_sessions": later, "today": today,
        "facilitators": list(group.facilitators.all()),
        "agenda": selectors.ranked_agenda(group, today=today),
        "health": health.group_health([group], today=today)[group.pk],
        "may": _may(user),
    }
    if can(user, "group.manage"):
        people = selectors.unplaced_people(young_people_for(user), today=today)
        context["add_form"] = forms.AddMemberForm(people=people, initial={"joined_on": today})
        context["agenda_form"] = forms.AgendaItemForm()
    return render(request, "groups/detail.html", context)


@login_required
def group_health_view(request, group_id):
    group = access.access_group_by_id(request.user, group_id)
    today = dt.date.today()
    figures = health.group_health([group], today=today, months=12)[group.pk]
    months = [(month, month.turnout_percent(group.target_max)) for month in figures.months]
    return render(request, "groups/health.html", {"group": group, "health": figures, "months": months,
                                                  "may": _may(request.user)})
