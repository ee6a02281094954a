"""The event's table plan: everyone who is coming sits somewhere each round, never twice at a company, never
at one they said no to; it prints as one page per table and a slip per young person."""

import io

import pytest
from pypdf import PdfReader

from nextwork.core.errors import DomainError
from nextwork.events.services import tableplan

pytestmark = pytest.mark.django_db


def test_the_plan_seats_everyone_coming_and_respects_their_no(held_event, youth, event_offers, consultant):
    from nextwork.events.models import Veto

    Veto.objects.create(event=held_event, person=youth[0], company=event_offers[0].company)
    stored = tableplan.table_plan_make(actor=consultant, event=held_event, rounds=3, seats=2)
    rounds = stored["plan"]["rounds"]
    assert len(rounds) == 3
    for round_ in rounds:
        seated = [y for table in round_["tables"] for y in table["youth"]]
        assert len(seated) == len(set(seated))  # nobody at two tables in a round
        assert all(len(table["youth"]) <= 2 for table in round_["tables"])
    visits = [(y, t["table"]) for r in rounds for t in r["tables"] for y in t["youth"]]
    assert len(visits) == len(set(visits))  # never the same company twice
    assert (f"y{youth[0].pk}", f"t{event_offers[0].company_id}") not in visits


def test_more_young_people_than_seats_is_refused(held_event, consultant):
    with pytest.raises(DomainError) as error:
        tableplan.table_plan_make(actor=consultant, event=held_event, rounds=2, seats=1)
    assert error.value.field == "seats"


def test_the_pdf_has_a_page_per_table_and_a_slip_per_young_person(client, held_event, youth, consultant):
    tableplan.table_plan_make(actor=consultant, event=held_event, rounds=3, seats=2)
    client.force_login(consultant)
    response = client.get(f"/events/{held_event.pk}/table-plan.pdf")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages]
    assert pages[0].startswith("Scan for at ønske Bageriet")  # the QR code, then tables in name order
    text = " ".join(pages)
    for name in ("Smedien", "Lageret", "Runde 3", *(p.first_name for p in youth)):
        assert name in text, name


def test_the_plan_is_made_and_shown_on_the_event_page(client, held_event, consultant):
    client.force_login(consultant)
    client.post(f"/events/{held_event.pk}/table-plan/", {"rounds": "3", "seats": "2"})
    page = client.get(f"/events/{held_event.pk}/").content.decode()
    assert "Round 3" in page and "table-plan.pdf" in page
    response = client.post(f"/events/{held_event.pk}/table-plan/", {"rounds": "abc", "seats": "2"})
    assert response.status_code == 302  # a clear message, never a server error


def test_companies_a_young_person_asked_to_meet_come_first_in_the_plan(client, consultant, make_event, youth,
                                                                       event_offers):
    from nextwork.events.services import events
    from nextwork.groups.services import links

    event = make_event(days_ago=-7)
    events.event_invite(actor=consultant, event=event, people=youth)
    _link, token = links.personal_link_create(actor=consultant, person=youth[0])
    store = event_offers[2].company_id
    client.post(f"/groups/me/{token}/", {"action": "event_requests", "event": event.pk, "company": [store]})
    assert youth[0].event_invitations.get().requested_companies == [store]
    plan = tableplan.table_plan_make(actor=consultant, event=event, rounds=1, seats=2)
    seated = {y for t in plan["plan"]["rounds"][0]["tables"] if t["table"] == f"t{store}" for y in t["youth"]}
    assert f"y{youth[0].pk}" in seated
    assert plan["plan"]["unmet_requests"] == []


def test_at_most_three_companies_can_be_asked_for(consultant, make_event, youth, event_offers, make_company):
    from nextwork.events.services import events

    event = make_event(days_ago=-7)
    events.event_invite(actor=consultant, event=event, people=youth[:1])
    invitation = youth[0].event_invitations.get()
    with pytest.raises(DomainError):
        events.invitation_request_companies(invitation=invitation, company_ids=[1, 2, 3, 4])
    with pytest.raises(DomainError):  # not a company at the event
        events.invitation_request_companies(invitation=invitation, company_ids=[make_company(name="Andet").pk])
