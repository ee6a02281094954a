"""Match events from planning to confirmed internships: the rules a user would notice."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from nextwork.companies.models import Internship
from nextwork.core.errors import DomainError
from nextwork.core.models import AuditEvent
from nextwork.events.choices import EventStatus
from nextwork.events.models import Placement, Wish
from nextwork.events.services import allocation, events, wishes

pytestmark = pytest.mark.django_db


def test_an_event_needs_a_place_and_a_sane_date(make_event):
    with pytest.raises(DomainError) as error:
        make_event(place="  ")
    assert error.value.field == "place"
    with pytest.raises(DomainError) as error:
        make_event(days_ago=-800)
    assert error.value.field == "held_on"


def test_offers_of_another_municipality_cannot_be_brought(make_event, other_team):
    from nextwork.companies.services import companies, offers
    from nextwork.companies.tests.conftest import company_details, offer_details

    actor = other_team["company_consultant"]
    foreign = companies.company_create(actor=actor, details=company_details(cvr="10000017"))
    foreign_offer = offers.offer_create(actor=actor, company=foreign, details=offer_details())
    with pytest.raises(DomainError):
        make_event(offers=[foreign_offer])


def test_recording_who_came_opens_the_wishes_until_a_deadline(held_event, youth):
    assert held_event.status == EventStatus.HELD and wishes.wishes_open(held_event)
    assert held_event.wish_deadline.date() == held_event.held_on + dt.timedelta(days=2)


def test_wishes_are_ranked_and_replace_the_earlier_ones(held_event, youth, event_offers):
    smith, bakery, store = event_offers
    wishes.wishes_set(event=held_event, person=youth[0], offer_ids=[bakery.pk, smith.pk])
    wishes.wishes_set(event=held_event, person=youth[0], offer_ids=[store.pk, bakery.pk],
                      vetoed_company_ids=[smith.company_id])
    assert list(Wish.objects.filter(person=youth[0]).values_list("offer_id", "rank")) == [(store.pk, 1),
                                                                                          (bakery.pk, 2)]


@pytest.mark.parametrize("case", ["too_many", "not_at_event", "vetoed_and_wished", "twice"])
def test_wrong_wishes_are_refused_with_a_message_and_change_nothing(held_event, youth, event_offers, offer,
                                                                    case):
    smith, bakery, store = event_offers
    offer_ids, vetoes = {
        "too_many": ([smith.pk, bakery.pk, store.pk, offer.pk], []),
        "not_at_event": ([offer.pk], []),
        "vetoed_and_wished": ([smith.pk], [smith.company_id]),
        "twice": ([smith.pk, smith.pk], []),
    }[case]
    if case == "too_many":
        held_event.max_wishes = 3
        held_event.save()
    with pytest.raises(DomainError) as error:
        wishes.wishes_set(event=held_event, person=youth[0], offer_ids=offer_ids, vetoed_company_ids=vetoes)
    assert error.value.message
    assert not Wish.objects.exists()


def test_wishes_after_the_deadline_are_refused(held_event, youth, event_offers):
    with time_machine.travel(held_event.wish_deadline + dt.timedelta(minutes=1), tick=False):
        with pytest.raises(DomainError) as error:
            wishes.wishes_set(event=held_event, person=youth[0], offer_ids=[event_offers[0].pk])
    assert "closed" in error.value.message


def _wish_all(event, youth, offers):
    smith, bakery, store = offers
    wishes.wishes_set(event=event, person=youth[0], offer_ids=[bakery.pk, smith.pk])
    wishes.wishes_set(event=event, person=youth[1], offer_ids=[bakery.pk, store.pk])
    wishes.wishes_set(event=event, person=youth[2], offer_ids=[smith.pk])
    wishes.wishes_set(event=event, person=youth[3], offer_ids=[smith.pk], vetoed_company_ids=[store.company_id])


def test_a_run_is_stored_with_its_input_and_seed_and_can_be_reproduced(held_event, youth, event_offers,
                                                                       consultant):
    _wish_all(held_event, youth, event_offers)
    first = allocation.allocation_run(actor=consultant, event=held_event, seed=5)
    again = allocation.allocation_run(actor=consultant, event=held_event, seed=5)
    assert first.result == again.result and first.instance == again.instance
    assert len(first.result["placements"]) == 4  # 2 smith places, the bakery and the store: everyone placed
    from nextwork import allocation as engine

    assert engine.solve(engine.Instance.from_json(first.instance)).to_json() == first.result


def test_confirming_drafts_the_internships_within_the_promise_and_closes_the_event(held_event, youth,
                                                                                   event_offers, consultant):
    for person in youth:
        course = person.courses.get()
        from nextwork.people.services.courses import course_change_status

        course_change_status(actor=consultant, course=course, status="active", on=course.referred_on)
    _wish_all(held_event, youth, event_offers)
    invitation = youth[0].event_invitations.get()
    events.invitation_respond(invitation=invitation, response=invitation.response, about_me="Jeg er ordblind.")
    run = allocation.allocation_run(actor=consultant, event=held_event)
    placements = allocation.allocation_confirm(actor=consultant, run=run)
    assert len(placements) == 4 and all(p.internship is not None for p in placements)
    # The young person's own words go to the company with the internship, and nothing else about them.
    assert Internship.objects.get(course__person=youth[0]).youth_note == "Jeg er ordblind."
    internships = Internship.objects.filter(event_placement__run=run)
    assert {i.wished_on for i in internships} == {held_event.held_on}
    assert all(i.status == "planned" for i in internships)
    # The three-party meeting is planned: a follow-up on each company's page, due before the first day.
    from nextwork.companies.models import Contact

    for internship in internships:
        follow_ups = Contact.objects.filter(company=internship.company, kind="meeting")
        assert follow_ups and all(f.next_follow_up_on <= internship.start_on and "trepartsmøde" in f.note
                                  for f in follow_ups)
    held_event.refresh_from_db()
    run.refresh_from_db()
    assert held_event.status == EventStatus.ALLOCATED and run.confirmed_at is not None
    assert run.first_wish_share is not None and 0 <= run.first_wish_share <= run.top3_share <= 1
    with pytest.raises(DomainError):
        allocation.allocation_confirm(actor=consultant, run=run)  # never silently changed
    with pytest.raises(DomainError):
        allocation.allocation_run(actor=consultant, event=held_event)
    assert Placement.objects.count() == 4


def test_an_older_run_cannot_be_confirmed(held_event, youth, event_offers, consultant):
    _wish_all(held_event, youth, event_offers)
    older = allocation.allocation_run(actor=consultant, event=held_event, seed=1)
    allocation.allocation_run(actor=consultant, event=held_event, seed=2)
    with pytest.raises(DomainError):
        allocation.allocation_confirm(actor=consultant, run=older)


def test_the_event_page_lists_the_young_people_with_one_audit_row(client, consultant, held_event, youth):
    client.force_login(consultant)
    before = AuditEvent.objects.count()
    html = client.get(f"/events/{held_event.pk}/").content.decode()
    assert all(person.full_name in html for person in youth)
    rows = list(AuditEvent.objects.order_by("pk")[before:])
    assert [(r.action, r.object_type) for r in rows if r.action == "list"] == [("list", "young_person")]
    assert "(4 shown)" in [r.summary for r in rows if r.action == "list"][0]


def test_roles_and_municipalities_are_kept_apart(client, team, other_team, held_event):
    client.force_login(team["manager"])
    assert client.get(f"/events/{held_event.pk}/").status_code == 403
    client.force_login(other_team["youth_consultant"])
    assert client.get(f"/events/{held_event.pk}/").status_code == 404


def test_staff_run_and_confirm_through_the_pages(client, consultant, held_event, youth, event_offers):
    _wish_all(held_event, youth, event_offers)
    client.force_login(consultant)
    client.post(f"/events/{held_event.pk}/allocation/")
    run = held_event.runs.get()
    page = client.get(f"/events/{held_event.pk}/").content.decode()
    assert "Bageriet" in page and "Confirm the allocation" in page
    asked = client.post(f"/events/{held_event.pk}/allocation/{run.pk}/confirm/")
    assert asked.status_code == 200 and 'name="confirm" value="yes"' in asked.content.decode()
    client.post(f"/events/{held_event.pk}/allocation/{run.pk}/confirm/", {"confirm": "yes"})
    run.refresh_from_db()
    assert run.confirmed_at is not None


def test_the_young_person_wishes_from_their_own_page(client, consultant, held_event, youth, event_offers):
    from nextwork.groups.services import links

    _link, token = links.personal_link_create(actor=consultant, person=youth[0])
    url = f"/groups/me/{token}/"
    page = client.get(url).content.decode()
    assert "Smedien" in page and "event_wishes" in page
    prefix = f"e{held_event.pk}"
    response = client.post(url, {"action": "event_wishes", "event": held_event.pk,
                                 f"{prefix}-wish_1": event_offers[1].pk, f"{prefix}-wish_2": event_offers[0].pk,
                                 f"{prefix}-about_me": "Jeg vil gerne starte kl. 9."})
    assert response.status_code == 302
    assert list(Wish.objects.filter(person=youth[0]).values_list("offer_id", flat=True)) == [
        event_offers[1].pk, event_offers[0].pk]
    assert youth[0].event_invitations.get().about_me == "Jeg vil gerne starte kl. 9."


def test_a_planned_event_is_answered_from_the_own_page(client, consultant, make_event, youth):
    from nextwork.groups.services import links

    event = make_event(days_ago=-7)
    events.event_invite(actor=consultant, event=event, people=youth[:1])
    _link, token = links.personal_link_create(actor=consultant, person=youth[0])
    client.post(f"/groups/me/{token}/", {"action": "event_respond", "event": event.pk, "response": "confirmed"})
    assert youth[0].event_invitations.get().response == "confirmed"


def test_merging_moves_the_invitations_and_wishes(held_event, youth, event_offers, team_lead, make_person):
    from nextwork.portal.merge import young_people_merge

    twin = make_person(first_name="Astrid", referred_days_ago=40).person  # the kept record, not invited
    wishes.wishes_set(event=held_event, person=youth[0], offer_ids=[event_offers[0].pk])
    young_people_merge(actor=team_lead, keep=twin, duplicate=youth[0])
    assert twin.event_invitations.count() == 1 and twin.event_wishes.count() == 1


def test_two_records_invited_to_the_same_event_are_not_merged(held_event, youth, team_lead):
    from nextwork.portal.merge import young_people_merge

    with pytest.raises(DomainError) as error:
        young_people_merge(actor=team_lead, keep=youth[0], duplicate=youth[1])
    assert "match event" in error.value.message
    assert youth[1].event_invitations.count() == 1


def test_a_consultant_records_the_answer_and_a_quiet_table(client, consultant, make_event, youth):
    event = make_event(days_ago=-5)
    events.event_invite(actor=consultant, event=event, people=youth[:1])
    client.force_login(consultant)
    response = client.post(f"/events/{event.pk}/invitations/{youth[0].pk}/",
                           {"response": "confirmed", "support": "quiet_table"})
    assert response.status_code == 302
    invitation = youth[0].event_invitations.get()
    assert (invitation.response, invitation.support) == ("confirmed", "quiet_table")
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "Sits at a quiet table" in page and "event-sms" in page  # and the reminder texts to copy
    assert "event-representatives" in page and "Smedien" in page


def test_after_confirmation_the_company_phoning_is_recorded_and_the_unplaced_come_first(
        client, consultant, held_event, youth, event_offers, make_event):
    for person in youth:
        wishes.wishes_set(event=held_event, person=person, offer_ids=[event_offers[1].pk])  # all want the bakery
    run = allocation.allocation_run(actor=consultant, event=held_event)
    placements = allocation.allocation_confirm(actor=consultant, run=run)
    assert len(placements) == 1  # one bakery place
    client.force_login(consultant)
    client.post(f"/events/{held_event.pk}/placements/{placements[0].pk}/phoned/")
    placements[0].refresh_from_db()
    assert placements[0].representative_called_on == dt.date.today()
    next_event = make_event(days_ago=-20)
    page = client.get(f"/events/{next_event.pk}/").content.decode()
    assert "3 young people got no place at the last event" in page
    placed = placements[0].person
    from nextwork.events.access import invitable_people

    ordered = invitable_people(consultant, next_event)
    assert {p.pk for p in ordered[:3]} == {p.pk for p in youth if p != placed}


def test_the_planning_page_shows_trades_wished_for_and_not_offered(client, consultant, make_event, make_person):
    make_person(first_name="Ida", dream_trades="Frisør")
    make_person(first_name="Ole", dream_trades="Frisør")
    event = make_event(days_ago=-5)
    client.force_login(consultant)
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "too few companies offer" in page


def test_a_move_is_kept_when_the_engine_runs_again_and_a_worse_wish_is_shown(held_event, youth, event_offers,
                                                                              consultant, client):
    smith, bakery, store = event_offers
    for person in youth:
        wishes.wishes_set(event=held_event, person=person, offer_ids=[bakery.pk, store.pk])
    first = allocation.allocation_run(actor=consultant, event=held_event)
    on_bakery = next(p["youth"] for p in first.result["placements"] if p["offer"] == str(bakery.pk))
    moved = next(p for p in youth if str(p.pk) == on_bakery)
    lock = allocation.allocation_move(actor=consultant, event=held_event, person=moved, offer=store,
                                      reason="Kender allerede bageren privat")
    assert lock.engine_rank == 1 and lock.rank == 2 and lock.worse_than_proposed
    again = allocation.allocation_run(actor=consultant, event=held_event)
    placed = {p["youth"]: p["offer"] for p in again.result["placements"]}
    assert placed[str(moved.pk)] == str(store.pk)  # the move holds
    assert list(placed.values()).count(str(bakery.pk)) == 1  # the bakery went to someone else
    client.force_login(consultant)
    page = client.get(f"/events/{held_event.pk}/").content.decode()
    assert "Kender allerede bageren privat" in page and "worse than the engine proposed" in page


def test_moves_need_a_reason_respect_vetoes_and_places(held_event, youth, event_offers, consultant):
    smith, bakery, store = event_offers
    wishes.wishes_set(event=held_event, person=youth[0], offer_ids=[smith.pk], vetoed_company_ids=[store.company_id])
    with pytest.raises(DomainError):
        allocation.allocation_move(actor=consultant, event=held_event, person=youth[0], offer=bakery, reason=" ")
    with pytest.raises(DomainError):
        allocation.allocation_move(actor=consultant, event=held_event, person=youth[0], offer=store, reason="X")
    allocation.allocation_move(actor=consultant, event=held_event, person=youth[1], offer=bakery, reason="Ok")
    with pytest.raises(DomainError):  # the bakery's one place is given by hand already
        allocation.allocation_move(actor=consultant, event=held_event, person=youth[2], offer=bakery, reason="Ok")


def test_no_place_by_hand_leaves_the_young_person_out_of_the_run(held_event, youth, event_offers, consultant,
                                                                 client):
    for person in youth:
        wishes.wishes_set(event=held_event, person=person, offer_ids=[event_offers[0].pk])
    allocation.allocation_move(actor=consultant, event=held_event, person=youth[0], offer=None,
                               reason="Har fået job i mellemtiden")
    run = allocation.allocation_run(actor=consultant, event=held_event)
    assert str(youth[0].pk) not in {y["id"] for y in run.instance["youth"]}
    client.force_login(consultant)
    response = client.post(f"/events/{held_event.pk}/allocation/move/{youth[0].pk}/", {"undo": "yes"})
    assert response.status_code == 302 and not held_event.locks.exists()


def test_a_place_between_events_is_shown_to_matching_young_people_and_allocated(client, consultant, make_person,
                                                                                 event_offers):
    from nextwork.events.choices import EventKind
    from nextwork.groups.services import links

    smith = event_offers[0]  # DISCO 722: smiths
    keen = make_person(first_name="Sune", dream_trades="Smed eller mekaniker").person
    other = make_person(first_name="Tea", dream_trades="Frisør").person
    client.force_login(consultant)
    response = client.post("/events/between/", {"offer": smith.pk})
    event = keen.event_invitations.get().event
    assert response.status_code == 302 and event.kind == EventKind.BETWEEN
    assert not other.event_invitations.exists()  # only those whose wishes match the trade
    _link, token = links.personal_link_create(actor=consultant, person=keen)
    own = client.get(f"/groups/me/{token}/").content.decode()
    assert "Smedien" in own and "Do you want it?" in own
    client.post(f"/groups/me/{token}/", {"action": "event_wishes", "event": event.pk, f"e{event.pk}-wish_1": smith.pk})
    run = allocation.allocation_run(actor=consultant, event=event)
    assert [p["youth"] for p in run.result["placements"]] == [str(keen.pk)]


def test_a_place_nobody_wishes_for_is_refused_with_a_message(consultant, event_offers):
    from nextwork.events.services import between

    with pytest.raises(DomainError) as error:
        between.place_between_events(actor=consultant, offer=event_offers[1])
    assert "No young person" in error.value.message


def test_the_company_page_shows_the_events_it_came_to_and_the_young_people_it_met(client, consultant, held_event,
                                                                                   youth, event_offers):
    from nextwork.events.services import tableplan

    tableplan.table_plan_make(actor=consultant, event=held_event, rounds=3, seats=2)
    client.force_login(consultant)
    page = client.get(f"/companies/{event_offers[0].company_id}/").content.decode()
    assert f"/events/{held_event.pk}/" in page and "met" in page
    assert any(person.first_name in page for person in youth)
    before = AuditEvent.objects.filter(action="list", object_type="young_person").count()
    client.get(f"/companies/{event_offers[0].company_id}/")
    assert AuditEvent.objects.filter(action="list", object_type="young_person").count() > before


def test_a_young_person_volunteers_to_host_from_their_own_page(client, consultant, make_event, youth):
    from nextwork.groups.services import links

    event = make_event(days_ago=-7)
    events.event_invite(actor=consultant, event=event, people=youth[:1])
    _link, token = links.personal_link_create(actor=consultant, person=youth[0])
    assert "Introduces the game" in client.get(f"/groups/me/{token}/").content.decode()
    client.post(f"/groups/me/{token}/", {"action": "event_host", "event": event.pk, "host_role": "game"})
    assert youth[0].event_invitations.get().host_role == "game"
    client.force_login(consultant)
    assert "Introduces the game" in client.get(f"/events/{event.pk}/").content.decode()


def test_the_game_and_the_cards_are_edited_and_printed(client, consultant, team):
    client.force_login(consultant)
    client.post("/events/game/", {"game_rules": "Hver virksomhed har 8 minutter.",
                                  "conversation_cards": "Hvad var dit første job?\nHvad laver I en mandag?"})
    page = client.get("/events/game/print/").content.decode()
    assert "Hvad var dit første job?" in page and "Hvad laver I en mandag?" in page and "8 minutter" in page
    client.force_login(team["manager"])
    assert client.get("/events/game/").status_code == 403


def test_those_without_a_place_are_a_task_on_the_start_page(client, consultant, held_event, youth, event_offers):
    for person in youth:
        wishes.wishes_set(event=held_event, person=person, offer_ids=[event_offers[1].pk])
    run = allocation.allocation_run(actor=consultant, event=held_event)
    placed = allocation.allocation_confirm(actor=consultant, run=run)[0].person
    client.force_login(consultant)
    page = client.get("/").content.decode()
    assert "No place at the last match event" in page
    assert all(person.full_name in page for person in youth if person != placed)


def test_a_large_allocation_runs_in_the_background_with_progress(client, consultant, held_event, youth,
                                                                 event_offers, monkeypatch):
    from nextwork.core.models import Job
    from nextwork.core.tests.test_jobs import run_queued_tasks

    monkeypatch.setattr("nextwork.events.tasks.LARGE_RUN", 2)  # four young people count as a large run here
    for person in youth:
        wishes.wishes_set(event=held_event, person=person, offer_ids=[event_offers[0].pk])
    client.force_login(consultant)
    response = client.post(f"/events/{held_event.pk}/allocation/")
    job = Job.objects.get(kind="events.allocation")
    assert response.status_code == 302 and f"?job={job.pk}" in response.url
    assert not held_event.runs.exists()  # the worker does it
    page = client.get(response.url).content.decode()
    assert f'id="job-{job.pk}"' in page
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and held_event.runs.count() == 1
    assert "2 young people placed" in job.result["message"]


def test_the_team_sets_the_wish_deadline_when_planning(client, consultant, event_offers):
    client.force_login(consultant)
    held_on = dt.date.today() + dt.timedelta(days=7)
    client.post("/events/new/", {"held_on": held_on.isoformat(), "starts_at": "13:00", "place": "Hallen",
                                 "max_wishes": "2", "wish_deadline": f"{held_on + dt.timedelta(days=1)}T18:00",
                                 "offers": [o.pk for o in event_offers]})
    from nextwork.events.models import MatchEvent

    event = MatchEvent.objects.get(place="Hallen")
    assert timezone.localtime(event.wish_deadline).strftime("%d %H:%M") == f"{(held_on + dt.timedelta(days=1)):%d} 18:00"


def test_the_peer_buddy_is_recorded_with_the_arrangement(client, consultant, make_event, youth):
    event = make_event(days_ago=-5)
    events.event_invite(actor=consultant, event=event, people=youth[:1])
    client.force_login(consultant)
    client.post(f"/events/{event.pk}/invitations/{youth[0].pk}/",
                {"response": "confirmed", "support": "buddy", "buddy_name": "Mads fra torsdagsgruppen"})
    assert youth[0].event_invitations.get().buddy_name == "Mads fra torsdagsgruppen"
    assert "Mads fra torsdagsgruppen" in client.get(f"/events/{event.pk}/").content.decode()
