"""The address behind the QR code on each table (see room.py). No login: the young people scan it."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from nextwork.groups import ratelimit
from nextwork.groups.services import links

from . import room
from .models import MatchEvent

SCANS_PER_10_MINUTES = 120


def _page(request, context, status=200):
    response = render(request, "events/room/room.html", context, status=status)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def event_room(request, event_id, code):
    client = request.META.get("REMOTE_ADDR", "unknown")
    if not ratelimit.allow(f"room:{client}", limit=SCANS_PER_10_MINUTES, window_seconds=600):
        return _page(request, {"problem": "rate"}, status=429)
    event = MatchEvent.objects.filter(pk=event_id).first() if room.room_code_valid(event_id, code) else None
    if event is None:
        return _page(request, {"problem": "unknown"}, status=404)
    token = request.COOKIES.get(room.SELF_COOKIE, "")
    if token:
        resolution = links.personal_link_resolve(token)
        if resolution.status == "ok" and resolution.link.person.municipality_id == event.municipality_id:
            return redirect(reverse("portal:self", kwargs={"token": token}) + f"#event-{event.pk}")
    return _page(request, {"event": event})
