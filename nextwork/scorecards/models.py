"""Fidelity reviews: what the reviewers saw on a visit, per principle, next to the month's computed figures."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from nextwork.core.models import Municipality
from nextwork.fidelity import PRINCIPLES

PRINCIPLE_CHOICES = [(p.key, _(p.name)) for p in PRINCIPLES]
SCORES = (1, 2, 3, 4, 5)


class FidelityReview(models.Model):
    """A fidelity review (a visit or a desk review) of one municipality for one month. No personal data:
    the comments are about the team's practice."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("month reviewed"))  # the first day of the month
    reviewed_on = models.DateField(_("reviewed on"))
    reviewers = models.CharField(_("reviewers"), max_length=300)
    summary = models.TextField(_("summary"), blank=True, max_length=5000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "-reviewed_on", "-pk"]
        indexes = [models.Index(fields=["municipality", "month"])]


class PrincipleScore(models.Model):
    review = models.ForeignKey(FidelityReview, on_delete=models.CASCADE, related_name="scores")
    principle = models.CharField(_("principle"), max_length=20, choices=PRINCIPLE_CHOICES)
    score = models.PositiveSmallIntegerField(_("score (1-5)"),
                                             validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True, max_length=3000)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "principle"], name="one_score_per_principle"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="score_1_to_5"),
        ]


class MonthlyFigure(models.Model):
    """One indicator's computed figure for one municipality and month: a cache of
    :func:`nextwork.fidelity.compute` (the definitions stay there), so the network comparison reads a few
    hundred numbers instead of every record in the country. Written in bulk by ``manage.py compute_fidelity``
    (nightly, by the demo builder, and in the background when the comparison finds a month out of date).
    Counts only, no personal data."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month
    key = models.CharField(max_length=40)  # nextwork.fidelity indicator key
    value = models.FloatField(null=True)
    numerator = models.IntegerField(null=True)
    denominator = models.IntegerField(null=True)
    target = models.FloatField()
    light = models.CharField(max_length=6)  # "green" | "yellow" | "red" | "none"
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "municipality", "key"], name="one_figure_per_month")]
