"""Entering a young person into the trial and drawing their arm. The slot is taken under a row lock on the
stratum's counter, so two caseworkers at the same moment never share a position; the same CPR number twice
gives back the first allocation (and the attempt is logged)."""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.crypto import lookup_hash
from nextwork.core.errors import DomainError
from nextwork.core.models import Municipality
from nextwork.core.permissions import require
from nextwork.people.services.intake import parse_cpr

from .. import engine
from ..choices import Arm, Method, TrialStatus
from ..models import Participant, StratumCounter, Trial, TrialSite
from .baseline import Baseline, already_in_programme, baseline_check
from .programme import programme_record_create

MINIMISATION_COUNTER = "*"  # minimisation draws in one trial-wide order


@dataclass(frozen=True)
class Allocation:
    participant: Participant
    repeated: bool  # the person was already randomised: this is the original allocation


def randomisation_open(*, trial: Trial, municipality: Municipality) -> str | None:
    """Why entry is closed for this municipality now, or None when it is open."""
    if municipality.phase != Municipality.Phase.RESEARCH:
        return _("%(municipality)s is in operations: there is no randomisation.") % {"municipality": municipality}
    if trial.status not in (TrialStatus.TEST, TrialStatus.LIVE):
        return _("The trial is not open for randomisation (status: %(status)s).") % {
            "status": trial.get_status_display()}
    if not TrialSite.objects.filter(trial=trial, municipality=municipality).exists():
        return _("%(municipality)s does not take part in this trial.") % {"municipality": municipality}
    return None


def participant_randomise(*, actor, trial: Trial, data: dict, batch: bool = False,
                          on: dt.date | None = None) -> Allocation:
    require(actor, "trial.randomise")
    municipality = actor.municipality
    closed = randomisation_open(trial=trial, municipality=municipality) if municipality else _("No municipality.")
    if closed:
        raise DomainError(closed)
    is_test = trial.status == TrialStatus.TEST
    lookup = lookup_hash(parse_cpr(str(data.get("cpr_number") or "")).digits)
    earlier = _earlier(actor=actor, trial=trial, cpr_lookup=lookup, is_test=is_test)
    if earlier is not None:
        return earlier
    baseline = baseline_check(trial=trial, municipality=municipality, data=data, on=on or dt.date.today())
    if already_in_programme(municipality=municipality, cpr_lookup=baseline.cpr_lookup):
        raise DomainError(_("This young person already has an open NExTWORK course, so they are not eligible."),
                          field="cpr_number")
    try:
        with transaction.atomic():
            participant = _allocate(actor=actor, trial=trial, baseline=baseline, is_test=is_test, batch=batch)
    except IntegrityError:
        # The same person entered by someone else at the same moment: theirs is the allocation.
        earlier = _earlier(actor=actor, trial=trial, cpr_lookup=lookup, is_test=is_test)
        if earlier is None:
            raise
        return earlier
    return Allocation(participant=participant, repeated=False)


def _earlier(*, actor, trial, cpr_lookup: str, is_test: bool) -> Allocation | None:
    participant = (Participant.objects.select_related("municipality", "trial")
                   .filter(trial=trial, cpr_lookup=cpr_lookup, is_test=is_test).first())
    if participant is None:
        return None
    if participant.municipality_id != actor.municipality_id:
        audit.record(actor=actor, action="denied", object_type="trial_participant", object_id=participant.pk,
                     municipality_id=actor.municipality_id, summary="second attempt from another municipality")
        raise DomainError(_("This young person was randomised in another municipality. Contact the trial's "
                            "administrator."), field="cpr_number")
    audit.record(actor=actor, action="repeat", object_type="trial_participant", object_id=participant.pk,
                 municipality_id=participant.municipality_id,
                 summary=f"second attempt: original allocation {participant.research_id} returned")
    return Allocation(participant=participant, repeated=True)


def _allocate(*, actor, trial: Trial, baseline: Baseline, is_test: bool, batch: bool) -> Participant:
    municipality = actor.municipality
    factors = engine.factors_of(trial, municipality=municipality, age=baseline.age,
                                baseline=baseline.factor_values())
    stratum = engine.stratum_of(factors)
    minimisation = trial.method == Method.MINIMISATION
    position = take_slot(trial=trial, stratum=MINIMISATION_COUNTER if minimisation else stratum, is_test=is_test)
    arm = engine.allocate(trial, stratum=stratum, position=position, factors=factors,
                          existing=lambda: _earlier_factors(trial, is_test=is_test))
    participant = Participant.objects.create(
        trial=trial, municipality=municipality, first_name=baseline.first_name, last_name=baseline.last_name,
        cpr=baseline.cpr, cpr_lookup=baseline.cpr_lookup, birth_date=baseline.birth_date,
        eligibility_confirmed=True, informed=True, age=baseline.age, gender=baseline.gender,
        benefit_type=baseline.benefit_type, months_on_support=baseline.months_on_support,
        highest_education=baseline.highest_education, extra_covariates=baseline.extra, stratum=stratum,
        position=position, arm=arm, allocated_at=timezone.now(), entered_by=actor, is_test=is_test, batch=batch,
    )
    audit.record(actor=actor, action="create", object_type="trial_participant", object_id=participant.pk,
                 municipality_id=municipality.pk,
                 summary=f"randomised {participant.research_id}: {stratum} #{position} -> {arm}"
                         + (" (test)" if is_test else "") + (" (batch)" if batch else ""))
    if arm == Arm.TREATMENT and not is_test:
        programme_record_create(actor=actor, participant=participant)
    return participant


def take_slot(*, trial: Trial, stratum: str, is_test: bool) -> int:
    """The next position in the stratum, under a row lock held until the caller's transaction ends."""
    try:
        with transaction.atomic():
            StratumCounter.objects.get_or_create(trial=trial, stratum=stratum, is_test=is_test)
    except IntegrityError:  # created by someone else at the same moment: it exists now
        pass
    counter = StratumCounter.objects.select_for_update().get(trial=trial, stratum=stratum, is_test=is_test)
    position = counter.next_position
    counter.next_position = position + 1
    counter.save(update_fields=["next_position"])
    return position


def _earlier_factors(trial: Trial, *, is_test: bool) -> list[tuple[dict, str]]:
    """Minimisation's input: every earlier allocation's factor values and arm, in allocation order."""
    rows = (Participant.objects.filter(trial=trial, is_test=is_test)
            .order_by("position").values_list("stratum", "arm"))
    keys = ["municipality", *trial.strata_factors]
    return [(dict(zip(keys, stratum.split("|"), strict=False)), arm) for stratum, arm in rows]
