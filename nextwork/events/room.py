"""The QR code on each table at a match event: it opens the young person's own page, where they make their wishes.

The code in the QR names the event, never a person (everyone at the table scans the same code). A phone that has
opened its own page before carries the personal link in a cookie sent only to the room's address, so scanning
leads straight to that young person's page; any other phone gets a plain explanation instead."""

import hmac

import segno
from django.urls import reverse

from nextwork.core.crypto import lookup_hash

SELF_COOKIE = "nextwork_self"
ROOM_PATH_PREFIX = "/events/room/"


def room_code(event_id: int) -> str:
    return lookup_hash(f"event-room:{event_id}")[:20]


def room_code_valid(event_id: int, code: str) -> bool:
    return hmac.compare_digest(room_code(event_id), code)


def room_url(request, event_id: int) -> str:
    return request.build_absolute_uri(reverse("events:room", kwargs={"event_id": event_id,
                                                                      "code": room_code(event_id)}))


def room_qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def remember_link(response, *, token: str, expires_at, secure: bool) -> None:
    """Called by the own page: the room's QR code can then find this young person's page on this phone."""
    response.set_cookie(SELF_COOKIE, token, expires=expires_at, path=ROOM_PATH_PREFIX, secure=secure,
                        httponly=True, samesite="Lax")
