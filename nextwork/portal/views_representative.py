"""A company representative's own page behind their personal link (nextwork.companies.links): the company's
name, its coming match events, and the sections of panels.REPRESENTATIVE_PAGE (each builds its part and
handles its own form posts). Rate-limited per link and address like the young person's page; never cached."""

import datetime as dt

from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from nextwork.companies import links
from nextwork.events.models import MatchEvent

from . import own_page, panels

DONE_MESSAGES = {"devising": _("Thank you. The team will look at your idea and answer here.")}


def coming_events(company, today: dt.date) -> list[MatchEvent]:
    return list(MatchEvent.objects.filter(offers__company=company, held_on__gte=today, kind="event")
                .distinct().order_by("held_on")[:5])


@never_cache
def representative_page(request, token):
    link, refusal = own_page.open_link(request, token, kind="rep", resolve=links.representative_link_resolve)
    if refusal is not None:
        return refusal
    today = dt.date.today()
    sections = own_page.run_sections(request, link, panels.REPRESENTATIVE_PAGE, today)
    if not isinstance(sections, own_page.Sections):
        return sections
    company = link.representative.company
    return own_page.page(request, "portal/representative.html", {
        "representative": link.representative, "company": company, "sections": sections.rendered,
        "link": link, "events": coming_events(company, today),
        "done": DONE_MESSAGES.get(request.GET.get("done", "")),
    }, status=400 if sections.refused else 200)
