import datetime as dt
import itertools

import pytest

from conftest import _cpr_for
from nextwork.core.models import Municipality
from nextwork.core.roles import Role
from nextwork.trial.services.lifecycle import trial_create, trial_go_live, trial_site_add, trial_start_test

_serial = itertools.count(1)


def baseline(age_years=22, **overrides) -> dict:
    birth_date = dt.date.today() - dt.timedelta(days=int(age_years * 365.25) + 40)
    data = {"eligibility_confirmed": True, "informed": True, "first_name": "Mads", "last_name": "Berg",
            "cpr_number": _cpr_for(birth_date, next(_serial) * 11), "gender": "male",
            "benefit_type": "cash_benefit", "months_on_support": 8, "highest_education": "primary"}
    data.update(overrides)
    return data


@pytest.fixture
def admin(network_users):
    return network_users[Role.ADMIN]


@pytest.fixture
def caseworker(team):
    return team[Role.CASEWORKER]


@pytest.fixture
def make_trial(admin, roskilde, fredericia, team_lead):
    def make(*, live=True, **options):
        trial = trial_create(actor=admin, name="NExTWORK-forsøget", registry_record="ClinicalTrials.gov NCT00000000",
                             starts_on=dt.date.today() - dt.timedelta(days=60),
                             ends_on=dt.date.today() + dt.timedelta(days=365), **options)
        for municipality, target in ((roskilde, 40), (fredericia, 30)):
            Municipality.objects.filter(pk=municipality.pk).update(phase="research")
            municipality.refresh_from_db()
            trial_site_add(actor=admin, trial=trial, municipality=municipality, recruitment_target_treated=target,
                           joined_on=dt.date.today() - dt.timedelta(days=60))
        trial_start_test(actor=team_lead, trial=trial)
        if live:
            trial = trial_go_live(actor=team_lead, trial=trial)
        trial.refresh_from_db()
        return trial

    return make


@pytest.fixture
def trial(make_trial, team):
    trial = make_trial()
    for user in team.values():
        user.municipality.refresh_from_db()
    return trial


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
