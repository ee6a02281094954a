import datetime as dt

import pytest

from nextwork.groups.services.groups import group_create
from nextwork.groups.services.memberships import membership_add

TODAY = dt.date.today()


def monday_on_or_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@pytest.fixture
def make_group(consultant):
    def make(actor=None, *, name="Mandagsgruppen", weekday="mon", weeks_back=8, **overrides):
        actor = actor or consultant
        data = {"starts_at": dt.time(10, 0), "ends_at": dt.time(12, 0), "place": "Ungehuset, Roskilde",
                "facilitators": [actor], "active_from": TODAY - dt.timedelta(weeks=weeks_back)}
        data.update(overrides)
        return group_create(actor=actor, name=name, weekday=weekday, **data)

    return make


@pytest.fixture
def group(make_group):
    return make_group()


@pytest.fixture
def members(group, make_person, consultant):
    """Four members who joined eight weeks ago (first names Anna, Bo, Cecilie, Dennis)."""
    result = []
    for first_name in ("Anna", "Bo", "Cecilie", "Dennis"):
        person = make_person(first_name=first_name, last_name="Testsen", referred_days_ago=70).person
        result.append(membership_add(actor=consultant, group=group, person=person,
                                     joined_on=TODAY - dt.timedelta(weeks=8)))
    return result


def past_sessions(group):
    return list(group.sessions.filter(date__lt=TODAY).order_by("date"))


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in their English source; the pages are Danish by default."""
    from django.utils import translation

    with translation.override("en"):
        yield


_names = iter(range(1, 10**6))


@pytest.fixture
def make_person(make_person):
    """The shared factory with a new name and birth date each time, so people are never duplicates."""

    def make(*args, **overrides):
        number = next(_names)
        overrides.setdefault("last_name", f"Hansen{number}")
        # Spread birth dates: the shared factory has only ~90 valid CPR numbers per birth date.
        overrides.setdefault("age_years", 19 + number % 10 + (number % 7) / 10)
        return make_person(*args, **overrides)

    return make


@pytest.fixture
def client():
    from django.test import Client

    client = Client()
    client.cookies["django_language"] = "en"
    return client
