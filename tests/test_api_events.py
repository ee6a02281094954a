"""Match events through the JSON API: the whole event from planning to draft internships, with the same
permissions, municipal scoping and audit as the pages, and clear refusals for broken rules and bad input."""

import datetime as dt

import pytest
import time_machine

from nextwork.companies.models import Internship
from nextwork.core.models import AuditEvent
from nextwork.core.roles import Role
from nextwork.core.tokens import api_token_create
from nextwork.events.choices import EventStatus
from nextwork.events.models import Invitation, MatchEvent, Wish
from nextwork.events.tests import conftest as event_fixtures

# The events app's fixtures (and the companies fixtures they build on), used here too.
company_consultant = event_fixtures.company_consultant
make_company = event_fixtures.make_company
company = event_fixtures.company
offer = event_fixtures.offer
event_offers = event_fixtures.event_offers
make_event = event_fixtures.make_event
youth = event_fixtures.youth
held_event = event_fixtures.held_event

pytestmark = pytest.mark.django_db
JSON = "application/json"


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


def activate(consultant, people) -> None:
    from nextwork.people.services.courses import course_change_status

    for person in people:
        course = person.courses.get()
        course_change_status(actor=consultant, course=course, status="active", on=course.referred_on)


def test_a_whole_match_event_through_the_api(client, consultant, youth, event_offers):
    auth = bearer(consultant)
    smith, bakery, store = event_offers
    held_on = dt.date.today() - dt.timedelta(days=1)
    created = client.post("/api/events/", {"held_on": held_on.isoformat(), "starts_at": "13:00",
                                           "place": "Ungehuset, Roskilde", "max_wishes": 3,
                                           "offer_ids": [o.pk for o in event_offers]}, content_type=JSON, **auth)
    assert created.status_code == 201, created.content
    event = created.json()
    assert event["status"] == "planned" and event["offer_ids"] == sorted(o.pk for o in event_offers)
    url = f"/api/events/{event['id']}/"

    listed = client.get("/api/events/", **auth).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == event["id"]

    invited = client.post(f"{url}invitations/", {"person_ids": [p.pk for p in youth]}, content_type=JSON, **auth)
    assert invited.status_code == 200 and invited.json() == {"invited": 4, "invited_total": 4}
    again = client.post(f"{url}invitations/", {"person_ids": [youth[0].pk]}, content_type=JSON, **auth)
    assert again.json() == {"invited": 0, "invited_total": 4}
    activate(consultant, youth)

    came = client.post(f"{url}attendance/", {"person_ids": [p.pk for p in youth[:3]]}, content_type=JSON, **auth)
    assert came.status_code == 200 and came.json()["status"] == "held" and came.json()["wish_deadline"]

    wish_plan = {youth[0]: ([bakery.pk, smith.pk], [store.company_id]), youth[1]: ([bakery.pk, store.pk], []),
                 youth[2]: ([smith.pk], [])}
    for person, (offer_ids, vetoes) in wish_plan.items():
        response = client.put(f"{url}wishes/{person.pk}/", {"offer_ids": offer_ids, "vetoed_company_ids": vetoes,
                                                             "about_me": "Jeg møder gerne kl. 9."},
                              content_type=JSON, **auth)
        assert response.status_code == 200, response.content
        assert [w["offer_id"] for w in response.json()["wishes"]] == offer_ids
    assert Invitation.objects.get(person=youth[0]).about_me == "Jeg møder gerne kl. 9."

    before = AuditEvent.objects.count()
    detail = client.get(url, **auth)
    assert detail.status_code == 200
    body = detail.json()
    assert body["wishes_open"] and {o["company_name"] for o in body["offers"]} == {"Smedien", "Bageriet", "Lageret"}
    rows = {row["person_id"]: row for row in body["invitations"]}
    assert rows[youth[0].pk]["first_name"] == "Asta" and rows[youth[0].pk]["vetoed_company_ids"] == [store.company_id]
    assert [w["offer_id"] for w in rows[youth[0].pk]["wishes"]] == [bakery.pk, smith.pk]
    assert rows[youth[3].pk]["attended"] is False and rows[youth[1].pk]["attended"] is True
    reads = AuditEvent.objects.filter(pk__gt=before if before else 0, channel="api")
    assert reads.filter(action="list", object_type="young_person", summary__contains="(4 shown)").exists()
    assert reads.filter(action="view", object_type="match_event", object_id=str(event["id"])).exists()

    ran = client.post(f"{url}runs/", {"seed": 7}, content_type=JSON, **auth)
    assert ran.status_code == 201, ran.content
    run = ran.json()
    assert run["seed"] == 7 and len(run["placements"]) == 3 and run["unplaced"] == []
    assert {p["person_id"]: p["rank"] for p in run["placements"]}[youth[2].pk] == 1
    assert client.get(f"{url}runs/{run['id']}/", **auth).json() == run

    confirmed = client.post(f"{url}runs/{run['id']}/confirm/", content_type=JSON, **auth)
    assert confirmed.status_code == 200, confirmed.content
    result = confirmed.json()
    assert result["run"]["confirmed_at"] and len(result["internship_ids"]) == 3
    internships = Internship.objects.filter(pk__in=result["internship_ids"])
    assert {i.wished_on for i in internships} == {held_on} and {i.status for i in internships} == {"planned"}
    assert {i.course.person_id for i in internships} == {p.pk for p in youth[:3]}
    assert MatchEvent.objects.get(pk=event["id"]).status == EventStatus.ALLOCATED

    audit = AuditEvent.objects.filter(channel="api", actor=consultant)
    assert audit.filter(action="create", object_type="match_event", object_id=str(event["id"])).exists()
    assert audit.filter(action="change", object_type="match_event", summary__contains="invited 4").exists()
    assert audit.filter(action="create", object_type="allocation_run", object_id=str(run["id"])).exists()
    assert audit.filter(action="change", object_type="allocation_run", summary__contains="confirmed").exists()

    twice = client.post(f"{url}runs/{run['id']}/confirm/", content_type=JSON, **auth)
    assert twice.status_code == 400 and twice.json()["field"] == "run"


