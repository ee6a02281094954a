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
