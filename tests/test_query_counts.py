"""Query budgets for the lists and dashboards: a fixed number of queries however many young people there are.

Each test renders a page with a little data, adds more, renders it again, and checks that the count of SQL
queries stayed the same (a growing count is an N+1) and within the budget.
"""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nextwork.core.tokens import api_token_create
from nextwork.people.choices import ConversationKind, CourseStatus, ExitType
from nextwork.people.services import courses as course_services
from nextwork.people.services import notes

BUDGET = 20
# The team lead's start page composes a panel from every part of the programme (concerns, trial, events,
# check-ins, devising, follow-ups, unassigned, caseload, internship and municipal figures, fidelity): each
# makes one to four queries, none of which grows with the data (asserted below).
START_PAGE_BUDGET = 30
_serial = itertools.count()
pytestmark = pytest.mark.django_db


def _queries(client, url, **headers) -> int:
    client.get(url, headers=headers)  # warm caches (session, content types) as a real second visit would
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, response.content[:300]
    return len(captured.captured_queries)


def _caseload(make_person, consultant, team_lead, count: int) -> None:
    """`count` young people in every state the start page and the lists show."""
    today = dt.date.today()
    for _ in range(count):
        n = next(_serial)
        unique = {"last_name": f"Holm{n}", "age_years": 20 + n % 8}  # no duplicate warnings, CPRs to spare
        active = make_person(referred_days_ago=200, **unique).course
        course_services.course_change_status(actor=consultant, course=active, status=CourseStatus.ACTIVE,
                                             on=today - dt.timedelta(days=190))
        ended = make_person(referred_days_ago=300, **unique, first_name="Asta").course
        course_services.course_end(actor=consultant, course=ended, exit_type=ExitType.JOB,
                                   exit_date=today - dt.timedelta(days=200))
        make_person(actor=team_lead, **unique, first_name="Emma")  # unassigned


def _grows(measure, add_more) -> tuple[int, int]:
    small = measure()
    add_more()
    large = measure()
    return small, large


def test_start_page_for_a_consultant_does_not_grow_with_the_caseload(client, consultant, team_lead, make_person):
    _caseload(make_person, consultant, team_lead, 1)
    client.force_login(consultant)
    small, large = _grows(lambda: _queries(client, "/"),
                          lambda: _caseload(make_person, consultant, team_lead, 8))
    assert small == large <= BUDGET, (small, large)


def test_start_page_for_a_team_lead_does_not_grow_with_the_municipality(client, consultant, team_lead, make_person):
    _caseload(make_person, consultant, team_lead, 1)
    client.force_login(team_lead)
    small, large = _grows(lambda: _queries(client, "/"),
                          lambda: _caseload(make_person, consultant, team_lead, 8))
    assert small == large <= START_PAGE_BUDGET, (small, large)


def test_young_people_list_does_not_grow_with_the_page(client, consultant, team_lead, make_person):
    _caseload(make_person, consultant, team_lead, 1)
    client.force_login(consultant)
    small, large = _grows(lambda: _queries(client, "/young-people/?status=active"),
                          lambda: _caseload(make_person, consultant, team_lead, 9))
    assert small == large <= BUDGET, (small, large)
    assert _queries(client, "/young-people/?q=a&status=active&page=1") <= BUDGET


def test_young_persons_page_does_not_grow_with_the_timeline(client, consultant, make_person):
    intake = make_person(referred_days_ago=30)
    person, course = intake.person, intake.course
    client.force_login(consultant)
    # One note to start with: a page that shows notes writes one audit row for them, however many.
    notes.conversation_add(actor=consultant, course=course, kind=ConversationKind.ONE_TO_ONE,
                           occurred_on=dt.date.today() - dt.timedelta(days=1), text="First meeting.")

    def more_history():
        for day in range(2, 10):
            notes.conversation_add(actor=consultant, course=course, kind=ConversationKind.ONE_TO_ONE,
                                   occurred_on=dt.date.today() - dt.timedelta(days=day), text="Talked about jobs.")

    small, large = _grows(lambda: _queries(client, f"/young-people/{person.pk}/"), more_history)
    assert small == large <= BUDGET, (small, large)


def test_api_list_does_not_grow_with_the_page(client, consultant, team_lead, make_person):
    _caseload(make_person, consultant, team_lead, 1)
    token = api_token_create(user=consultant)
    auth = {"Authorization": f"Bearer {token}"}
    small, large = _grows(lambda: _queries(client, "/api/young-people/", **auth),
                          lambda: _caseload(make_person, consultant, team_lead, 9))
    assert small == large <= BUDGET, (small, large)
    assert _queries(client, "/api/young-people/?status=active&page=1", **auth) <= BUDGET