def test_a_run_reports_who_was_not_placed_and_why_in_english(client, consultant, held_event, youth, event_offers):
    smith = event_offers[0]
    auth = bearer(consultant)
    for person in youth[:3]:  # two smith places for three first wishes; Dan wishes nothing
        client.put(f"/api/events/{held_event.pk}/wishes/{person.pk}/", {"offer_ids": [smith.pk]},
                   content_type=JSON, **auth)
    run = client.post(f"/api/events/{held_event.pk}/runs/", {}, content_type=JSON, **auth).json()
    assert run["seed"] == 1 and len(run["placements"]) == 2
    reasons = {u["person_id"]: u for u in run["unplaced"]}
    assert set(reasons) == {youth[3].pk, *({p.pk for p in youth[:3]} - {p["person_id"] for p in run["placements"]})}
    assert all(u["reason"] and u["code"] for u in run["unplaced"])
    assert reasons[youth[3].pk]["code"] == "no_wishes" and "wish" in reasons[youth[3].pk]["reason"].lower()


def test_roles_without_the_permission_get_403_and_a_denied_row(client, team, held_event):
    manager = bearer(team[Role.MANAGER])
    for path in ("/api/events/", f"/api/events/{held_event.pk}/"):
        response = client.get(path, **manager)
        assert response.status_code == 403 and response.json()["detail"]
    psychologist = bearer(team[Role.PSYCHOLOGIST])
    assert client.get(f"/api/events/{held_event.pk}/", **psychologist).status_code == 200  # may view
    refused = client.post("/api/events/", {"held_on": "2026-12-01", "starts_at": "13:00", "place": "Ungehuset"},
                          content_type=JSON, **psychologist)
    assert refused.status_code == 403
    assert client.post(f"/api/events/{held_event.pk}/runs/", {}, content_type=JSON, **psychologist).status_code == 403
    assert AuditEvent.objects.filter(action="denied", actor=team[Role.MANAGER], object_type="match_event").exists()
    assert AuditEvent.objects.filter(action="denied", actor=team[Role.PSYCHOLOGIST]).count() == 2
    assert client.get("/api/events/").status_code == 401


