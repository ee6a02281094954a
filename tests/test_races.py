"""Races, with real simultaneous requests: several threads, each with its own logged-in session (a session
cookie from force_login, or an API token), send the same kind of request to the live server at the same
moment (a threading.Barrier releases them). The live server answers each request in its own thread with its
own database connection, so this is what two facilitators, two tabs or a double tap do in production.

PostgreSQL only: SQLite serialises writes and hides these races. CI runs the suite on PostgreSQL."""

import datetime as dt
import json
import secrets
import threading
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from nextwork.companies.models import Internship, InternshipEvent
from nextwork.companies.services import companies, internships
from nextwork.core.tokens import api_token_create
from nextwork.groups.models import Attendance, Membership, Session
from nextwork.groups.services.groups import group_create
from nextwork.groups.services.memberships import membership_add
from nextwork.people.services.courses import course_change_status

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="races need real concurrency: SQLite serialises writes (CI runs PostgreSQL)"),
]

THREADS = 6
TODAY = dt.date.today()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is the answer we assert on, not a page to follow


_opener = urllib.request.build_opener(_NoRedirect)


class Browser:
    """One logged-in user's own session (cookie and CSRF token), like a separate phone or browser."""

    def __init__(self, live_server, user):
        client = Client()
        client.force_login(user)
        self.base = live_server.url
        self.csrf = secrets.token_hex(16)  # 32 characters: a valid CSRF secret, sent as cookie and header
        self.headers = {"Cookie": f"sessionid={client.cookies['sessionid'].value}; csrftoken={self.csrf}; "
                                  "django_language=en",
                        "X-CSRFToken": self.csrf}

    def post(self, path: str, data: dict, **headers) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode()
        return _send(urllib.request.Request(self.base + path, data=body, method="POST",  # noqa: S310 (http://)
                                            headers={**self.headers, **headers}))


class Api:
    """One user's API client with its own bearer token."""

    def __init__(self, live_server, user):
        self.base = live_server.url
        self.headers = {"Authorization": f"Bearer {api_token_create(user=user)}", "Content-Type": "application/json"}

    def post(self, path: str, data: dict) -> tuple[int, str]:
        return _send(urllib.request.Request(self.base + path, data=json.dumps(data).encode(),  # noqa: S310
                                            method="POST", headers=self.headers))


