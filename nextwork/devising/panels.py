"""The devising app's pieces of the composed pages (listed in nextwork/portal/panels.py): the experiment page,
the start page, the young person's own page and the company representative's own page."""

import datetime as dt

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.core.panels import Panel, SelfSection
from nextwork.core.permissions import can

from . import access, forms, indicators, selectors
from .choices import HISTORY_LABELS, Decision, ExperimentStatus, Principle
from .services import experiments, proposals, sharing


def principle_labels(keys) -> list[str]:
    return [str(Principle(key).label) for key in keys if key in Principle.values]


# The experiment's page
def _history_summary(change) -> str:
    """The summary holds dates, field names or the decision's key; shown in the reader's language."""
    if change.kind == "reviewed" and ": " in change.summary:
        on, decision = change.summary.split(": ", 1)
        label = Decision(decision).label if decision in Decision.values else decision
        return f"{date_format(dt.date.fromisoformat(on), 'SHORT_DATE_FORMAT')}: {label}"
    if change.kind in ("created", "started", "discussed"):
        return " – ".join(date_format(dt.date.fromisoformat(day), "SHORT_DATE_FORMAT")
                          for day in change.summary.split(" - ") if len(day) == 10)
    if change.kind == "changed":
        fields = {"title": _("title"), "principles": _("principles"), "why": _("why"), "expected": _("expected"),
                  "indicators": _("indicators"), "starts_on": _("start date"), "review_on": _("review date")}
        return ", ".join(str(fields.get(name, name)) for name in change.summary.split(", "))
    return ""


def experiment_summary_context(request, experiment) -> dict:
    user = request.user
    history = access.experiment_history(experiment)
    for change in history["history"]:
        change.label = HISTORY_LABELS.get(change.kind, change.kind)
        change.shown = _history_summary(change)
    return {
        "experiment": experiment, "principle_labels": principle_labels(experiment.principles),
        "indicator_names": indicators.indicator_names(experiment.indicators),
        "today": dt.date.today(), "may_manage": can(user, "devising.manage"),
        "may_share": can(user, "devising.share") and sharing.shareable(experiment),
        "shared": getattr(experiment, "shared_practice", None) if experiment.status == ExperimentStatus.REVIEWED
        else None,
        **history,
    }


def experiment_review_context(request, experiment) -> dict:
    may_review = can(request.user, "devising.manage") and experiment.status == ExperimentStatus.RUNNING
    return {"experiment": experiment, "may_review": may_review,
            "review_form": getattr(request, "devising_review_form", None) or forms.ReviewForm(prefix="review"),
            "review_due": experiment.review_on is not None and experiment.review_on <= dt.date.today()}


def experiment_review_post(request, experiment):
    """The review form on the experiment's page. A redirect on success; else the form stays on the request
    for the review panel to show again with what was typed."""
    form = forms.ReviewForm(request.POST, prefix="review")
    if form.is_valid():
        try:
            experiments.experiment_review(actor=request.user, experiment=experiment, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return HttpResponseRedirect(reverse("portal:experiment", args=[experiment.pk]) + "?done=reviewed")
    request.devising_review_form = form
    return None


EXPERIMENT_SUMMARY = Panel("devising/_experiment_summary.html", experiment_summary_context, "devising.view")
EXPERIMENT_REVIEW = Panel("devising/_experiment_review.html", experiment_review_context, "devising.view")


# The start page
def start_devising_context(request, today: dt.date) -> dict:
    return {"devising_due": list(selectors.due_for_review(request.user.municipality_id, today=today)[:5]),
            "devising_proposals": access.new_proposals(request.user) if can(request.user, "devising.proposals")
            else []}


START_DEVISING = Panel("devising/_start_devising.html", start_devising_context, "devising.manage")


# The own pages (the young person's, the company representative's): the same three questions in plain words
def _propose_section(*, person=None, representative=None, state: dict) -> dict:
    return {"proposals": access.own_proposals(person=person, representative=representative),
            "propose_form": state.get("propose_form") or forms.ProposeForm(prefix="devising")}


def _propose_post(request, **proposer):
    form = forms.ProposeForm(request.POST, prefix="devising")
    if form.is_valid():
        try:
            proposals.proposal_submit(**proposer, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return HttpResponseRedirect(request.path + "?done=devising#devising-heading")
    return {"propose_form": form}


def self_proposals_section(link, *, today: dt.date, state: dict) -> dict:
    return _propose_section(person=link.person, state=state)


def self_proposals_post(request, link, *, today: dt.date):
    return _propose_post(request, person=link.person)


def representative_proposals_section(link, *, today: dt.date, state: dict) -> dict:
    return _propose_section(representative=link.representative, state=state)


def representative_proposals_post(request, link, *, today: dt.date):
    return _propose_post(request, representative=link.representative)


SELF_PROPOSALS = SelfSection("devising/self/_proposals.html", self_proposals_section, actions=("devising_propose",),
                             handle=self_proposals_post)
REPRESENTATIVE_PROPOSALS = SelfSection("devising/self/_proposals.html", representative_proposals_section,
                                       actions=("devising_propose",), handle=representative_proposals_post)
