"""The devising log for staff: the log with its filters, new and changed experiments, sharing a practice."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.core.permissions import can

from . import access, forms
from .choices import ExperimentStatus, LogFilter, Principle
from .services import experiments, sharing


@login_required
def log(request):
    today = dt.date.today()
    show = request.GET.get("show", LogFilter.ALL)
    show = show if show in LogFilter.values else LogFilter.ALL
    found, counts = access.experiment_log(request.user, show, today=today)
    principles = dict(Principle.choices)
    for experiment in found:
        experiment.principle_labels = [principles[key] for key in experiment.principles if key in principles]
    return render(request, "devising/log.html", {
        "experiments": found, "counts": counts, "show": show, "filters": LogFilter.choices, "today": today,
        "may_manage": can(request.user, "devising.manage"),
        "may_proposals": can(request.user, "devising.proposals"),
    })


def _content(cleaned: dict) -> dict:
    return {name: cleaned.get(name, []) if name == "indicators" else cleaned[name]
            for name in ("title", "principles", "why", "expected", "indicators")}


@login_required
def experiment_create(request):
    user = request.user
    access.experiments_for(user, action="devising.manage")
    follows_id = request.GET.get("follows", "")
    follows = (access.access_experiment_by_id(user, int(follows_id))
               if follows_id.isdigit() and len(follows_id) < 10 else None)
    initial = {}
    if follows is not None:
        initial = {"title": follows.title, "principles": follows.principles, "why": follows.why,
                   "expected": follows.expected, "indicators": follows.indicators}
    form = forms.ExperimentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            experiment = experiments.experiment_create(
                actor=user, **_content(form.cleaned_data), starts_on=form.cleaned_data["starts_on"],
                review_on=form.cleaned_data["review_on"], follows=follows)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The experiment is in the log."))
            return redirect("portal:experiment", experiment_id=experiment.pk)
    return render(request, "devising/experiment_form.html", {"form": form, "follows": follows, "experiment": None},
                  status=400 if form.errors else 200)


@login_required
def experiment_edit(request, experiment_id):
    user = request.user
    experiment = access.access_experiment_by_id(user, experiment_id, action="devising.manage")
    if experiment.status == ExperimentStatus.REVIEWED:
        messages.error(request, _("The experiment is reviewed; start an adjusted one instead."))
        return redirect("portal:experiment", experiment_id=experiment.pk)
    initial = {name: getattr(experiment, name) for name in ("title", "principles", "why", "expected", "indicators",
                                                            "starts_on", "review_on")}
    proposed = experiment.status == ExperimentStatus.PROPOSED
    form = forms.ExperimentForm(request.POST or None, initial=initial, dates_required=not proposed)
    if request.method == "POST" and form.is_valid():
        try:
            experiments.experiment_update(actor=user, experiment=experiment, **_content(form.cleaned_data),
                                          starts_on=form.cleaned_data["starts_on"],
                                          review_on=form.cleaned_data["review_on"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The experiment is saved."))
            return redirect("portal:experiment", experiment_id=experiment.pk)
    return render(request, "devising/experiment_form.html", {"form": form, "experiment": experiment,
                                                             "proposed": proposed},
                  status=400 if form.errors else 200)


@login_required
def experiment_share(request, experiment_id):
    """Shows exactly what will be shared (only the fields of the form) and shares it after the check."""
    user = request.user
    experiment = access.access_experiment_by_id(user, experiment_id, action="devising.share")
    if not sharing.shareable(experiment):
        messages.error(request, _("Share a reviewed experiment the team keeps or adjusts, once."))
        return redirect("portal:experiment", experiment_id=experiment.pk)
    form = forms.ShareForm(request.POST or None, initial={
        "title": experiment.title, "principles": experiment.principles, "why": experiment.why,
        "what_we_saw": experiment.observed})
    if request.method == "POST" and form.is_valid():
        try:
            practice = sharing.practice_share(actor=user, experiment=experiment, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The practice is in the shared library."))
            return redirect("devising:practice", practice_id=practice.pk)
    return render(request, "devising/share.html", {"form": form, "experiment": experiment},
                  status=400 if form.errors else 200)


@login_required
def library(request):
    principle = request.GET.get("principle", "")
    # Filtered in Python: SQLite (the demo) has no JSON containment lookup.
    found = [practice for practice in access.library(request.user)[:500]
             if principle not in Principle.values or principle in practice.principles]
    labels = dict(Principle.choices)
    for practice in found:
        practice.principle_labels = [labels[key] for key in practice.principles if key in labels]
    return render(request, "devising/library.html", {"practices": found, "principle": principle,
                                                     "principles": Principle.choices})


@login_required
def practice(request, practice_id):
    found = access.access_practice_by_id(request.user, practice_id)
    labels = dict(Principle.choices)
    return render(request, "devising/practice.html", {
        "practice": found, "principle_labels": [labels[key] for key in found.principles if key in labels],
        "own": found.from_municipality_id == request.user.municipality_id})
