import datetime as dt
from decimal import Decimal

import pytest

from nextwork.companies.services import companies, internships, offers
from nextwork.people.services.courses import course_change_status

TODAY = dt.date.today()
# Valid CVR numbers (modulus 11).
CVRS = ["13585628", "10150817", "25313763", "29403473", "30700228", "12345674", "87654321"]


def company_details(**overrides) -> dict:
    details = {"cvr": CVRS[0], "name": "Roskilde Smedie ApS", "address": "Industrivej 4, 4000 Roskilde",
               "industry_code": "25", "size_band": "10-49", "sector": "private", "notes": ""}
    details.update(overrides)
    return details


def offer_details(**overrides) -> dict:
    details = {"function": "Smedelærling", "tasks": "Svejsning og montage", "occupation_code": "722",
               "kind": "training", "places": 2, "paid_hours_possible": True, "location": "Værkstedet"}
    details.update(overrides)
    return details


@pytest.fixture
def company_consultant(team):
    return team["company_consultant"]


@pytest.fixture
def make_company(company_consultant):
    serial = iter(CVRS)

    def make(actor=None, **overrides):
        overrides.setdefault("cvr", next(serial))
        return companies.company_create(actor=actor or company_consultant, details=company_details(**overrides))

    return make


@pytest.fixture
def company(make_company):
    return make_company()


@pytest.fixture
def offer(company, company_consultant):
    return offers.offer_create(actor=company_consultant, company=company, details=offer_details())


@pytest.fixture
def active_course(make_person, consultant):
    course = make_person(referred_days_ago=30).course
    return course_change_status(actor=consultant, course=course, status="active",
                                on=TODAY - dt.timedelta(days=20))


@pytest.fixture
def make_internship(consultant, company, active_course):
    def make(*, course=None, start=TODAY + dt.timedelta(days=3), days=60, hours="20", actor=None, **kwargs):
        kwargs.setdefault("company", company)
        return internships.internship_create(
            actor=actor or consultant, course=course or active_course, function=kwargs.pop("function", "Smed"),
            start_on=start, planned_end_on=start + dt.timedelta(days=days), hours_per_week=Decimal(hours),
            kind=kwargs.pop("kind", "training"), **kwargs)

    return make


def ready_to_start(internship, actor, *, on=None, meeting=True):
    """Signs the agreement, confirms the insurance and (unless told not to) records the three-party meeting, as
    all three must be in place before the start."""
    on = on or TODAY - dt.timedelta(days=1)
    internships.internship_agreement(actor=actor, internship=internship, status="signed", on=on)
    internships.internship_agreement(actor=actor, internship=internship, status="insured", on=on)
    if meeting:
        internships.internship_meeting(actor=actor, internship=internship, on=on, notes="Mødetid 8-12")
    return internship


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in their English source; the Danish catalogue is the translator's."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    """Pages in English, so tests can read the source messages."""
    client.cookies["django_language"] = "en"
    return client
