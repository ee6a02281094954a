"""A company representative's own page behind their personal link (nextwork.companies.links): the company's
name, its coming match events, and the sections of panels.REPRESENTATIVE_PAGE (each builds its part and
handles its own form posts). Rate-limited per link and address like the young person's page; never cached."""

import datetime as dt

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from nextwork.companies import links
from nextwork.core.panels import Rendered
from nextwork.events.models import MatchEvent
from nextwork.groups import ratelimit

from . import panels
from .views_self import FAILED_LOOKUPS_PER_HOUR, REQUESTS_PER_10_MINUTES, _client, _page

DONE_MESSAGES = {"devising": _("Thank you. The team will look at your idea and answer here.")}


def _problem(request, problem: str, status: int):
    return _page(request, "groups/self/problem.html", {"problem": problem}, status=status)


def coming_events(company, today: dt.date) -> list[MatchEvent]:
    return list(MatchEvent.objects.filter(offers__company=company, held_on__gte=today, kind="event")
                .distinct().order_by("held_on")[:5])


@never_cache
def representative_page(request, token):
    client = _client(request)
    if not ratelimit.allow(f"rep:{links.token_hash(token)}:{client}", limit=REQUESTS_PER_10_MINUTES,
                           window_seconds=600):
        return _problem(request, "rate", 429)
    resolution = links.representative_link_resolve(token)
    if resolution.status != "ok":
        if resolution.status == "unknown" and not ratelimit.allow(
                f"rep-miss:{client}", limit=FAILED_LOOKUPS_PER_HOUR, window_seconds=3600):
            return _problem(request, "rate", 429)
        return _problem(request, resolution.status, 404 if resolution.status == "unknown" else 410)
    link = resolution.link
    today = dt.date.today()
    states = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        section = next((s for s in panels.REPRESENTATIVE_PAGE if action in s.actions), None)
        if section is None:
            return HttpResponseBadRequest()
        outcome = section.handle(request, link, today=today)
        if not isinstance(outcome, dict):
            return outcome
        states[section] = outcome
    sections = [Rendered(section.template, {"section": section.context(link, today=today,
                                                                         state=states.get(section, {}))})
                for section in panels.REPRESENTATIVE_PAGE]
    company = link.representative.company
    return _page(request, "portal/representative.html", {
        "representative": link.representative, "company": company, "sections": sections, "link": link,
        "events": coming_events(company, today), "done": DONE_MESSAGES.get(request.GET.get("done", "")),
    }, status=400 if states else 200)
