"""The pre-analysis plan: written and changed until it is frozen; freezing stamps the time and the SHA-256 of
its canonical JSON, after which it never changes. Outcome data can be imported only once the plan is frozen."""

import datetime as dt
import hashlib
import json

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require
from nextwork.evaluation import EvaluationInputError, Spec

from .. import outcomes as known
from ..models import AnalysisPlan

MAX_HORIZON = 1040  # twenty years of weeks
MAX_DRAWS = 100_000
MAX_TEXT = 20_000
FIELDS = ("outcomes", "horizon_weeks", "covariates", "subgroups", "ri_draws", "seed", "text")


def _names(value, allowed, field: str, message: str) -> list[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise DomainError(message, field=field)
    unknown = [v for v in value if v not in allowed]
    if unknown:
        raise DomainError(_("Unknown: %(names)s.") % {"names": ", ".join(unknown[:5])[:200]}, field=field)
    return list(dict.fromkeys(value))


def _whole(value, field: str, low: int, high: int, message: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise DomainError(message, field=field)
    return value


def check_plan(details: dict) -> dict:
    """The plan's fields, checked; a DomainError names the field."""
    clean = {
        "outcomes": _names(details.get("outcomes", []), known.outcome_names(), "outcomes",
                           _("Choose the outcomes from the list.")),
        "horizon_weeks": _whole(details.get("horizon_weeks"), "horizon_weeks", 1, MAX_HORIZON,
                                _("Give the horizon as a whole number of weeks from 1 to %(max)d.")
                                % {"max": MAX_HORIZON}),
        "covariates": _names(details.get("covariates", []), known.COVARIATES, "covariates",
                             _("Choose the covariates from the list.")),
        "subgroups": _names(details.get("subgroups", []), known.SUBGROUPS, "subgroups",
                            _("Choose the subgroups from the list.")),
        "ri_draws": _whole(details.get("ri_draws", 10_000), "ri_draws", 0, MAX_DRAWS,
                           _("Give the number of draws as a whole number from 0 to %(max)d.") % {"max": MAX_DRAWS}),
        "seed": _whole(details.get("seed", 1), "seed", 0, 2**31 - 1, _("Give the seed as a whole number from 0.")),
        "text": str(details.get("text") or "").replace("\x00", "").strip(),
    }
    if not clean["outcomes"]:
        raise DomainError(_("Choose at least one outcome."), field="outcomes")
    if len(clean["text"]) > MAX_TEXT:
        raise DomainError(_("The text is too long (at most %(max)d characters).") % {"max": MAX_TEXT}, field="text")
    try:
        spec_for(clean)
    except EvaluationInputError as error:
        raise DomainError(str(error)[:300], field="outcomes") from error
    return clean


def spec_for(plan) -> Spec:
    """The engine's Spec of a plan (a model or a dict of its fields)."""
    get = plan.get if isinstance(plan, dict) else lambda name: getattr(plan, name)
    return Spec(horizon_weeks=get("horizon_weeks"), outcomes=tuple(get("outcomes")),
                covariates=tuple(get("covariates")), subgroups=tuple(get("subgroups")),
                ri_draws=get("ri_draws"), seed=get("seed"))


@transaction.atomic
def plan_save(*, actor, trial, details: dict) -> AnalysisPlan:
    require(actor, "research.plan")
    clean = check_plan(details)
    plan = AnalysisPlan.objects.select_for_update().filter(trial=trial).first()
    if plan is not None and plan.is_frozen:
        raise DomainError(_("The plan was frozen on %(when)s and cannot change.")
                          % {"when": timezone.localtime(plan.frozen_at).strftime("%Y-%m-%d %H:%M")})
    created = plan is None
    before = {} if created else {name: getattr(plan, name) for name in FIELDS}
    if created:
        plan = AnalysisPlan(trial=trial, created_by=actor)
    for name, value in clean.items():
        setattr(plan, name, value)
    plan.save()
    changes = {name: (clean[name] if created else (before[name], clean[name]))
               for name in FIELDS if created or before[name] != clean[name]}
    if "text" in changes:
        changes["text"] = None  # long: the log says it changed
    audit.record(actor=actor, action="create" if created else "change", object_type="analysis_plan",
                 object_id=plan.pk, summary=audit.describe_changes(changes))
    return plan


def canonical_json(plan, frozen_at) -> str:
    """The plan as it is hashed: sorted keys, no spaces, UTF-8; the trial and the moment of freezing are
    part of it, so the hash binds the plan to both."""
    content = {
        "trial": {"id": plan.trial_id, "name": plan.trial.name, "registry_record": plan.trial.registry_record},
        "outcomes": list(plan.outcomes), "horizon_weeks": plan.horizon_weeks,
        "covariates": list(plan.covariates), "subgroups": list(plan.subgroups),
        "ri_draws": plan.ri_draws, "seed": plan.seed, "text": plan.text,
        "frozen_at": frozen_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@transaction.atomic
def plan_freeze(*, actor, plan: AnalysisPlan) -> AnalysisPlan:
    require(actor, "research.plan")
    plan = AnalysisPlan.objects.select_for_update().select_related("trial").get(pk=plan.pk)
    if plan.is_frozen:
        raise DomainError(_("The plan is already frozen."))
    check_plan({name: getattr(plan, name) for name in FIELDS})
    frozen_at = timezone.now().replace(microsecond=0)
    plan.canonical = canonical_json(plan, frozen_at)
    plan.sha256 = sha256_of(plan.canonical)
    plan.frozen_at, plan.frozen_by = frozen_at, actor
    plan.save(update_fields=["canonical", "sha256", "frozen_at", "frozen_by", "updated_at"])
    audit.record(actor=actor, action="change", object_type="analysis_plan", object_id=plan.pk,
                 summary=f"frozen: sha256 {plan.sha256}")
    return plan


def plan_intact(plan: AnalysisPlan) -> bool:
    """The frozen plan still hashes to its SHA-256 and its fields are those of its canonical JSON."""
    if not plan.is_frozen:
        return False
    return (sha256_of(plan.canonical) == plan.sha256
            and plan.canonical == canonical_json(plan, plan.frozen_at))
