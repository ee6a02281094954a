"""Small factories for the portal tests, copied from the groups and companies test conftests (which stay as
they are): a network group, a company and an internship. The personas come from the root conftest."""

import datetime as dt
from decimal import Decimal

import pytest

from nextwork.companies.services import companies, internships
from nextwork.core.models import User
from nextwork.core.roles import Role
from nextwork.core.tokens import api_token_create
from nextwork.groups.services.groups import group_create
from nextwork.people.services.courses import course_change_status

CVRS = ["13585628", "10150817", "25313763", "29403473", "30700228"]


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in their English source; the pages are Danish by default."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.cookies["django_language"] = "en"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


@pytest.fixture
def caseworker(team, roskilde):
    """Roskilde's caseworker (authority outside the team)."""
    if Role.CASEWORKER in team:
        return team[Role.CASEWORKER]
    return User.objects.create_user(username="caseworker-roskilde", password="nextwork-test-pw",
                                    role=Role.CASEWORKER, municipality=roskilde, first_name="Sagsbehandler",
                                    last_name="Roskilde")


@pytest.fixture
def make_group(consultant):
    def make(actor=None, *, name="Mandagsgruppen", weekday="mon", weeks_back=8):
        actor = actor or consultant
        return group_create(actor=actor, name=name, weekday=weekday, starts_at=dt.time(10, 0),
                            ends_at=dt.time(12, 0), place="Ungehuset, Roskilde", facilitators=[actor],
                            active_from=dt.date.today() - dt.timedelta(weeks=weeks_back))

    return make


@pytest.fixture
def make_company(team):
    serial = iter(CVRS)

    def make(*, name="Roskilde Smedie ApS"):
        return companies.company_create(actor=team[Role.COMPANY_CONSULTANT], details={
            "cvr": next(serial), "name": name, "address": "Industrivej 4, 4000 Roskilde", "industry_code": "25",
            "size_band": "10-49", "sector": "private", "notes": ""})

    return make


def activate(course, actor):
    return course_change_status(actor=actor, course=course, status="active",
                                on=dt.date.today() - dt.timedelta(days=5))


@pytest.fixture
def make_internship(consultant):
    def make(*, course, company, start, days=60, function="Smed"):
        return internships.internship_create(
            actor=consultant, course=course, company=company, function=function, start_on=start,
            planned_end_on=start + dt.timedelta(days=days), hours_per_week=Decimal("20"), kind="training")

    return make
