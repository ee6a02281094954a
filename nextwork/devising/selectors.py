"""Reads of the devising log that carry no personal data (experiments, meetings' staff, the library)."""

import datetime as dt

from django.db.models import QuerySet

from .choices import ExperimentStatus, LogFilter
from .models import Experiment


def filtered_log(experiments: QuerySet, show: str, *, today: dt.date) -> QuerySet:
    running = experiments.filter(status=ExperimentStatus.RUNNING)
    if show == LogFilter.RUNNING:
        return running.filter(review_on__gt=today)
    if show == LogFilter.DUE:
        return running.filter(review_on__lte=today).order_by("review_on", "pk")
    if show == LogFilter.REVIEWED:
        return experiments.filter(status=ExperimentStatus.REVIEWED).order_by("-reviewed_on", "-pk")
    if show == LogFilter.PROPOSED:
        return experiments.filter(status=ExperimentStatus.PROPOSED).order_by("-created_at", "-pk")
    return experiments


def due_for_review(municipality_id: int, *, today: dt.date) -> QuerySet:
    return Experiment.objects.filter(municipality_id=municipality_id, status=ExperimentStatus.RUNNING,
                                     review_on__lte=today).order_by("review_on", "pk")


def log_counts(experiments: QuerySet, *, today: dt.date) -> dict[str, int]:
    """How many experiments each filter shows, in one query."""
    from django.db.models import Count, Q

    running = Q(status=ExperimentStatus.RUNNING)
    return experiments.aggregate(
        running=Count("pk", filter=running & Q(review_on__gt=today)),
        due=Count("pk", filter=running & Q(review_on__lte=today)),
        reviewed=Count("pk", filter=Q(status=ExperimentStatus.REVIEWED)),
        proposed=Count("pk", filter=Q(status=ExperimentStatus.PROPOSED)),
        all=Count("pk"),
    )
