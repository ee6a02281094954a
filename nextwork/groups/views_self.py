"""The young person's own page behind their personal link. Rate-limited per address; never cached."""

import datetime as dt

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from nextwork.core.errors import DomainError

from . import forms, ratelimit
from .models import AgendaItem
from .selfservice import SECTIONS, group_section
from .services import agenda, links, memberships

REQUESTS_PER_10_MINUTES = 120
FAILED_LOOKUPS_PER_HOUR = 20


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def _page(request, template, context, status=200):
    response = render(request, template, context, status=status)
    # The token is in the URL: never send it to other sites. ("no-referrer" would make browsers send
    # "Origin: null" on the page's own forms, which the CSRF check rightly refuses.)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def self_page(request, token):
    client = _client(request)
    if not ratelimit.allow(f"self:{client}", limit=REQUESTS_PER_10_MINUTES, window_seconds=600):
        return _page(request, "groups/self/problem.html", {"problem": "rate"}, status=429)
    resolution = links.personal_link_resolve(token)
    if resolution.status != "ok":
        if resolution.status == "unknown" and not ratelimit.allow(
                f"self-miss:{client}", limit=FAILED_LOOKUPS_PER_HOUR, window_seconds=3600):
            return _page(request, "groups/self/problem.html", {"problem": "rate"}, status=429)
        return _page(request, "groups/self/problem.html", {"problem": resolution.status},
                     status=404 if resolution.status == "unknown" else 410)
    link = resolution.link
    today = dt.date.today()
    propose_form = None
    if request.method == "POST":
        section = group_section(link, today=today)
        membership = section["membership"]
        action = request.POST.get("action")
        if membership is not None and action == "propose":
            propose_form = forms.ProposeForm(request.POST)
            if propose_form.is_valid():
                try:
                    agenda.agenda_item_propose(group=membership.group, member=membership,
                                               session=None, title=propose_form.cleaned_data["title"])
                except DomainError as error:
                    propose_form.add_error("title", error.message)
                else:
                    return HttpResponseRedirect(request.path + "?done=proposed#agenda-heading")
        elif membership is not None and action == "vote":
            item = AgendaItem.objects.filter(pk=request.POST.get("item"), group_id=membership.group_id).first()
            if item is not None:
                agenda.agenda_vote_toggle(item=item, member=membership)
            return HttpResponseRedirect(request.path + f"#item-{item.pk if item else ''}")
        elif membership is not None and action == "share":
            memberships.membership_set_sharing(membership=membership,
                                               share_first_name=request.POST.get("share") == "1")
            return HttpResponseRedirect(request.path + "?done=shared")
    sections = []
    for template, build in SECTIONS:
        extra = {"propose_form": propose_form} if build is group_section else {}
        sections.append((template, build(link, today=today, **extra)))
    done = {"proposed": _("Thank you. Your topic is on the list."),
            "shared": _("Your choice is saved.")}.get(request.GET.get("done", ""))
    return _page(request, "groups/self/page.html", {
        "person_first_name": link.person.first_name, "sections": sections, "link": link, "done": done,
    }, status=400 if propose_form is not None and propose_form.errors else 200)


