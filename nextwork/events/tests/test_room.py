"""The QR code on each table: scanning it on a phone that has opened its own page leads to that young person's
wishes; the code itself names only the event, so any other phone gets an explanation, and a made-up code
nothing."""

import io

import pytest
from pypdf import PdfReader

from nextwork.events import room
from nextwork.events.services import tableplan
from nextwork.groups.services import links

pytestmark = pytest.mark.django_db


def test_a_phone_that_opened_its_own_page_goes_from_the_table_to_its_wishes(client, consultant, held_event, youth):
    _link, token = links.personal_link_create(actor=consultant, person=youth[0])
    own_page = client.get(f"/groups/me/{token}/")
    cookie = own_page.cookies[room.SELF_COOKIE]
    assert cookie["path"] == room.ROOM_PATH_PREFIX and cookie["httponly"]
    response = client.get(f"/events/room/{held_event.pk}/{room.room_code(held_event.pk)}/")
    assert response.status_code == 302
    assert response["Location"] == f"/groups/me/{token}/#event-{held_event.pk}"
    assert f'id="event-{held_event.pk}"' in client.get(response["Location"]).content.decode()


def test_another_phone_is_told_how_to_get_to_its_page(client, held_event):
    response = client.get(f"/events/room/{held_event.pk}/{room.room_code(held_event.pk)}/",
                          HTTP_COOKIE="django_language=en")
    page = response.content.decode()
    assert response.status_code == 200 and "Open the link to your page" in page
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]


def test_a_revoked_link_in_the_cookie_does_not_open_the_page(client, consultant, held_event, youth):
    link, token = links.personal_link_create(actor=consultant, person=youth[0])
    client.get(f"/groups/me/{token}/")
    links.personal_link_revoke(actor=consultant, link=link)
    response = client.get(f"/events/room/{held_event.pk}/{room.room_code(held_event.pk)}/")
    assert response.status_code == 200


def test_a_made_up_code_or_event_finds_nothing(client, held_event):
    assert client.get(f"/events/room/{held_event.pk}/{'0' * 20}/").status_code == 404
    assert client.get(f"/events/room/{held_event.pk + 999}/{room.room_code(held_event.pk)}/").status_code == 404


def test_every_table_page_of_the_printed_plan_carries_the_code(client, held_event, consultant):
    tableplan.table_plan_make(actor=consultant, event=held_event, rounds=3, seats=2)
    client.force_login(consultant)
    response = client.get(f"/events/{held_event.pk}/table-plan.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    table_pages = [p for p in reader.pages if "Runde 1" in p.extract_text()]
    assert table_pages and all("Scan for at" in " ".join(p.extract_text().split()) for p in table_pages)
    assert f"/events/room/{held_event.pk}/{room.room_code(held_event.pk)}/" in " ".join(
        " ".join(p.extract_text().split()) for p in reader.pages).replace(" ", "")
