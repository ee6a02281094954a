"""The trial's pieces of the composed pages (listed in nextwork/portal/panels.py), and the CONSORT diagram
as a panel that the research report (nextwork.research) reuses."""

import datetime as dt

from django.template.loader import render_to_string

from nextwork.core.models import Municipality
from nextwork.core.panels import Panel

from . import access
from .choices import Arm, ExclusionReason, PostExclusionReason
from .models import Participant
from .selectors import current_trial
from .services.randomise import randomisation_open


def consort_context(trial, consort: dict, *, municipality=None) -> dict:
    """What `trial/_consort.html` needs, from `selectors.consort_counts`."""
    from django.utils.translation import gettext as _

    excluded = [(ExclusionReason(reason).label, n) for reason, n in consort["excluded_reasons"].items()]
    arms = []
    for value, label in Arm.choices:
        box = consort["arms"].get(value, {})
        reasons = [(PostExclusionReason(reason).label, n) for reason, n in box.get("excluded_reasons", {}).items()
                   if n]
        arms.append({"value": value, "label": label, "box": box, "reasons": reasons})
    return {"trial": trial, "consort": consort, "consort_excluded_reasons": excluded, "consort_arms": arms,
            "consort_municipality": municipality,
            "consort_stages": [("allocation", _("Allocation")), ("follow_up", _("Follow-up")),
                               ("analysis", _("Analysis"))]}


def consort_html(request, trial, *, municipality=None) -> str:
    consort = access.figures_for(request.user, trial, "consort", municipality=municipality)
    return render_to_string("trial/_consort.html", consort_context(trial, consort, municipality=municipality),
                            request=request)


def consort_panel_context(request, trial) -> dict:
    return {"consort_html": consort_html(request, trial), "trial": trial}


def start_trial_context(request, today: dt.date) -> dict:
    municipality = request.user.municipality
    if municipality is None or municipality.phase != Municipality.Phase.RESEARCH:
        return {"entry_trial": None}
    trial = current_trial(municipality)
    if trial is None or randomisation_open(trial=trial, municipality=municipality):
        return {"entry_trial": None}
    return {"entry_trial": trial}


def person_trial_context(request, person) -> dict:
    return {"trial_participations": list(Participant.objects.filter(person=person, is_test=False)
                                         .select_related("trial").order_by("pk"))}


CONSORT_PANEL = Panel("trial/_consort_panel.html", consort_panel_context, "trial.figures")
START_TRIAL = Panel("trial/_start_trial.html", start_trial_context, "trial.randomise")
PERSON_TRIAL = Panel("trial/_person_trial.html", person_trial_context, "trial.view", column="aside")
