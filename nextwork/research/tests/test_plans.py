"""The pre-analysis plan: written, changed until frozen, frozen with a timestamp and the SHA-256 of its
canonical JSON, never changed afterwards; and the deviations a report flags against it."""

import hashlib
import json

import pytest

from nextwork.core.errors import DomainError
from nextwork.core.models import AuditEvent

from ..models import AnalysisPlan
from ..services import plans, reports
from .conftest import PLAN


def test_a_plan_is_frozen_with_a_timestamp_and_the_hash_of_its_canonical_json(plan, researcher):
    frozen = plans.plan_freeze(actor=researcher, plan=plan)
    assert frozen.frozen_at is not None and frozen.frozen_by == researcher
    assert frozen.sha256 == hashlib.sha256(frozen.canonical.encode("utf-8")).hexdigest()
    content = json.loads(frozen.canonical)
    assert content["outcomes"] == PLAN["outcomes"] and content["horizon_weeks"] == 20
    assert content["trial"]["registry_record"] == "ISRCTN00000000"
    assert content["frozen_at"].startswith(frozen.frozen_at.astimezone().strftime("%Y")) and plans.plan_intact(frozen)
    assert AuditEvent.objects.filter(object_type="analysis_plan", summary__contains=frozen.sha256).exists()


def test_the_same_plan_frozen_at_the_same_moment_has_the_same_hash(plan, researcher):
    frozen = plans.plan_freeze(actor=researcher, plan=plan)
    again = plans.canonical_json(AnalysisPlan.objects.get(pk=frozen.pk), frozen.frozen_at)
    assert again == frozen.canonical  # canonical: sorted keys, no spaces, the same bytes every time


def test_a_frozen_plan_cannot_change_or_be_frozen_again(frozen_plan, researcher, trial):
    with pytest.raises(DomainError, match="frozen"):
        plans.plan_save(actor=researcher, trial=trial, details={**PLAN, "horizon_weeks": 30})
    with pytest.raises(DomainError, match="already frozen"):
        plans.plan_freeze(actor=researcher, plan=frozen_plan)
    assert AnalysisPlan.objects.get(pk=frozen_plan.pk).horizon_weeks == 20


def test_a_plan_changed_behind_the_services_back_no_longer_matches_its_hash(frozen_plan):
    AnalysisPlan.objects.filter(pk=frozen_plan.pk).update(horizon_weeks=52)
    assert not plans.plan_intact(AnalysisPlan.objects.get(pk=frozen_plan.pk))


@pytest.mark.parametrize(("change", "field"), [
    ({"outcomes": []}, "outcomes"), ({"outcomes": ["happiness"]}, "outcomes"), ({"horizon_weeks": 0}, "horizon_weeks"),
    ({"covariates": ["cpr"]}, "covariates"), ({"subgroups": ["name"]}, "subgroups"), ({"ri_draws": -1}, "ri_draws"),
])
def test_a_bad_plan_is_refused_naming_the_field(trial, researcher, change, field):
    with pytest.raises(DomainError) as refused:
        plans.plan_save(actor=researcher, trial=trial, details={**PLAN, **change})
    assert refused.value.field == field and not AnalysisPlan.objects.exists()


def test_only_researchers_write_plans(trial, team, network_users):
    from django.core.exceptions import PermissionDenied

    for user in [*team.values(), network_users["secretariat"], network_users["admin"]]:
        with pytest.raises(PermissionDenied):
            plans.plan_save(actor=user, trial=trial, details=dict(PLAN))


def test_deviations_name_each_departure_from_the_plan(frozen_plan, trial):
    spec = reports.run_spec(frozen_plan)
    assert reports.deviations(frozen_plan, spec, trial) == []  # municipality is planned: no deviation
    spec = reports.run_spec(frozen_plan, outcomes=["employed", "in_education"], horizon_weeks=10)
    found = {d["code"]: d for d in reports.deviations(frozen_plan, spec, trial)}
    assert found["outcome_not_in_plan"]["names"] == ["in_education"]
    assert found["outcome_left_out"]["names"] == ["weeks_public_support"]
    assert found["horizon"] == {"code": "horizon", "planned": 20, "used": 10}
    assert reports.describe(found["outcome_not_in_plan"]) == (
        "Outcomes reported that the plan did not name: In education (with SU) in the horizon week.")
    assert reports.describe(found["horizon"]) == "The horizon is 10 weeks; the plan says 20 weeks."


def test_an_unplanned_subgroup_and_an_early_import_are_deviations(trial, researcher):
    from django.utils import timezone

    from ..models import RegisterImport

    plan = plans.plan_save(actor=researcher, trial=trial, details={**PLAN, "subgroups": []})
    RegisterImport.objects.create(trial=trial, kind="panel", file_name="early.csv", file_format="csv",
                                  file_sha256="0" * 64, rows=0, imported_by=researcher)
    plan = plans.plan_freeze(actor=researcher, plan=plan)
    RegisterImport.objects.update(imported_at=timezone.now() - timezone.timedelta(days=1))
    found = {d["code"]: d for d in reports.deviations(plan, reports.run_spec(plan), trial)}
    assert found["subgroup_not_in_plan"]["names"] == ["municipality"]
    assert found["imported_before_freezing"]["count"] == 1