def test_another_municipalitys_event_people_and_offers_are_404(client, consultant, other_team, held_event, youth,
                                                              event_offers, make_person):
    outsider = bearer(other_team[Role.YOUTH_CONSULTANT])
    base = f"/api/events/{held_event.pk}/"
    assert client.get(base, **outsider).status_code == 404
    assert client.get("/api/events/", **outsider).json()["count"] == 0
    assert client.post(f"{base}invitations/", {"person_ids": [youth[0].pk]}, content_type=JSON,
                       **outsider).status_code == 404
    assert client.put(f"{base}wishes/{youth[0].pk}/", {"offer_ids": []}, content_type=JSON,
                      **outsider).status_code == 404
    assert client.post(f"{base}runs/", {}, content_type=JSON, **outsider).status_code == 404
    assert AuditEvent.objects.filter(action="denied", actor=other_team[Role.YOUTH_CONSULTANT],
                                     summary__contains="not found").count() == 4

    foreign = make_person(actor=other_team[Role.YOUTH_CONSULTANT], first_name="Fie").person
    own = bearer(consultant)
    invite = client.post(f"{base}invitations/", {"person_ids": [foreign.pk]}, content_type=JSON, **own)
    assert invite.status_code == 404 and not Invitation.objects.filter(person=foreign).exists()
    assert client.put(f"{base}wishes/{foreign.pk}/", {"offer_ids": []}, content_type=JSON, **own).status_code == 404
    assert client.post(f"{base}attendance/", {"person_ids": [foreign.pk]}, content_type=JSON,
                       **own).status_code == 404
    from nextwork.companies.services import companies, offers
    from nextwork.companies.tests.conftest import company_details, offer_details

    other_cc = other_team[Role.COMPANY_CONSULTANT]
    foreign_company = companies.company_create(actor=other_cc, details=company_details(cvr="10000017"))
    foreign_offer = offers.offer_create(actor=other_cc, company=foreign_company, details=offer_details())
    planned = client.post("/api/events/", {"held_on": "2026-12-01", "starts_at": "13:00", "place": "Ungehuset",
                                           "offer_ids": [foreign_offer.pk]}, content_type=JSON, **own)
    assert planned.status_code == 404 and MatchEvent.objects.count() == 1


def test_wishes_after_the_deadline_are_400(client, consultant, held_event, youth, event_offers):
    with time_machine.travel(held_event.wish_deadline + dt.timedelta(minutes=1), tick=False):
        response = client.put(f"/api/events/{held_event.pk}/wishes/{youth[0].pk}/",
                              {"offer_ids": [event_offers[0].pk]}, content_type=JSON, **bearer(consultant))
    assert response.status_code == 400
    assert response.json() == {"detail": "The wishes for this event are closed.", "field": "wishes"}
    assert not Wish.objects.exists()


@pytest.mark.parametrize(("wish", "field"), [
    ("too_many", "wishes"), ("twice", "wishes"), ("vetoed_and_wished", "vetoes"), ("not_at_event", "wishes"),
])
def test_wrong_wishes_are_400_with_the_field_and_change_nothing(client, consultant, held_event, youth,
                                                                event_offers, offer, wish, field):
    smith, bakery, store = event_offers
    held_event.max_wishes = 2
    held_event.save()
    payload = {"too_many": {"offer_ids": [smith.pk, bakery.pk, store.pk]},
               "twice": {"offer_ids": [smith.pk, smith.pk]},
               "vetoed_and_wished": {"offer_ids": [smith.pk], "vetoed_company_ids": [smith.company_id]},
               "not_at_event": {"offer_ids": [offer.pk]}}[wish]
    payload["about_me"] = "Ændres ikke."
    response = client.put(f"/api/events/{held_event.pk}/wishes/{youth[0].pk}/", payload, content_type=JSON,
                          **bearer(consultant))
    assert response.status_code == 400 and response.json()["field"] == field
    assert response.json()["detail"].isascii()  # English, not Danish
    assert not Wish.objects.exists() and Invitation.objects.get(person=youth[0]).about_me == ""


