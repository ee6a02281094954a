import datetime as dt

import pytest

from nextwork.groups.services import links
from nextwork.people.services.courses import course_change_status

TODAY = dt.date.today()

# Answers with hand-computed scores
LOW = {"who5": [1, 1, 1, 1, 3], "loneliness": [3, 3, 2], "work_identity": [2, 2, 1, 3]}  # raw 7 = 28; 8; 2.0
MIDDLE = {"who5": [3, 2, 2, 2, 3], "loneliness": [2, 2, 2], "work_identity": [3, 3, 3, 3]}  # raw 12 = 48; 6; 3.0
GOOD = {"who5": [4, 4, 3, 3, 4], "loneliness": [1, 1, 2], "work_identity": [5, 4, 4, 4]}  # raw 18 = 72; 4; 4.25


@pytest.fixture
def active(make_person, consultant):
    """A young person whose course started 100 days ago, with their consultant."""
    intake = make_person(referred_days_ago=110)
    course_change_status(actor=consultant, course=intake.course, status="active", on=TODAY - dt.timedelta(days=100))
    return intake.person


@pytest.fixture
def own_page(active, consultant):
    _link, token = links.personal_link_create(actor=consultant, person=active)
    return f"/groups/me/{token}/"


def checkin_post(answers: dict, **extra) -> dict:
    data = {f"who5_{i}": str(v) for i, v in enumerate(answers["who5"], 1)}
    data |= {f"loneliness_{i}": str(v) for i, v in enumerate(answers["loneliness"], 1)}
    data |= {f"work_{i}": str(v) for i, v in enumerate(answers["work_identity"], 1)}
    return data | extra


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in their English source (the site is Danish unless the user chooses)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.cookies["django_language"] = "en"
    return client
