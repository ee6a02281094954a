"""What the own pages behind personal links share (the young person's, the company representative's): the
rate limits, the answer for a link that does not open, the response headers, and running the page's sections
(each builds its part and handles its own form posts)."""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render

from nextwork.core.links import Resolution, token_hash
from nextwork.core.panels import Rendered
from nextwork.groups import ratelimit

REQUESTS_PER_10_MINUTES = 120
FAILED_LOOKUPS_PER_HOUR = 20


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def page(request, template, context, status=200) -> HttpResponse:
    response = render(request, template, context, status=status)
    # The token is in the URL: never send it to other sites. ("no-referrer" would make browsers send
    # "Origin: null" on the page's own forms, which the CSRF check rightly refuses.)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def problem(request, problem_kind: str, status: int) -> HttpResponse:
    return page(request, "groups/self/problem.html", {"problem": problem_kind}, status=status)


def open_link(request, token: str, *, kind: str, resolve: Callable[[str], Resolution]):
    """The link the token opens, or the response to send instead. Requests count per link and address, so one
    busy client behind a shared proxy does not lock out the others there; failed lookups (guessing) count
    per address."""
    client = client_address(request)
    if not ratelimit.allow(f"{kind}:{token_hash(token)}:{client}", limit=REQUESTS_PER_10_MINUTES,
                           window_seconds=600):
        return None, problem(request, "rate", 429)
    resolution = resolve(token)
    if resolution.status == "ok":
        return resolution.link, None
    if resolution.status == "unknown" and not ratelimit.allow(
            f"{kind}-miss:{client}", limit=FAILED_LOOKUPS_PER_HOUR, window_seconds=3600):
        return None, problem(request, "rate", 429)
    return None, problem(request, resolution.status, 404 if resolution.status == "unknown" else 410)


@dataclass
class Sections:
    rendered: list[Rendered]
    refused: bool  # a form post was refused: the page answers 400 with what was typed


def run_sections(request, link, sections: Sequence, today: dt.date):
    """The page's sections with a form post handled by the section that owns its action; a response (a
    redirect after a post, or 400 for an unknown action) when the page is not to be shown."""
    states = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        section = next((s for s in sections if action in s.actions), None)
        if section is None:
            return HttpResponseBadRequest()
        outcome = section.handle(request, link, today=today)
        if not isinstance(outcome, dict):
            return outcome
        states[section] = outcome
    return Sections([Rendered(section.template, {"section": section.context(link, today=today,
                                                                            state=states.get(section, {}))})
                     for section in sections], refused=bool(states))
