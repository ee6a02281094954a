"""Schemathesis against /api/openapi.json: whatever a client sends, valid or not, the API never answers 5xx
and never answers a status code its OpenAPI document does not list for that operation.

A team lead with data (a group with a member, a company, an offer, an internship) calls every operation with
generated input: positive and negative cases, with random ids and with the ids of the real records. Hypothesis
is derandomized, so the run is the same every time; a few examples per operation keep it to about a minute.
"""

import datetime as dt
from decimal import Decimal

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, status_code_conformance

from nextwork.companies.services import companies, internships, offers
from nextwork.core.tokens import api_token_create
from nextwork.groups.services.groups import group_create
from nextwork.groups.services.memberships import membership_add
from nextwork.people.services.courses import course_change_status

pytestmark = pytest.mark.django_db

EXAMPLES = 12  # per operation and kind of case; ~45 operations x 3 kinds


@pytest.fixture
def world(team_lead, consultant, make_person):
    """Roskilde's data that the operations' ids point at."""
    today = dt.date.today()
    group = group_create(actor=team_lead, name="Mandagsgruppen", weekday="mon", starts_at=dt.time(10),
                         ends_at=dt.time(12), place="Ungehuset", facilitators=[consultant],
                         active_from=today - dt.timedelta(weeks=4))
    course = make_person(referred_days_ago=40).course
    course = course_change_status(actor=consultant, course=course, status="active",
                                  on=today - dt.timedelta(days=30))
    membership = membership_add(actor=consultant, group=group, person=course.person,
                                joined_on=today - dt.timedelta(weeks=2))
    company = companies.company_create(actor=team_lead, details={
        "cvr": "13585628", "name": "Roskilde Smedie ApS", "address": "Industrivej 4", "industry_code": "25",
        "size_band": "10-49", "sector": "private", "notes": ""})
    offer = offers.offer_create(actor=team_lead, company=company, details={
        "function": "Smed", "occupation_code": "722", "kind": "training", "places": 2})
    internship = internships.internship_create(
        actor=team_lead, course=course, company=company, offer=offer, function="Smed",
        start_on=today + dt.timedelta(days=3), planned_end_on=today + dt.timedelta(days=60),
        hours_per_week=Decimal("20"), kind="training")
    session = group.sessions.order_by("date").first()
    return {"group_id": group.pk, "membership_id": membership.pk, "session_id": session.pk,
            "company_id": company.pk, "offer_id": offer.pk, "internship_id": internship.pk,
            "course_id": course.pk, "person_id": course.person_id, "keep_id": course.person_id,
            "action": "meeting"}


@pytest.fixture
def wsgi_app():
    """The whole Django stack, as a server runs it. Like Django's test client, requests do not close the
    test's database connection (its transaction holds the data)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _strategies(operation, ids: dict):
    known = {p.name: ids[p.name] for p in operation.path_parameters if p.name in ids}
    found = [operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)]
    if known:
        found.append(operation.as_strategy(GenerationMode.POSITIVE, path_parameters=known))
    return found


def _fuzz(operation, ids: dict, auth: dict):
    """Hypothesis test of one operation: each example sends one case of each kind."""
    strategies = _strategies(operation, ids)

    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def run(data):
        for strategy in strategies:
            case = data.draw(strategy)
            response = case.call(headers=auth)
            case.validate_response(response, checks=[not_a_server_error, status_code_conformance])

    return run


def test_no_generated_request_gets_a_server_error(world, team_lead, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)
    auth = {"Authorization": f"Bearer {api_token_create(user=team_lead)}"}
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        try:
            _fuzz(operation, world, auth)()
        except Exception as error:  # noqa: BLE001 - collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
