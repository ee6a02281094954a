import datetime as dt

import pytest

from nextwork.companies.services import companies
from nextwork.companies.tests import conftest as companies_fixtures
from nextwork.devising.services import experiments, proposals
from nextwork.groups.services import links

company_consultant = companies_fixtures.company_consultant
make_company = companies_fixtures.make_company
company = companies_fixtures.company
TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in their English source."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.cookies["django_language"] = "en"
    return client


def content(**overrides) -> dict:
    data = {"title": "Young people host the check-in round", "principles": ["power_shift", "many_to_many"],
            "why": "The consultants talk too much in the first ten minutes.",
            "expected": "More young people say something in the first round; attendance holds.",
            "indicators": ["group_attendance", "agenda_by_young_people"]}
    data.update(overrides)
    return data


@pytest.fixture
def make_experiment(team_lead):
    def make(*, actor=None, starts_days_ago=30, review_in_days=30, **overrides):
        return experiments.experiment_create(
            actor=actor or team_lead, **content(**overrides),
            starts_on=TODAY - dt.timedelta(days=starts_days_ago),
            review_on=TODAY + dt.timedelta(days=review_in_days))

    return make


@pytest.fixture
def experiment(make_experiment):
    return make_experiment()


@pytest.fixture
def person(make_person):
    return make_person(first_name="Asta", last_name="Nielsen").person


@pytest.fixture
def own_link(person, consultant):
    """The young person's personal link: (link, token)."""
    return links.personal_link_create(actor=consultant, person=person)


@pytest.fixture
def representative(company, company_consultant):  # noqa: F811
    return companies.representative_add(actor=company_consultant, company=company, name="Mette Smed",
                                        role="Værkfører")


@pytest.fixture
def youth_proposal(person):
    return proposals.proposal_submit(person=person, title="Meet at the workshop instead of the town hall",
                                     why="The town hall feels like the job centre.",
                                     expected="More of us come every week.")
