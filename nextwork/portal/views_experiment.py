"""An experiment of the devising log, composed from panels.EXPERIMENT_PAGE: the experiment (devising), the
indicators before and at the review (scorecards), and the review (devising), whose form posts here."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from nextwork.core.permissions import can
from nextwork.devising import access
from nextwork.devising import panels as devising_panels

from . import panels
from .compose import compose

DONE_MESSAGES = {"reviewed": _("The review is saved.")}


@login_required
def experiment(request, experiment_id):
    subject = access.access_experiment_by_id(request.user, experiment_id)
    status = 200
    if request.method == "POST" and request.POST.get("action") == "review" and can(request.user, "devising.manage"):
        outcome = devising_panels.experiment_review_post(request, subject)
        if outcome is not None:
            return outcome
        status = 400
    return render(request, "portal/experiment.html", {
        "experiment": subject, "panels": compose(panels.EXPERIMENT_PAGE, request, subject),
        "done": DONE_MESSAGES.get(request.GET.get("done", "")),
    }, status=status)
