"""The groups app's pieces of the composed pages (listed in nextwork/portal/panels.py)."""

import datetime as dt

from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from nextwork.core.errors import DomainError
from nextwork.core.panels import Panel, SelfSection
from nextwork.core.permissions import can

from . import forms, patterns, selectors
from .models import AgendaItem, GroupAgreement, PersonalLink
from .services import agenda, memberships, taps


def person_groups_context(request, person) -> dict:
    """Two queries. The page has already read the person through the access function."""
    user = request.user
    return {
        "group_history": selectors.person_group_history(person),
        "group_recent_attendance": selectors.person_recent_attendance(person, limit=5),
        "may_group_view": can(user, "group.view"),
        "may_group_manage": can(user, "group.manage"),
        "may_group_take_attendance": can(user, "group.take_attendance"),
    }


PERSON_GROUPS = Panel("groups/_person_groups.html", person_groups_context, "group.attendance_view")


# The young person's own page


def _membership(link: PersonalLink, today: dt.date):
    return (selectors.active_memberships(today).filter(person_id=link.person_id)
            .select_related("group").first())


def group_section(link: PersonalLink, *, today: dt.date, state: dict) -> dict:
    membership = _membership(link, today)
    if membership is None:
        return {"membership": None}
    return {
        "membership": membership,
        "group": membership.group,
        "sessions": selectors.coming_sessions_for_member(membership, today=today),
        "names": selectors.shared_first_names(membership, today=today),
        "agenda": selectors.ranked_agenda(membership.group, voter=membership, today=today),
        "propose_form": state.get("propose_form") or forms.ProposeForm(),
    }


def group_section_post(request, link: PersonalLink, *, today: dt.date):
    """The young person proposes a topic, votes, or chooses whether their first name is shared."""
    membership = _membership(link, today)
    action = request.POST.get("action")
    if membership is None:
        return HttpResponseRedirect(request.path)
    if action == "propose":
        form = forms.ProposeForm(request.POST)
        if form.is_valid():
            try:
                agenda.agenda_item_propose(group=membership.group, member=membership, session=None,
                                           title=form.cleaned_data["title"])
            except DomainError as error:
                form.add_error("title", error.message)
            else:
                return HttpResponseRedirect(request.path + "?done=proposed#agenda-heading")
        return {"propose_form": form}
    if action == "vote":
        item = AgendaItem.objects.filter(pk=request.POST.get("item"), group_id=membership.group_id).first()
        if item is not None:
            agenda.agenda_vote_toggle(item=item, member=membership)
        return HttpResponseRedirect(request.path + f"#item-{item.pk if item else ''}")
    memberships.membership_set_sharing(membership=membership, share_first_name=request.POST.get("share") == "1")
    return HttpResponseRedirect(request.path + "?done=shared")


SELF_GROUP = SelfSection("groups/self/_group.html", group_section, actions=("propose", "vote", "share"),
                         handle=group_section_post)


# What happens in the group, on the young person's own page: the anonymous tap after a session they came to,
# and the group's own agreement.


def tap_section(link: PersonalLink, *, today: dt.date, state: dict) -> dict:
    membership = _membership(link, today)
    session = membership and patterns.tap_session_for(membership, today=today, days=taps.TAP_DAYS)
    if session is None:
        return {"session": None}
    return {"session": session, "is_today": session.date == today,
            "answered": taps.has_tapped(membership=membership, session=session), "error": state.get("error")}


def tap_section_post(request, link: PersonalLink, *, today: dt.date):
    membership = _membership(link, today)
    session = membership and patterns.tap_session_for(membership, today=today, days=taps.TAP_DAYS)
    form = forms.TapForm(request.POST)
    if session is None or str(session.pk) != request.POST.get("session") or not form.is_valid():
        return {"error": _("Choose yes or no for the meeting shown.")}
    try:
        taps.session_tap_give(membership=membership, session=session, today=today,
                              worth_coming=form.cleaned_data["worth_coming"])
    except DomainError as error:
        return {"error": error.message}
    return HttpResponseRedirect(request.path + "?done=answered#tap-heading")


SELF_SESSION_TAP = SelfSection("groups/self/_tap.html", tap_section, actions=("tap",), handle=tap_section_post)


def agreement_section(link: PersonalLink, *, today: dt.date, state: dict) -> dict:
    membership = _membership(link, today)
    agreement = membership and GroupAgreement.objects.filter(group_id=membership.group_id).first()
    return {"agreement": agreement}


SELF_AGREEMENT = SelfSection("groups/self/_agreement.html", agreement_section)
