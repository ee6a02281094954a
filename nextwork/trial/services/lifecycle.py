"""A trial's life: set up, tested (allocations marked as tests), locked at go-live with a fresh secret whose
SHA-256 is published, closed, and its secret revealed so anyone can recompute the sequence."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nextwork import randomisation
from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require

from .. import engine
from ..choices import Method, TrialStatus
from ..models import Participant, StratumCounter, Trial, TrialSite


def _settings_check(*, method: str, arms: dict, block_multiples: list) -> None:
    if method not in Method.values:
        raise DomainError(_("Choose a method from the list."), field="method")
    try:
        data = {"method": method, "arms": arms, "secret_sha256": "0" * 64}
        if method == Method.PERMUTED_BLOCKS:
            data["block_multiples"] = block_multiples
        randomisation.load_settings(data)
    except (randomisation.RandomisationInputError, TypeError) as error:
        raise DomainError(_("The randomisation settings are not valid: %(error)s") % {"error": error},
                          field="arms") from error


@transaction.atomic
def trial_create(*, actor, name: str, registry_record: str = "", method: str = Method.PERMUTED_BLOCKS,
                 arms: dict | None = None, block_multiples: list | None = None,
                 strata_factors: list | None = None, recruitment_target_treated: int = 1200,
                 starts_on: dt.date | None = None, ends_on: dt.date | None = None) -> Trial:
    require(actor, "trial.manage")
    trial = Trial(name=name.strip()[:200], registry_record=registry_record.strip(), method=method,
                  recruitment_target_treated=recruitment_target_treated, starts_on=starts_on, ends_on=ends_on)
    if arms is not None:
        trial.arms = arms
    if block_multiples is not None:
        trial.block_multiples = block_multiples
    if strata_factors is not None:
        trial.strata_factors = strata_factors
    if not trial.name:
        raise DomainError(_("Give the trial a name."), field="name")
    if starts_on and ends_on and ends_on <= starts_on:
        raise DomainError(_("Recruitment must end after it starts."), field="ends_on")
    _settings_check(method=trial.method, arms=trial.arms, block_multiples=trial.block_multiples)
    trial.secret, trial.secret_sha256 = engine.new_secret()
    trial.save()
    audit.record(actor=actor, action="create", object_type="trial", object_id=trial.pk, summary=trial.name)
    return trial


@transaction.atomic
def trial_site_add(*, actor, trial: Trial, municipality, recruitment_target_treated: int = 0,
                   joined_on: dt.date | None = None) -> TrialSite:
    require(actor, "trial.manage")
    site, created = TrialSite.objects.get_or_create(
        trial=trial, municipality=municipality,
        defaults={"recruitment_target_treated": recruitment_target_treated, "joined_on": joined_on or dt.date.today()})
    if not created:
        site.recruitment_target_treated = recruitment_target_treated
        site.save(update_fields=["recruitment_target_treated"])
    audit.record(actor=actor, action="change", object_type="trial", object_id=trial.pk,
                 municipality_id=municipality.pk, summary=f"site {municipality.slug}, target {recruitment_target_treated}")
    return site


def _locked(trial: Trial) -> Trial:
    return Trial.objects.select_for_update().get(pk=trial.pk)


@transaction.atomic
def trial_start_test(*, actor, trial: Trial) -> Trial:
    require(actor, "trial.lock")
    trial = _locked(trial)
    if trial.status != TrialStatus.SETUP:
        raise DomainError(_("Only a trial being set up can go into test mode."))
    trial.status = TrialStatus.TEST
    trial.save(update_fields=["status"])
    audit.record(actor=actor, action="change", object_type="trial", object_id=trial.pk, summary="test mode")
    return trial


@transaction.atomic
def trial_go_live(*, actor, trial: Trial) -> Trial:
    """Locks the settings. Test allocations are deleted (they hold names typed in while testing and were
    drawn with the test secret); a fresh secret is drawn and its SHA-256 published on the trial's page."""
    require(actor, "trial.lock")
    trial = _locked(trial)
    if trial.status not in (TrialStatus.SETUP, TrialStatus.TEST):
        raise DomainError(_("The trial is already live or closed."))
    tests = Participant.objects.filter(trial=trial, is_test=True)
    discarded = tests.count()
    from ..models import HandoverMeeting
    HandoverMeeting.objects.filter(participant__in=tests).delete()
    tests.delete()
    StratumCounter.objects.filter(trial=trial, is_test=True).delete()
    trial.secret, trial.secret_sha256 = engine.new_secret()
    trial.status, trial.locked_at, trial.locked_by = TrialStatus.LIVE, timezone.now(), actor
    trial.save()
    audit.record(actor=actor, action="change", object_type="trial", object_id=trial.pk,
                 summary=f"live, settings locked; {discarded} test allocations discarded; "
                         f"secret SHA-256 {trial.secret_sha256}")
    return trial


@transaction.atomic
def trial_close(*, actor, trial: Trial) -> Trial:
    require(actor, "trial.lock")
    trial = _locked(trial)
    if trial.status != TrialStatus.LIVE:
        raise DomainError(_("Only a live trial can be closed."))
    trial.status, trial.closed_at = TrialStatus.CLOSED, timezone.now()
    trial.save(update_fields=["status", "closed_at"])
    audit.record(actor=actor, action="change", object_type="trial", object_id=trial.pk, summary="closed")
    return trial


@transaction.atomic
def trial_reveal_secret(*, actor, trial: Trial) -> Trial:
    require(actor, "trial.lock")
    trial = _locked(trial)
    if trial.status != TrialStatus.CLOSED:
        raise DomainError(_("The secret is revealed only after the trial has closed."))
    trial.secret_revealed = True
    trial.save(update_fields=["secret_revealed"])
    audit.record(actor=actor, action="change", object_type="trial", object_id=trial.pk, summary="secret revealed")
    return trial
