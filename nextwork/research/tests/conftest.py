import pytest
from django.utils import translation

from nextwork.core.roles import Role

from ..services import plans
from .factories import make_trial


@pytest.fixture(autouse=True)
def _english():
    """The service messages asserted on are the English source strings."""
    with translation.override("en"):
        yield


@pytest.fixture
def researcher(network_users):
    return network_users[Role.RESEARCHER]


@pytest.fixture
def trial(roskilde, fredericia, team):
    return make_trial(municipalities=[roskilde, fredericia], entered_by=team[Role.TEAM_LEAD])


PLAN = {"outcomes": ["employed", "weeks_public_support"], "horizon_weeks": 20, "covariates": ["age"],
        "subgroups": ["municipality"], "ri_draws": 200, "seed": 3, "text": "Primary outcome: employed at week 20."}


@pytest.fixture
def plan(trial, researcher):
    return plans.plan_save(actor=researcher, trial=trial, details=dict(PLAN))


@pytest.fixture
def frozen_plan(plan, researcher):
    return plans.plan_freeze(actor=researcher, plan=plan)
