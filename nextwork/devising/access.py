"""Fetching the devising log for staff, the shape of nextwork.core.access: a role without the permission gets
a "denied" row and 403, an id outside the user's municipality a "denied" row and 404. Experiments, meetings
and shared practices hold no personal data; proposals name the young person or representative who made them,
so every page or list that shows a young person's name writes its audit row here."""

import datetime as dt

from django.db.models import Prefetch, QuerySet

from nextwork.core.access import not_found, record_list, record_read, require_or_refuse

from . import selectors
from .choices import ProposalStatus
from .models import DevisingMeeting, Experiment, ExperimentChange, Proposal, SharedPractice


# Experiments
def experiments_for(user, *, action: str = "devising.view") -> QuerySet:
    require_or_refuse(user, action, object_type="experiment")
    return Experiment.objects.filter(municipality_id=user.municipality_id)


def experiment_log(user, show: str, *, today: dt.date) -> tuple[list[Experiment], dict[str, int]]:
    experiments = experiments_for(user)
    return (list(selectors.filtered_log(experiments, show, today=today)[:200]),
            selectors.log_counts(experiments, today=today))


def access_experiment_by_id(user, experiment_id, *, action: str = "devising.view") -> Experiment:
    require_or_refuse(user, action, object_type="experiment", object_id=experiment_id)
    experiment = (Experiment.objects.select_related("proposal", "follows", "created_by", "reviewed_by")
                  .filter(pk=experiment_id, municipality_id=user.municipality_id).first())
    if experiment is None:
        not_found(user, action, object_type="experiment", object_id=experiment_id)
    return experiment


def experiment_history(experiment: Experiment) -> dict:
    """The experiment's history, the meetings that discussed it, and what followed it (no personal data:
    the actors are staff)."""
    return {
        "history": list(ExperimentChange.objects.filter(experiment=experiment).select_related("actor")),
        "meetings": list(experiment.meetings.order_by("-held_on")),
        "followed_by": list(experiment.followed_by.order_by("pk")),
    }


# Proposals
def _proposals(user, action: str) -> QuerySet:
    require_or_refuse(user, action, object_type="devising_proposal")
    return (Proposal.objects.filter(municipality_id=user.municipality_id)
            .select_related("person", "representative__company").defer("person__cpr"))


def _record_people(user, proposals, *, summary: str) -> None:
    people = {p.person_id for p in proposals if p.person_id is not None}
    if people:
        record_list(user, object_type="young_person", count=len(people), summary=summary)


def proposals_page(user, *, status: str = "") -> list[Proposal]:
    """The municipality's proposals with their proposers' names (young people's names: audited)."""
    found = _proposals(user, "devising.proposals")
    if status in ProposalStatus.values:
        found = found.filter(status=status)
    proposals = list(found.prefetch_related(Prefetch("experiments", Experiment.objects.order_by("pk")))[:200])
    _record_people(user, proposals, summary="devising proposals")
    return proposals


def access_proposal_by_id(user, proposal_id, *, action: str = "devising.proposals") -> Proposal:
    proposal = _proposals(user, action).filter(pk=proposal_id).first()
    if proposal is None:
        not_found(user, action, object_type="devising_proposal", object_id=proposal_id)
    if proposal.person_id is not None:
        record_read(user, object_type="young_person", object_id=proposal.person_id,
                    municipality_id=proposal.municipality_id, summary=f"{action}: proposal {proposal.pk}")
    return proposal


def new_proposals(user) -> list[Proposal]:
    """For the start page: the titles of new proposals and whether a young person or a company made them
    (no names: no read row)."""
    return list(Proposal.objects.filter(municipality_id=user.municipality_id, status=ProposalStatus.NEW)
                .only("pk", "title", "person_id", "representative_id", "created_at")[:5])


# Meetings
def meetings_for(user, *, action: str = "devising.view") -> QuerySet:
    require_or_refuse(user, action, object_type="devising_meeting")
    return DevisingMeeting.objects.filter(municipality_id=user.municipality_id)


def access_meeting_by_id(user, meeting_id, *, action: str = "devising.view") -> DevisingMeeting:
    meeting = (meetings_for(user, action=action).prefetch_related("attendees", "experiments")
               .filter(pk=meeting_id).first())
    if meeting is None:
        not_found(user, action, object_type="devising_meeting", object_id=meeting_id)
    return meeting


# The shared library (network-level: every municipality's practices)
def library(user) -> QuerySet:
    require_or_refuse(user, "devising.library", object_type="shared_practice")
    return SharedPractice.objects.select_related("from_municipality")


def access_practice_by_id(user, practice_id) -> SharedPractice:
    practice = library(user).filter(pk=practice_id).first()
    if practice is None:
        not_found(user, "devising.library", object_type="shared_practice", object_id=practice_id)
    return practice


# The young person's and the representative's own pages
def own_proposals(*, person=None, representative=None) -> list[Proposal]:
    """The proposer's own proposals with what became of them (their own page: no staff read)."""
    found = Proposal.objects.filter(person=person) if person is not None else Proposal.objects.filter(
        representative=representative)
    return list(found.prefetch_related(Prefetch("experiments", Experiment.objects.order_by("pk")))[:20])