def test_broken_rules_elsewhere_are_400(client, consultant, make_event, youth, held_event, event_offers):
    auth = bearer(consultant)
    coming = make_event(days_ago=-10)
    early = client.post(f"/api/events/{coming.pk}/attendance/", {"person_ids": []}, content_type=JSON, **auth)
    assert early.status_code == 400 and early.json()["field"] == "attended"
    empty = make_event(days_ago=2)
    client.post(f"/api/events/{empty.pk}/attendance/", {"person_ids": []}, content_type=JSON, **auth)
    nobody = client.post(f"/api/events/{empty.pk}/runs/", {}, content_type=JSON, **auth)
    assert nobody.status_code == 400 and "Nobody to allocate" in nobody.json()["detail"]
    far = client.post("/api/events/", {"held_on": "2099-01-01", "starts_at": "13:00", "place": "Ungehuset"},
                      content_type=JSON, **auth)
    assert far.status_code == 400 and far.json()["field"] == "held_on"
    for person in youth:
        client.put(f"/api/events/{held_event.pk}/wishes/{person.pk}/", {"offer_ids": [event_offers[0].pk]},
                   content_type=JSON, **auth)
    older = client.post(f"/api/events/{held_event.pk}/runs/", {"seed": 1}, content_type=JSON, **auth).json()
    client.post(f"/api/events/{held_event.pk}/runs/", {"seed": 2}, content_type=JSON, **auth)
    refused = client.post(f"/api/events/{held_event.pk}/runs/{older['id']}/confirm/", content_type=JSON, **auth)
    assert refused.status_code == 400 and "newest run" in refused.json()["detail"]


@pytest.mark.parametrize(("method", "path", "body"), [
    ("get", "/api/events/abc/", None),
    ("get", "/api/events/99999999999999999999999/", None),
    ("get", "/api/events/0/", None),
    ("get", "/api/events/?page=0", None),
    ("get", "/api/events/?page=99999999999999999999", None),
    ("post", "/api/events/", {"held_on": "2026-12-01", "starts_at": "13:00", "place": "Unge\x00huset"}),
    ("post", "/api/events/", {"held_on": "3026-12-01", "starts_at": "13:00", "place": "Ungehuset"}),
    ("post", "/api/events/", {"held_on": "2026-12-01", "starts_at": "25:00", "place": "Ungehuset"}),
    ("post", "/api/events/", {"held_on": "2026-12-01", "starts_at": "13:00", "place": ""}),
    ("post", "/api/events/", {"held_on": "2026-12-01", "starts_at": "13:00", "place": "U", "max_wishes": 99}),
    ("post", "/api/events/", {"held_on": "2026-12-01", "starts_at": "13:00", "place": "U",
                              "offer_ids": ["x"]}),
    ("post", "/api/events/", {"held_on": "2026-12-01", "starts_at": "13:00", "place": "U",
                              "offer_ids": [2**40]}),
    ("post", "/api/events/", {"held_on": "2026-12-01", "starts_at": "13:00", "place": "U",
                              "wish_deadline": "99999-01-01T10:00"}),
    ("post", "/api/events/{event}/invitations/", {"person_ids": []}),
    ("post", "/api/events/{event}/invitations/", {"person_ids": [-1]}),
    ("post", "/api/events/{event}/attendance/", {"person_ids": "everyone"}),
    ("put", "/api/events/{event}/wishes/{person}/", {"offer_ids": [1] * 11}),
    ("put", "/api/events/{event}/wishes/{person}/", {"offer_ids": [], "about_me": "a\x00b"}),
    ("put", "/api/events/{event}/wishes/{person}/", {"offer_ids": [], "about_me": "x" * 1001}),
    ("put", "/api/events/{event}/wishes/abc/", {"offer_ids": []}),
    ("post", "/api/events/{event}/runs/", {"seed": -1}),
    ("post", "/api/events/{event}/runs/", {"seed": 2**40}),
    ("post", "/api/events/{event}/runs/abc/confirm/", {}),
    ("post", "/api/events/{event}/runs/99999999999999999999/confirm/", {}),
])
def test_garbage_is_422_never_500(client, consultant, held_event, youth, method, path, body):
    path = path.format(event=held_event.pk, person=youth[0].pk)
    kwargs = {"content_type": JSON} if body is not None else {}
    response = getattr(client, method)(path, body, **kwargs, **bearer(consultant)) if body is not None else \
        getattr(client, method)(path, **bearer(consultant))
    assert response.status_code == 422, response.content
    assert response.json()["detail"]