def _send(request) -> tuple[int, str]:
    try:
        with _opener.open(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def at_once(calls) -> list[tuple[int, str]]:
    """Runs each call in its own thread, all released together; returns their (status, body) in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - a transport error is a result to assert on
            results[index] = (0, repr(error))

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def statuses(results) -> list[int]:
    return sorted(status for status, _body in results)


def _group(actor, name, **overrides):
    return group_create(actor=actor, name=name, weekday="tue", starts_at=dt.time(10), ends_at=dt.time(12),
                        place="Ungehuset", facilitators=[actor], active_from=TODAY - dt.timedelta(weeks=4),
                        **overrides)


def _person(make_person, number, **overrides):
    return make_person(first_name=f"Ung{number}", last_name=f"Hansen{number}", age_years=19 + number % 9,
                       referred_days_ago=30, **overrides).person


def test_the_same_young_person_added_to_several_groups_at_once_is_in_exactly_one(live_server, consultant,
                                                                                  make_person):
    person = _person(make_person, 1)
    groups = [_group(consultant, f"Gruppe {i}") for i in range(THREADS)]
    apis = [Api(live_server, consultant) for _ in groups]
    results = at_once([lambda api=api, group=group: api.post(f"/api/groups/{group.pk}/memberships/",
                                                             {"person_id": person.pk}) for api, group in
                       zip(apis, groups, strict=True)])
    assert statuses(results) == [201] + [400] * (THREADS - 1), results
    assert Membership.objects.filter(person=person, left_on__isnull=True).count() == 1
    assert Membership.objects.filter(person=person).count() == 1


def test_a_full_group_takes_no_more_than_its_maximum_at_once(live_server, consultant, make_person):
    group = _group(consultant, "Lille gruppe", target_min=2, target_max=3)
    people = [_person(make_person, 10 + i) for i in range(THREADS)]
    apis = [Api(live_server, consultant) for _ in people]
    results = at_once([lambda api=api, person=person: api.post(f"/api/groups/{group.pk}/memberships/",
                                                               {"person_id": person.pk}) for api, person in
                       zip(apis, people, strict=True)])
    assert statuses(results) == [201] * 3 + [400] * (THREADS - 3), results
    assert all("full" in body for status, body in results if status == 400)
    assert Membership.objects.filter(group=group, left_on__isnull=True).count() == 3


def test_moving_a_young_person_to_two_groups_at_once_leaves_one_current_group(live_server, consultant,
                                                                              make_person):
    person = _person(make_person, 20)
    home = _group(consultant, "Hjemgruppe")
    membership = membership_add(actor=consultant, group=home, person=person, joined_on=TODAY - dt.timedelta(days=7))
    targets = [_group(consultant, f"Ny gruppe {i}") for i in range(THREADS)]
    apis = [Api(live_server, consultant) for _ in targets]
    results = at_once([lambda api=api, group=group: api.post(f"/api/memberships/{membership.pk}/move/",
                                                             {"group_id": group.pk, "on": TODAY.isoformat()})
                       for api, group in zip(apis, targets, strict=True)])
    assert statuses(results) == [200] + [400] * (THREADS - 1), results
    assert Membership.objects.filter(person=person, left_on__isnull=True).count() == 1
    assert Membership.objects.filter(person=person).count() == 2


def test_simultaneous_first_attendance_taps_all_get_an_answer_and_one_row(live_server, consultant, team_lead,
                                                                          make_person):
    group = _group(consultant, "Tirsdagsgruppe")
    group.facilitators.add(team_lead)
    session = Session.objects.create(group=group, date=TODAY - dt.timedelta(days=1), starts_at=dt.time(10))
    members = [membership_add(actor=consultant, group=group, person=_person(make_person, 30 + i),
                              joined_on=TODAY - dt.timedelta(days=14)) for i in range(2)]
    taps = ["present", "late", "absent", "present", "late", "absent"][:THREADS]
    phones = [Browser(live_server, consultant if i % 2 else team_lead) for i in range(THREADS)]
    calls = [lambda phone=phone, member=members[i % 2], status=status: phone.post(
        f"/groups/sessions/{session.pk}/attendance/{member.pk}/", {"status": status}, **{"HX-Request": "true"})
        for i, (phone, status) in enumerate(zip(phones, taps, strict=True))]
    results = at_once(calls)
    assert statuses(results) == [200] * THREADS, results
    for member in members:
        record = Attendance.objects.get(session=session, membership=member)
        assert record.status in {taps[i] for i in range(THREADS) if i % 2 == members.index(member)}
    session.refresh_from_db()
    assert session.status == "held"


@pytest.fixture
def internship(consultant, make_person):
    company = companies.company_create(actor=consultant, details={
        "cvr": "13585628", "name": "Roskilde Smedie ApS", "address": "Industrivej 4", "industry_code": "25",
        "size_band": "10-49", "sector": "private", "notes": ""})
    course = make_person(first_name="Mads", referred_days_ago=30).course
    course_change_status(actor=consultant, course=course, status="active", on=TODAY - dt.timedelta(days=20))
    return internships.internship_create(actor=consultant, course=course, company=company, function="Smed",
                                         start_on=TODAY, planned_end_on=TODAY + dt.timedelta(days=60),
                                         hours_per_week=Decimal("20"), kind="training")


def test_two_simultaneous_agreement_signed_one_succeeds_the_other_is_told(live_server, consultant, team_lead,
                                                                          internship):
    browsers = [Browser(live_server, consultant if i % 2 else team_lead) for i in range(THREADS)]
    results = at_once([lambda browser=browser: browser.post(
        f"/companies/internships/{internship.pk}/agreement/",
        {"agreement-status": "signed", "agreement-on": TODAY.isoformat()}) for browser in browsers])
    assert statuses(results) == [302] + [400] * (THREADS - 1), results
    assert all("already signed" in body for status, body in results if status == 400)
    assert InternshipEvent.objects.filter(internship=internship, kind="agreement").count() == 1


def test_two_simultaneous_starts_start_once(live_server, consultant, internship):
    for status in ("signed", "insured"):
        internships.internship_agreement(actor=consultant, internship=internship, status=status, on=TODAY)
    internships.internship_meeting(actor=consultant, internship=internship, on=TODAY)
    apis = [Api(live_server, consultant) for _ in range(THREADS)]
    results = at_once([lambda api=api: api.post(f"/api/internships/{internship.pk}/start/", {"on": TODAY.isoformat()})
                       for api in apis])
    assert statuses(results) == [200] + [400] * (THREADS - 1), results
    assert InternshipEvent.objects.filter(internship=internship, kind="started").count() == 1


def test_simultaneous_hours_changes_leave_an_exact_history(live_server, consultant, team_lead, internship):
    wanted = ["21", "22", "23", "24", "25", "26"][:THREADS]
    apis = [Api(live_server, consultant if i % 2 else team_lead) for i in range(THREADS)]
    results = at_once([lambda api=api, hours=hours: api.post(
        f"/api/internships/{internship.pk}/hours/", {"on": TODAY.isoformat(), "hours_per_week": hours})
        for api, hours in zip(apis, wanted, strict=True)])
    assert statuses(results) == [200] * THREADS, results
    chain = [event.changes["hours_per_week"] for event in
             InternshipEvent.objects.filter(internship=internship, kind="hours").order_by("pk")]
    assert len(chain) == THREADS
    assert Decimal(chain[0][0]) == Decimal("20")
    for earlier, later in zip(chain, chain[1:], strict=False):
        assert Decimal(later[0]) == Decimal(earlier[1])  # each change starts where the one before ended
    assert sorted(Decimal(after) for _before, after in chain) == sorted(Decimal(h) for h in wanted)
    assert Internship.objects.get(pk=internship.pk).hours_per_week == Decimal(chain[-1][1])


def test_two_internships_created_at_once_cannot_pass_the_37_hour_rule_together(live_server, consultant,
                                                                              internship):
    apis = [Api(live_server, consultant) for _ in range(THREADS)]
    body = {"course_id": internship.course_id, "company_id": internship.company_id, "function": "Lager",
            "start_on": TODAY.isoformat(), "planned_end_on": (TODAY + dt.timedelta(days=30)).isoformat(),
            "hours_per_week": "10"}
    results = at_once([lambda api=api: api.post("/api/internships/", body) for api in apis])
    assert statuses(results) == [201] + [400] * (THREADS - 1), results  # 20 + 10 fits, 20 + 10 + 10 does not
    assert Internship.objects.filter(course_id=internship.course_id).count() == 2
