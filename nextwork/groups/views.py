"""Staff pages for network groups: list, create, edit, the group's page and its health figures."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nextwork.core.access import require_or_refuse
from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.core.permissions import can

from . import access, forms, health, patterns, selectors
from .services import groups as group_services


def _may(user) -> dict:
    return {action.replace(".", "_"): can(user, action)
            for action in ("group.manage", "group.take_attendance", "person.view")}


@login_required
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
    elif user.has_role("youth_consultant"):
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
def group_create(request):
    require_or_refuse(request.user, "group.manage", object_type="network_group")
    return _group_form_view(request)


@login_required
def group_edit(request, group_id):
    return _group_form_view(request, access.access_group_by_id(request.user, group_id, action="group.manage"))


def _group_life_context(user, group, today) -> dict:
    """What happens in the group: the pattern of signs over the last sessions, and the agreement."""
    pattern = patterns.observation_pattern(group, today=today)
    taps = patterns.tap_summaries(session.pk for session in pattern.sessions)
    return {"pattern": pattern, "pattern_taps": [taps.get(session.pk) for session in pattern.sessions],
            "agreement": patterns.agreement_state(group, today=today),
            "may_agreement_edit": can(user, "group.agreement_edit")}


@login_required
def group_detail(request, group_id):
    user = request.user
    today = dt.date.today()
    page = access.group_page(user, group_id, today=today)
    group = page.group
    earlier, later = selectors.group_sessions(group, today=today)
    context = {
        "group": group, "members": page.members, "former": page.former,
        "earlier_sessions": earlier, "coming_sessions": later, "today": today,
        "facilitators": list(group.facilitators.all()), "agenda": page.agenda, "health": page.health,
        "may": _may(user),
        **_group_life_context(user, group, today),
    }
    people = access.add_member_choices(user, group, today=today)
    if people is not None:
        context["add_form"] = forms.AddMemberForm(people=access.people_to_place(user), shown=people,
                                                  initial={"joined_on": today})
    if can(user, "group.manage"):
        context["agenda_form"] = forms.AgendaItemForm()
    return render(request, "groups/detail.html", context)


@login_required
def group_health_view(request, group_id):
    figures = access.group_health_page(request.user, group_id, today=dt.date.today())
    group = figures.group
    months = [(month, month.turnout_percent(group.target_max)) for month in figures.months]
    return render(request, "groups/health.html", {"group": group, "health": figures, "months": months,
                                                  "may": _may(request.user)})
