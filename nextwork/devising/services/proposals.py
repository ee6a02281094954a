"""Proposals from young people (their own page) and company representatives (their own page), in plain words:
what would you change, why, what would we see if it works. The team takes one up (it enters the log as a
proposed experiment with the same three questions) or answers it; the proposer sees which."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require

from ..choices import ExperimentStatus, ProposalStatus
from ..models import Experiment, Proposal
from ._text import clean_text
from .experiments import clean_content, history_add

MAX_PROPOSALS_A_WEEK = 5


@transaction.atomic
def proposal_submit(*, title: str, why: str, expected: str, person=None, representative=None) -> Proposal:
    """Exactly one of `person` (a young person) and `representative` (a company's) proposes."""
    if (person is None) == (representative is None):
        raise ValueError("a proposal has exactly one proposer")
    title = clean_text(" ".join((title or "").split()), field="title", max_length=200,
                       message=_("Write what you would change (at most 200 characters)."))
    why = clean_text(why, field="why", max_length=2000, message=_("Write why (at most 2,000 characters)."))
    expected = clean_text(expected, field="expected", max_length=2000,
                          message=_("Write what we would see if it works (at most 2,000 characters)."))
    proposer = {"person": person} if person is not None else {"representative": representative}
    recent = timezone.now() - dt.timedelta(days=7)
    if Proposal.objects.filter(**proposer, created_at__gte=recent).count() >= MAX_PROPOSALS_A_WEEK:
        raise DomainError(_("You have proposed a lot this week. Wait for the team's answers first."), field="title")
    municipality_id = person.municipality_id if person is not None else representative.company.municipality_id
    return Proposal.objects.create(municipality_id=municipality_id, title=title, why=why, expected=expected,
                                   **proposer)


def _answer(*, actor, proposal: Proposal, response: str, status: str, required: bool) -> None:
    proposal.response = clean_text(response, field="response", max_length=2000, required=required,
                                   message=_("Write the team's answer to the proposer (at most 2,000 characters)."))
    proposal.status, proposal.responded_by, proposal.responded_at = status, actor, timezone.now()
    proposal.save(update_fields=["response", "status", "responded_by", "responded_at"])
    audit.record(actor=actor, action="change", object_type="devising_proposal", object_id=proposal.pk,
                 municipality_id=proposal.municipality_id, summary=f"status: {status}")


def _open(actor, proposal: Proposal) -> Proposal:
    require(actor, "devising.proposals")
    require(actor, "devising.manage")
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.municipality_id != actor.municipality_id:
        raise PermissionDenied("another municipality's proposal")
    if proposal.status != ProposalStatus.NEW:
        raise DomainError(_("The proposal is already answered."), field="response")
    return proposal


@transaction.atomic
def proposal_respond(*, actor, proposal: Proposal, response: str) -> Proposal:
    """The team answers without taking the proposal into the log (e.g. it is done already, or why not)."""
    proposal = _open(actor, proposal)
    _answer(actor=actor, proposal=proposal, response=response, status=ProposalStatus.ANSWERED, required=True)
    return proposal


@transaction.atomic
def proposal_take_up(*, actor, proposal: Proposal, title: str, principles, why: str, expected: str,
                     indicators=(), response: str = "") -> Experiment:
    """The proposal enters the log as a proposed experiment; the team starts it when it gives it dates."""
    proposal = _open(actor, proposal)
    content = clean_content(title=title, principles=principles, why=why, expected=expected, indicators=indicators)
    experiment = Experiment.objects.create(municipality_id=proposal.municipality_id, proposal=proposal,
                                           status=ExperimentStatus.PROPOSED, created_by=actor, **content)
    _answer(actor=actor, proposal=proposal, response=response, status=ProposalStatus.TAKEN_UP, required=False)
    history_add(experiment=experiment, actor=actor, kind="taken_up", summary=f"proposal {proposal.pk}")
    return experiment
