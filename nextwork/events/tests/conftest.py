import datetime as dt

import pytest

from nextwork.companies.services import offers as offer_services
from nextwork.companies.tests import conftest as companies_fixtures
from nextwork.companies.tests.conftest import offer_details
from nextwork.events.services import events

# The companies app's fixtures, used here too.
company_consultant = companies_fixtures.company_consultant
make_company = companies_fixtures.make_company
company = companies_fixtures.company
offer = companies_fixtures.offer
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


@pytest.fixture
def event_offers(make_company, company_consultant):  # noqa: F811
    """Three offers at three companies: a smithy (2 places), a bakery and a warehouse (1 place each)."""
    result = []
    for name, function, places in (("Smedien", "Smed", 2), ("Bageriet", "Bager", 1),
                                   ("Lageret", "Lagerarbejder", 1)):
        host = make_company(name=name)
        result.append(offer_services.offer_create(actor=company_consultant, company=host,
                                                  details=offer_details(function=function, places=places)))
    return result


@pytest.fixture
def make_event(consultant, event_offers):
    def make(*, days_ago=1, **overrides):
        data = {"held_on": TODAY - dt.timedelta(days=days_ago), "starts_at": dt.time(13, 0),
                "place": "Ungehuset, Roskilde", "offers": event_offers}
        data.update(overrides)
        return events.event_create(actor=consultant, **data)

    return make


@pytest.fixture
def youth(make_person):
    return [make_person(first_name=name, referred_days_ago=40).person for name in ("Asta", "Bjørn", "Cille", "Dan")]


@pytest.fixture
def held_event(make_event, consultant, youth):
    """An event yesterday that all four young people came to: wishes are open."""
    event = make_event()
    events.event_invite(actor=consultant, event=event, people=youth)
    events.event_record_attendance(actor=consultant, event=event,
                                   came_ids=event.invitations.values_list("pk", flat=True))
    event.refresh_from_db()
    return event
