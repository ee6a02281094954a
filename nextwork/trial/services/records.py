"""After allocation: marks that never delete. A person randomised in error stays in the sequence and in the
intention-to-treat population; exclusions after randomisation and losses to follow-up feed CONSORT."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.models import Municipality
from nextwork.core.permissions import require

from ..choices import ExclusionReason, PostExclusionReason
from ..models import Participant, PhaseChange, ScreeningRecord, Trial


def _own(actor, participant: Participant) -> None:
    if actor.municipality_id is not None and participant.municipality_id != actor.municipality_id:
        raise DomainError(_("The participant belongs to another municipality."))


@transaction.atomic
def participant_mark_in_error(*, actor, participant: Participant, reason: str) -> Participant:
    require(actor, "trial.mark_in_error")
    _own(actor, participant)
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Write why the young person was randomised in error."), field="reason")
    if participant.in_error:
        raise DomainError(_("This allocation is already marked as made in error."))
    participant.in_error, participant.in_error_reason = True, reason[:1000]
    participant.in_error_by, participant.in_error_at = actor, timezone.now()
    participant.save(update_fields=["in_error", "in_error_reason", "in_error_by", "in_error_at"])
    audit.record(actor=actor, action="change", object_type="trial_participant", object_id=participant.pk,
                 municipality_id=participant.municipality_id,
                 summary=f"marked randomised in error: {participant.research_id}")
    return participant


@transaction.atomic
def participant_record_follow_up(*, actor, participant: Participant, lost_to_follow_up: bool,
                                 excluded_reason: str = "") -> Participant:
    """CONSORT after randomisation: lost to follow-up, or left out of the analysis with a reason."""
    require(actor, "trial.mark_in_error")
    _own(actor, participant)
    if excluded_reason and excluded_reason not in PostExclusionReason.values:
        raise DomainError(_("Choose a reason from the list."), field="excluded_reason")
    before = (participant.lost_to_follow_up, participant.excluded_after_randomisation_reason)
    participant.lost_to_follow_up = lost_to_follow_up
    participant.excluded_after_randomisation_reason = excluded_reason
    participant.save(update_fields=["lost_to_follow_up", "excluded_after_randomisation_reason"])
    audit.record_change(actor=actor, object_type="trial_participant", object_id=participant.pk,
                        municipality_id=participant.municipality_id,
                        changes={"lost_to_follow_up": (before[0], lost_to_follow_up),
                                 "excluded": (before[1], excluded_reason)})
    return participant


@transaction.atomic
def screening_record(*, actor, trial: Trial, reason: str, count: int, assessed_on: dt.date) -> ScreeningRecord:
    """Young people assessed and not randomised, by reason, without names (CONSORT's first box)."""
    require(actor, "trial.randomise")
    if reason not in ExclusionReason.values:
        raise DomainError(_("Choose a reason from the list."), field="reason")
    if not 1 <= count <= 1000:
        raise DomainError(_("Enter a number from 1 to 1000."), field="count")
    if assessed_on > dt.date.today() or assessed_on < dt.date.today() - dt.timedelta(days=366):
        raise DomainError(_("Choose a date within the last year."), field="assessed_on")
    record = ScreeningRecord.objects.create(trial=trial, municipality=actor.municipality, assessed_on=assessed_on,
                                            reason=reason, count=count, recorded_by=actor)
    audit.record(actor=actor, action="create", object_type="trial_screening", object_id=record.pk,
                 municipality_id=actor.municipality_id, summary=f"{count} x {reason}")
    return record


@transaction.atomic
def municipality_change_phase(*, actor, municipality: Municipality, phase: str, changed_on: dt.date,
                              note: str = "") -> PhaseChange:
    """The dated switch between the research phase and operations; the phase history stays."""
    require(actor, "trial.phase")
    if actor.municipality_id is not None and municipality.pk != actor.municipality_id:
        raise DomainError(_("You can change only your own municipality's phase."))
    if phase not in Municipality.Phase.values:
        raise DomainError(_("Choose a phase from the list."), field="phase")
    if phase == municipality.phase:
        raise DomainError(_("The municipality is already in this phase."), field="phase")
    today = dt.date.today()
    if not today - dt.timedelta(days=31) <= changed_on <= today + dt.timedelta(days=1):
        raise DomainError(_("The change takes effect today or on a date in the last month."), field="changed_on")
    locked = Municipality.objects.select_for_update().get(pk=municipality.pk)
    before = locked.phase
    Municipality.objects.filter(pk=municipality.pk).update(phase=phase)
    municipality.phase = phase
    change = PhaseChange.objects.create(municipality=municipality, phase=phase, changed_on=changed_on,
                                        changed_by=actor, note=note.strip()[:500])
    audit.record_change(actor=actor, object_type="municipality", object_id=municipality.pk,
                        municipality_id=municipality.pk,
                        changes={"phase": (before, phase), "from": changed_on})
    return change
