"""The young person's own page behind their personal link. Rate-limited per link and address; never cached.
Each section of panels.SELF_PAGE builds its part and handles its own form posts (own_page.py)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from nextwork.events import room
from nextwork.groups.services import links

from . import own_page, panels

DONE_MESSAGES = {"proposed": _("Thank you. Your topic is on the list."), "shared": _("Your choice is saved."),
                 "answered": _("Thank you for your answer."), "wished": _("Your wishes are saved."),
                 "checked_in": _("Thank you for answering."), "goal_added": _("Your goal is saved."),
                 "goal_marked": _("Saved. Good that you keep track."),
                 "devising": _("Thank you. The team will look at your idea and answer here.")}


@never_cache
def self_page(request, token):
    link, refusal = own_page.open_link(request, token, kind="self", resolve=links.personal_link_resolve)
    if refusal is not None:
        return refusal
    sections = own_page.run_sections(request, link, panels.SELF_PAGE, dt.date.today())
    if not isinstance(sections, own_page.Sections):
        return sections
    response = own_page.page(request, "portal/self.html", {
        "person_first_name": link.person.first_name, "sections": sections.rendered, "link": link,
        "done": DONE_MESSAGES.get(request.GET.get("done", "")),
    }, status=400 if sections.refused else 200)
    room.remember_link(response, token=token, expires_at=link.expires_at, secure=request.is_secure())
    return response
