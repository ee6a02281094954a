"""Proposals from young people and company representatives, for the team: take one up into the log or
answer it. The proposer sees the outcome on their own page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.core.permissions import can

from . import access, forms
from .choices import ProposalStatus
from .services import proposals


@login_required
def proposal_list(request):
    status = request.GET.get("status", ProposalStatus.NEW)
    status = status if status in ProposalStatus.values or status == "all" else ProposalStatus.NEW
    return render(request, "devising/proposals.html", {
        "proposals": access.proposals_page(request.user, status=status), "status": status,
        "statuses": ProposalStatus.choices,
    })


def _page(request, proposal, *, take_up_form=None, respond_form=None, status=200):
    initial = {"title": proposal.title, "why": proposal.why, "expected": proposal.expected}
    return render(request, "devising/proposal.html", {
        "proposal": proposal, "may_manage": can(request.user, "devising.manage"),
        "take_up_form": take_up_form or forms.TakeUpForm(prefix="take", initial=initial),
        "respond_form": respond_form or forms.RespondForm(prefix="answer"),
        "experiments": list(proposal.experiments.all()),
    }, status=status)


@login_required
def proposal_detail(request, proposal_id):
    proposal = access.access_proposal_by_id(request.user, proposal_id)
    return _page(request, proposal)


@login_required
@require_POST
def proposal_take_up(request, proposal_id):
    user = request.user
    proposal = access.access_proposal_by_id(user, proposal_id, action="devising.manage")
    form = forms.TakeUpForm(request.POST, prefix="take")
    if form.is_valid():
        data = form.cleaned_data
        try:
            experiment = proposals.proposal_take_up(
                actor=user, proposal=proposal, title=data["title"], principles=data["principles"], why=data["why"],
                expected=data["expected"], indicators=data.get("indicators", []), response=data["response"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The proposal is in the log as a proposed experiment. Give it dates to "
                                        "start it."))
            return redirect("portal:experiment", experiment_id=experiment.pk)
    return _page(request, proposal, take_up_form=form, status=400)


@login_required
@require_POST
def proposal_respond(request, proposal_id):
    user = request.user
    proposal = access.access_proposal_by_id(user, proposal_id, action="devising.manage")
    form = forms.RespondForm(request.POST, prefix="answer")
    if form.is_valid():
        try:
            proposals.proposal_respond(actor=user, proposal=proposal, response=form.cleaned_data["response"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The answer is saved; the proposer sees it on their page."))
            return redirect("devising:proposal", proposal_id=proposal.pk)
    return _page(request, proposal, respond_form=form, status=400)
