"""Access to the trial's records (shape of nextwork/core/access.py). Participants' personal data: only the
entering roles of their own municipality. Researchers get pseudonyms, others aggregates. Every read is
audit-logged here."""

from django.db.models import QuerySet

from nextwork.core import audit
from nextwork.core.access import not_found, record_list, record_read, require_or_refuse
from nextwork.core.permissions import can

from . import selectors
from .models import Participant, Trial, TrialSite

PARTICIPANT = "trial_participant"


def trial_for_view(user, trial_id) -> Trial:
    """A trial the user may see: network roles any trial, municipal roles the trials their municipality is in."""
    require_or_refuse(user, "trial.view", object_type="trial", object_id=trial_id)
    trial = Trial.objects.filter(pk=trial_id).first() if str(trial_id).isdigit() else None
    if trial is None or (user.municipality_id is not None
                         and not TrialSite.objects.filter(trial=trial, municipality=user.municipality_id).exists()):
        not_found(user, "trial.view", object_type="trial", object_id=trial_id)
    return trial


def trial_for(user, trial_id, action: str) -> Trial:
    require_or_refuse(user, action, object_type="trial", object_id=trial_id)
    return trial_for_view(user, trial_id)


def trials_list(user) -> QuerySet:
    require_or_refuse(user, "trial.view", object_type="trial")
    trials = Trial.objects.order_by("-created_at")
    if user.municipality_id is not None:
        trials = trials.filter(sites__municipality=user.municipality_id)
    return trials


def participant_for_view(user, participant_id) -> Participant:
    """One participant with their personal data: the entering roles of their municipality only."""
    require_or_refuse(user, "trial.participants", object_type=PARTICIPANT, object_id=participant_id)
    participant = _own(user, participant_id)
    record_read(user, object_type=PARTICIPANT, object_id=participant.pk, municipality_id=participant.municipality_id)
    return participant


def participant_for_change(user, participant_id, action: str) -> Participant:
    """Marking a participant (in error, lost to follow-up): a team lead in their municipality, an administrator
    anywhere. The administrator sees the research ID and the allocation, never more than the mark needs."""
    require_or_refuse(user, action, object_type=PARTICIPANT, object_id=participant_id)
    participant = _own(user, participant_id, everywhere=user.municipality_id is None)
    record_read(user, object_type=PARTICIPANT, object_id=participant.pk, municipality_id=participant.municipality_id,
                summary=f"opened to record {action}")
    return participant


def _own(user, participant_id, *, everywhere: bool = False) -> Participant:
    rows = Participant.objects.select_related("trial", "municipality", "entered_by", "person")
    if not everywhere:
        rows = rows.filter(municipality=user.municipality_id)
    participant = rows.filter(pk=participant_id).first() if str(participant_id).isdigit() else None
    if participant is None:
        not_found(user, "trial.participants", object_type=PARTICIPANT, object_id=participant_id)
    return participant


def participants_list(user, trial: Trial, *, include_tests: bool = False) -> list[Participant]:
    """The municipality's participants with names (both arms, for follow-up): never outside it."""
    require_or_refuse(user, "trial.participants", object_type=PARTICIPANT)
    rows = selectors.with_flags(Participant.objects.filter(trial=trial, municipality=user.municipality_id))
    if not include_tests:
        rows = rows.filter(is_test=False)
    rows = list(rows.select_related("entered_by").order_by("-allocated_at", "-pk")[:500])
    record_list(user, object_type=PARTICIPANT, count=len(rows), summary=f"trial {trial.pk} participants")
    return rows


def pseudonymised_participants(user, trial: Trial) -> QuerySet:
    """Research IDs, strata, arms and baseline without names or CPR numbers."""
    require_or_refuse(user, "trial.log", object_type=PARTICIPANT)
    rows = selectors.with_flags(selectors.real_participants(trial)).order_by("pk")
    audit.record(actor=user, action="list", object_type="trial_pseudonymised", object_id=trial.pk,
                 municipality_id=user.municipality_id, summary=f"trial {trial.pk} pseudonymised participants")
    return rows


def allocation_log_for(user, trial: Trial) -> QuerySet:
    require_or_refuse(user, "trial.log", object_type="trial_log", object_id=trial.pk)
    audit.record(actor=user, action="export", object_type="trial_log", object_id=trial.pk,
                 municipality_id=user.municipality_id, summary=f"allocation log of trial {trial.pk}")
    return selectors.allocation_log(trial)


def figures_for(user, trial: Trial, what: str, *, municipality=None) -> dict:
    """CONSORT, balance or recruitment: aggregates without names."""
    require_or_refuse(user, "trial.figures", object_type="trial", object_id=trial.pk)
    audit.record(actor=user, action="view", object_type="trial_figures", object_id=trial.pk,
                 municipality_id=user.municipality_id, summary=what)
    if what == "consort":
        return selectors.consort_counts(trial, municipality)
    if what == "balance":
        return selectors.balance_table(trial, municipality)
    return selectors.recruitment(trial)


def secret_for(user, trial: Trial) -> bytes | None:
    """The revealed secret for auditors: only after the trial has closed and the secret was revealed."""
    if not (can(user, "trial.log") or can(user, "trial.lock")):
        require_or_refuse(user, "trial.log", object_type="trial_secret", object_id=trial.pk)
    if not trial.secret_revealed:
        not_found(user, "trial.log", object_type="trial_secret", object_id=trial.pk)
    audit.record(actor=user, action="export", object_type="trial_secret", object_id=trial.pk,
                 municipality_id=user.municipality_id, summary="revealed secret downloaded")
    return bytes.fromhex(trial.secret)
