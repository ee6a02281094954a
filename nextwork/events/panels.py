"""The events app's pieces of the composed pages (listed in nextwork/portal/panels.py)."""

import datetime as dt

from django.db.models import Q
from django.http import HttpResponseRedirect

from nextwork.core.errors import DomainError
from nextwork.core.panels import Panel, SelfSection

from . import access, forms
from .choices import EventStatus
from .models import Invitation, MatchEvent
from .services import events, wishes


def person_events_context(request, person) -> dict:
    return {"event_invitations": access.person_events(person)}


def start_events_context(request, today: dt.date) -> dict:
    """One query: the coming events and those held and waiting for their allocation."""
    found = list(MatchEvent.objects.filter(municipality_id=request.user.municipality_id)
                 .filter(Q(held_on__gte=today) | Q(status=EventStatus.HELD)).order_by("held_on", "pk")[:6])
    return {"coming_events": [e for e in found if e.held_on >= today][:3],
            "events_to_allocate": [e for e in found if e.status == EventStatus.HELD][:3],
            "without_place": access.people_without_place(request.user, today=today)}


def company_events_context(request, company) -> dict:
    return access.company_events(request.user, company)


COMPANY_EVENTS = Panel("events/_company_events.html", company_events_context, "event.view")
PERSON_EVENTS = Panel("events/_person_events.html", person_events_context, "event.view")
START_EVENTS = Panel("events/_start_events.html", start_events_context, "event.view")


# The young person's own page


def _invitations(link, today: dt.date) -> list[Invitation]:
    return list(Invitation.objects.filter(person_id=link.person_id, event__held_on__gte=today - dt.timedelta(days=14))
                .exclude(event__status=EventStatus.ALLOCATED).select_related("event").order_by("event__held_on"))


def self_events_section(link, *, today: dt.date, state: dict) -> dict:
    items = []
    from .choices import HostRole

    host_roles = [(value, label) for value, label in HostRole.choices if value]
    for invitation in _invitations(link, today):
        event = invitation.event
        item = {"invitation": invitation, "event": event, "wishes_open": wishes.wishes_open(event),
                "host_roles": host_roles,
                "companies": sorted({o.company for o in event.offers.select_related("company")},
                                    key=lambda company: company.name) if event.status == EventStatus.PLANNED else []}
        if item["wishes_open"] and invitation.attended:
            offers = list(event.offers.select_related("company").order_by("company__name", "function"))
            current = {f"wish_{w.rank}": w.offer_id for w in invitation.person.event_wishes.filter(event=event)}
            current["about_me"] = invitation.about_me
            item["wish_form"] = state.get(event.pk) or forms.WishForm(event=event, offers=offers, initial=current,
                                                                      prefix=f"e{event.pk}")
            item["offers"] = offers
            item["wants_it"] = bool(current.get("wish_1"))
        items.append(item)
    return {"event_items": items}


def self_events_post(request, link, *, today: dt.date):
    """The young person answers an invitation or saves their wishes, from their phone."""
    invitation = next((i for i in _invitations(link, today)
                       if str(i.event_id) == request.POST.get("event")), None)
    if invitation is None:
        return HttpResponseRedirect(request.path)
    event = invitation.event
    if request.POST.get("action") == "event_requests":
        try:
            events.invitation_request_companies(invitation=invitation,
                                                company_ids=[pk for pk in request.POST.getlist("company")
                                                             if pk.isdigit() and len(pk) < 10])
        except DomainError:
            pass
        return HttpResponseRedirect(request.path + "?done=answered#events-heading")
    if request.POST.get("action") == "event_host":
        try:
            events.invitation_host(invitation=invitation, role=request.POST.get("host_role", ""))
        except DomainError:
            pass
        return HttpResponseRedirect(request.path + "?done=answered#events-heading")
    if request.POST.get("action") == "event_respond":
        try:
            events.invitation_respond(invitation=invitation, response=request.POST.get("response", ""))
        except DomainError:
            pass
        return HttpResponseRedirect(request.path + "?done=answered#events-heading")
    offers = list(event.offers.select_related("company").order_by("company__name", "function"))
    form = forms.WishForm(request.POST, event=event, offers=offers, prefix=f"e{event.pk}")
    if form.is_valid():
        try:
            wishes.wishes_set(event=event, person=invitation.person, offer_ids=form.ranked_offer_ids(),
                              vetoed_company_ids=form.cleaned_data["vetoes"])
            events.invitation_respond(invitation=invitation, response=invitation.response,
                                      about_me=form.cleaned_data["about_me"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return HttpResponseRedirect(request.path + "?done=wished#events-heading")
    return {event.pk: form}


SELF_EVENTS = SelfSection("events/self/_events.html", self_events_section,
                          actions=("event_respond", "event_wishes", "event_host", "event_requests"),
                          handle=self_events_post)
