"""Sharing a practice that worked with the other municipalities: only the experiment's title, principles,
what was done, why and what was seen, after the share check (nextwork.devising.privacy)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require

from ..choices import Decision, ExperimentStatus
from ..models import Experiment, SharedPractice
from ..privacy import personal_data_found
from ._text import clean_principles, clean_text
from .experiments import history_add


def shareable(experiment: Experiment) -> bool:
    return (experiment.status == ExperimentStatus.REVIEWED and experiment.decision in (Decision.KEEP, Decision.ADJUST)
            and not SharedPractice.objects.filter(experiment=experiment).exists())


@transaction.atomic
def practice_share(*, actor, experiment: Experiment, title: str, principles, what: str, why: str,
                   what_we_saw: str) -> SharedPractice:
    require(actor, "devising.share")
    experiment = Experiment.objects.select_for_update().get(pk=experiment.pk)
    if experiment.municipality_id != actor.municipality_id:
        raise PermissionDenied("another municipality's experiment")
    if not shareable(experiment):
        raise DomainError(_("Share a reviewed experiment the team keeps or adjusts, once."), field="title")
    fields = {
        "title": clean_text(title, field="title", max_length=200, message=_("Give the practice a title.")),
        "what": clean_text(what, field="what", max_length=4000, required=False,
                           message=_("Keep “what we did” under 4,000 characters.")),
        "why": clean_text(why, field="why", max_length=4000, message=_("Write why you did it.")),
        "what_we_saw": clean_text(what_we_saw, field="what_we_saw", max_length=4000,
                                  message=_("Write what you saw.")),
    }
    found = personal_data_found(fields, municipality_id=actor.municipality_id)
    if found:
        field, message = next(iter(found.items()))
        raise DomainError(message, field=field)
    practice = SharedPractice.objects.create(
        from_municipality_id=actor.municipality_id, experiment=experiment, shared_on=dt.date.today(),
        shared_by=actor, principles=clean_principles(principles, message=_("Choose the principles it serves.")),
        **fields)
    history_add(experiment=experiment, actor=actor, kind="shared", summary=f"practice {practice.pk}")
    audit.record(actor=actor, action="create", object_type="shared_practice", object_id=practice.pk,
                 municipality_id=actor.municipality_id, summary=f"experiment {experiment.pk}")
    return practice
