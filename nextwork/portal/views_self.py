"""The young person's own page behind their personal link. Rate-limited per link and address; never cached.
Each section of panels.SELF_PAGE builds its part and handles its own form posts."""

import datetime as dt

from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from nextwork.core.panels import Rendered
from nextwork.events import room
from nextwork.groups import ratelimit
from nextwork.groups.services import links

from . import panels

REQUESTS_PER_10_MINUTES = 120
FAILED_LOOKUPS_PER_HOUR = 20
DONE_MESSAGES = {"proposed": _("Thank you. Your topic is on the list."), "shared": _("Your choice is saved."),
                 "answered": _("Thank you for your answer."), "wished": _("Your wishes are saved."),
                 "checked_in": _("Thank you for answering."), "goal_added": _("Your goal is saved."),
                 "goal_marked": _("Saved. Good that you keep track."),
                 "devising": _("Thank you. The team will look at your idea and answer here.")}


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def _page(request, template, context, status=200):
    response = render(request, template, context, status=status)
    # The token is in the URL: never send it to other sites. ("no-referrer" would make browsers send
    # "Origin: null" on the page's own forms, which the CSRF check rightly refuses.)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _problem(request, problem: str, status: int):
    return _page(request, "groups/self/problem.html", {"problem": problem}, status=status)


@never_cache
def self_page(request, token):
    client = _client(request)
    # Requests count per link and address, so one busy client behind a shared proxy does not lock out the
    # other young people there; failed lookups (guessing) count per address.
    if not ratelimit.allow(f"self:{links.token_hash(token)}:{client}", limit=REQUESTS_PER_10_MINUTES,
                           window_seconds=600):
        return _problem(request, "rate", 429)
    resolution = links.personal_link_resolve(token)
    if resolution.status != "ok":
        if resolution.status == "unknown" and not ratelimit.allow(
                f"self-miss:{client}", limit=FAILED_LOOKUPS_PER_HOUR, window_seconds=3600):
            return _problem(request, "rate", 429)
        return _problem(request, resolution.status, 404 if resolution.status == "unknown" else 410)
    link = resolution.link
    today = dt.date.today()
    states = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        section = next((s for s in panels.SELF_PAGE if action in s.actions), None)
        if section is None:
            return HttpResponseBadRequest()
        outcome = section.handle(request, link, today=today)
        if not isinstance(outcome, dict):
            return outcome
        states[section] = outcome
    sections = [Rendered(section.template, {"section": section.context(link, today=today,
                                                                         state=states.get(section, {}))})
                for section in panels.SELF_PAGE]
    response = _page(request, "portal/self.html", {
        "person_first_name": link.person.first_name, "sections": sections, "link": link,
        "done": DONE_MESSAGES.get(request.GET.get("done", "")),
    }, status=400 if states else 200)
    room.remember_link(response, token=token, expires_at=link.expires_at, secure=request.is_secure())
    return response