def test_a_body_that_is_not_json_is_refused_without_a_500(client, consultant, held_event):
    response = client.post("/api/events/", "not json\x00", content_type=JSON, **bearer(consultant))
    assert 400 <= response.status_code < 500


def test_every_endpoint_is_in_the_openapi_document_and_the_readme(client, consultant):
    from pathlib import Path

    document = client.get("/api/openapi.json").json()
    paths = [path for path in document["paths"] if path.startswith("/api/events/")]
    assert len(paths) == 12
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for path in paths:
        assert f"{path.replace('{event_id}', '{id}')}" in readme.replace("?page=", ""), path


def test_the_demos_match_events_read_through_the_api(client, db):
    import io

    from django.core.management import call_command

    from nextwork.core.models import User
    from nextwork.events.models import Placement

    call_command("demo", scale="small", stdout=io.StringIO())
    lead = User.objects.get(username="team-lead-roskilde")
    listed = client.get("/api/events/", **bearer(lead)).json()
    today = dt.date.today()
    assert listed["count"] == 3  # a coming event, a place between events today, a past event
    upcoming, _between, past = listed["items"]
    assert MatchEvent.objects.filter(kind="between", municipality__name="Roskilde").count() == 1
    assert upcoming["status"] == "planned" and upcoming["held_on"] == (today + dt.timedelta(days=10)).isoformat()
    assert past["status"] == "allocated" and past["held_on"] == (today - dt.timedelta(days=21)).isoformat()
    detail = client.get(f"/api/events/{past['id']}/", **bearer(lead)).json()
    came = [row for row in detail["invitations"] if row["attended"]]
    assert len(came) >= 3 and all(row["wishes"] for row in came)  # how many depends on the demo day
    assert any(row["vetoed_company_ids"] for row in detail["invitations"])
    assert len(detail["runs"]) == 1 and detail["runs"][0]["confirmed_at"]
    placements = Placement.objects.filter(run_id=detail["runs"][0]["id"]).select_related("internship")
    assert placements and all(p.internship.wished_on.isoformat() == past["held_on"] for p in placements)
    assert {p.internship.status for p in placements} == {"active", "planned"}
    coming = client.get(f"/api/events/{upcoming['id']}/", **bearer(lead)).json()
    assert {row["response"] for row in coming["invitations"]} == {"invited", "confirmed", "declined"}


def test_table_plans_moves_and_places_between_events_through_the_api(client, consultant, held_event, youth,
                                                                    event_offers, make_person, team):
    auth = bearer(consultant)
    smith, bakery, store = event_offers
    plan = client.post(f"/api/events/{held_event.pk}/table-plan/", {"rounds": 3, "seats": 2},
                       content_type=JSON, **auth)
    assert plan.status_code == 200 and len(plan.json()["plan"]["rounds"]) == 3
    assert client.post(f"/api/events/{held_event.pk}/table-plan/", {"rounds": 99, "seats": 2},
                       content_type=JSON, **auth).status_code == 422
    moved = client.post(f"/api/events/{held_event.pk}/moves/",
                        {"person_id": youth[0].pk, "offer_id": store.pk, "reason": "Bor tæt på lageret"},
                        content_type=JSON, **auth)
    assert moved.status_code == 200 and moved.json()["offer_id"] == store.pk
    assert client.post(f"/api/events/{held_event.pk}/moves/",
                       {"person_id": youth[1].pk, "offer_id": store.pk, "reason": "Også"},
                       content_type=JSON, **auth).status_code == 400  # the store's one place is taken by hand
    assert client.delete(f"/api/events/{held_event.pk}/moves/{youth[0].pk}/", **auth).status_code == 204
    make_person(first_name="Sune", dream_trades="Smed")
    between = client.post("/api/events/between/new/", {"offer_id": smith.pk}, content_type=JSON, **auth)
    assert between.status_code == 201
    assert MatchEvent.objects.filter(kind="between").exists()
    assert client.post("/api/events/between/new/", {"offer_id": smith.pk}, content_type=JSON,
                       **bearer(team["manager"])).status_code == 403
