"""Shared fixtures: two municipalities with a full team each (the personas), and a young-person factory."""

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest
import time_machine

from nextwork.core.models import Municipality, User
from nextwork.core.roles import Role
from nextwork.people.services.intake import young_person_register

# Every test runs on the same day, whatever the calendar says: NEXTWORK_TEST_TODAY (default a Wednesday),
# with the clock ticking from 10:00 Copenhagen time. Started here, when pytest loads this first conftest,
# so that module-level dates in the test modules see it too. To check that no test depends on the weekday,
# run the suite with another day, e.g. NEXTWORK_TEST_TODAY=2026-11-16 (a Monday).
TEST_TODAY = dt.date.fromisoformat(os.environ.get("NEXTWORK_TEST_TODAY", "2026-11-18"))
time_machine.travel(dt.datetime.combine(TEST_TODAY, dt.time(10, 0), tzinfo=ZoneInfo("Europe/Copenhagen")),
                    tick=True).start()

MUNICIPAL_ROLES = [Role.TEAM_LEAD, Role.YOUTH_CONSULTANT, Role.COMPANY_CONSULTANT, Role.PSYCHOLOGIST, Role.CASEWORKER,
                   Role.MANAGER]
CROSS_ROLES = [Role.SECRETARIAT, Role.RESEARCHER, Role.ADMIN]


_used_cprs: set[str] = set()


def _cpr_for(birth_date: dt.date, serial: int) -> str:
    """A valid CPR number for the birth date, different from every other one this test run has made."""
    from nextwork.core.cpr import CprError, parse

    for offset in range(1000):
        digit7 = "0" if birth_date.year < 2000 else "4"
        digits = f"{birth_date:%d%m%y}{digit7}{(serial + offset) % 1000:03d}"
        if digits in _used_cprs:
            continue
        try:
            parse(digits)
            _used_cprs.add(digits)
            return digits
        except CprError:
            continue
    raise AssertionError("no CPR found")


@pytest.fixture(autouse=True)
def _fresh_cpr_numbers():
    """Each test starts on an empty database, so CPR numbers need only be unique within the test."""
    _used_cprs.clear()


@pytest.fixture
def roskilde(db):
    return Municipality.objects.create(name="Roskilde", slug="roskilde", routines_established=True)


@pytest.fixture
def fredericia(db):
    return Municipality.objects.create(name="Fredericia", slug="fredericia", target_min_age=15)


def _make_user(role, municipality, suffix=""):
    name = f"{role}-{municipality.slug if municipality else 'network'}{suffix}"
    return User.objects.create_user(username=name, password="nextwork-test-pw", role=role,
                                    municipality=municipality, first_name=role.label.split()[0],
                                    last_name=municipality.name if municipality else "Network")


@pytest.fixture
def team(roskilde):
    """Roskilde's team: one user per municipal role, keyed by role value."""
    return {str(role): _make_user(role, roskilde) for role in MUNICIPAL_ROLES}


@pytest.fixture
def other_team(fredericia):
    return {str(role): _make_user(role, fredericia) for role in MUNICIPAL_ROLES}


@pytest.fixture
def network_users(db):
    return {str(role): _make_user(role, None) for role in CROSS_ROLES}


@pytest.fixture
def consultant(team):
    return team[Role.YOUTH_CONSULTANT]


@pytest.fixture
def team_lead(team):
    return team[Role.TEAM_LEAD]


@pytest.fixture
def psychologist(team):
    return team[Role.PSYCHOLOGIST]


def person_details(**overrides) -> dict:
    details = {
        "first_name": "Freja", "last_name": "Holm", "phone": "+45 20 30 40 50", "email": "freja@example.dk",
        "address": "Algade 1, Roskilde", "referral_source": "youth_guidance", "benefit_type": "education_benefit",
        "in_employment": False, "in_education": False, "in_internship": False, "education_history": "9. klasse",
        "work_history": "", "interests": "Musik", "dream_trades": "Smed", "available_days": ["mon", "thu"],
        "availability_note": "", "consent_given": True, "consent_date": dt.date.today(),
    }
    details.update(overrides)
    return details


_serial = iter(range(1, 10**6))


@pytest.fixture
def make_person(consultant):
    """Registers a young person through the intake service, as a consultant would."""

    def make(actor=None, *, age_years=22, referred_days_ago=10, **overrides):
        actor = actor or consultant
        birth_date = dt.date.today() - dt.timedelta(days=int(age_years * 365.25) + 30)
        cpr = overrides.pop("cpr", None) or _cpr_for(birth_date, next(_serial) * 7)
        assigned = overrides.pop("consultant", actor if actor.role == Role.YOUTH_CONSULTANT else None)
        return young_person_register(
            actor=actor, details=person_details(**overrides), cpr_number=cpr,
            referred_on=dt.date.today() - dt.timedelta(days=referred_days_ago),
            consultant=assigned,
        )

    return make

