"""Writing the devising log: an experiment is created (or taken up from a proposal), started, changed and
reviewed. Every step is written to the experiment's own history."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.core.errors import DomainError
from nextwork.core.permissions import require

from .. import indicators as indicator_defs
from ..choices import Decision, ExperimentStatus
from ..models import Experiment, ExperimentChange
from ._text import clean_principles, clean_text

MAX_RUN_DAYS = 2 * 366


def history_add(*, experiment: Experiment, actor, kind: str, summary: str) -> None:
    ExperimentChange.objects.create(experiment=experiment, actor=actor, kind=kind, summary=summary[:300])


def clean_content(*, title, principles, why, expected, indicators) -> dict:
    """The three questions (where are the principles, why, what will we see), checked."""
    keys = list(dict.fromkeys(indicators or ()))
    if any(key not in indicator_defs.known_keys() for key in keys):
        raise DomainError(_("Choose indicators from the list."), field="indicators")
    return {
        "title": clean_text(title, field="title", max_length=200,
                            message=_("Give the experiment a title (at most 200 characters).")),
        "principles": clean_principles(principles, message=_("Choose the principles the experiment serves.")),
        "why": clean_text(why, field="why", max_length=4000, message=_("Write why we do it (at most 4,000 characters).")),
        "expected": clean_text(expected, field="expected", max_length=4000,
                               message=_("Write what we expect to see if it works (at most 4,000 characters).")),
        "indicators": keys,
    }


def clean_dates(starts_on: dt.date | None, review_on: dt.date | None) -> tuple[dt.date, dt.date]:
    today = dt.date.today()
    if starts_on is None or not dt.date(2000, 1, 1) <= starts_on <= today + dt.timedelta(days=366):
        raise DomainError(_("Choose a start at most a year ahead."), field="starts_on")
    if review_on is None or review_on < starts_on:
        raise DomainError(_("The review comes after the start."), field="review_on")
    if (review_on - starts_on).days > MAX_RUN_DAYS:
        raise DomainError(_("Review the experiment within two years of its start."), field="review_on")
    return starts_on, review_on


@transaction.atomic
def experiment_create(*, actor, title: str, principles, why: str, expected: str, indicators=(),
                      starts_on: dt.date | None, review_on: dt.date | None, follows: Experiment | None = None,
                      ) -> Experiment:
    """A running experiment in the actor's municipality's log."""
    require(actor, "devising.manage")
    content = clean_content(title=title, principles=principles, why=why, expected=expected, indicators=indicators)
    starts_on, review_on = clean_dates(starts_on, review_on)
    if follows is not None and follows.municipality_id != actor.municipality_id:
        raise DomainError(_("Choose an experiment of your own log."), field="follows")
    experiment = Experiment.objects.create(municipality_id=actor.municipality_id, starts_on=starts_on,
                                           review_on=review_on, status=ExperimentStatus.RUNNING,
                                           follows=follows, created_by=actor, **content)
    history_add(experiment=experiment, actor=actor, kind="created",
                summary=f"{starts_on.isoformat()} - {review_on.isoformat()}")
    return experiment


@transaction.atomic
def experiment_update(*, actor, experiment: Experiment, title: str, principles, why: str, expected: str,
                      indicators=(), starts_on: dt.date | None = None, review_on: dt.date | None = None,
                      ) -> Experiment:
    """Changes a proposed or running experiment; giving a proposed one its dates starts it."""
    require(actor, "devising.manage")
    experiment = Experiment.objects.select_for_update().get(pk=experiment.pk)
    if experiment.status == ExperimentStatus.REVIEWED:
        raise DomainError(_("The experiment is reviewed; start an adjusted one instead."), field="title")
    content = clean_content(title=title, principles=principles, why=why, expected=expected, indicators=indicators)
    changed = [name for name, value in content.items() if getattr(experiment, name) != value]
    for name, value in content.items():
        setattr(experiment, name, value)
    starting = experiment.status == ExperimentStatus.PROPOSED and (starts_on or review_on)
    if experiment.status == ExperimentStatus.RUNNING or starting:
        starts_on, review_on = clean_dates(starts_on, review_on)
        changed += [name for name, value in (("starts_on", starts_on), ("review_on", review_on))
                    if getattr(experiment, name) != value]
        experiment.starts_on, experiment.review_on = starts_on, review_on
        experiment.status = ExperimentStatus.RUNNING
    experiment.save()
    if starting:
        history_add(experiment=experiment, actor=actor, kind="started",
                    summary=f"{experiment.starts_on.isoformat()} - {experiment.review_on.isoformat()}")
    elif changed:
        history_add(experiment=experiment, actor=actor, kind="changed",
                    summary=", ".join(changed))
    return experiment


@transaction.atomic
def experiment_review(*, actor, experiment: Experiment, observed: str, decision: str,
                      on: dt.date | None = None) -> Experiment:
    """The team records what it saw and decides to keep, adjust or drop the experiment."""
    require(actor, "devising.manage")
    experiment = Experiment.objects.select_for_update().get(pk=experiment.pk)
    on = on or dt.date.today()
    if experiment.status != ExperimentStatus.RUNNING:
        raise DomainError(_("Only a running experiment can be reviewed."), field="decision")
    if on < experiment.starts_on or on > dt.date.today():
        raise DomainError(_("Review between the start and today."), field="on")
    observed = clean_text(observed, field="observed", max_length=4000,
                          message=_("Write what you saw (at most 4,000 characters)."))
    if decision not in (Decision.KEEP, Decision.ADJUST, Decision.DROP):
        raise DomainError(_("Decide to keep, adjust or drop it."), field="decision")
    experiment.observed, experiment.decision = observed, decision
    experiment.status, experiment.reviewed_on, experiment.reviewed_by = ExperimentStatus.REVIEWED, on, actor
    experiment.save()
    history_add(experiment=experiment, actor=actor, kind="reviewed",
                summary=f"{on.isoformat()}: {decision}")
    return experiment
