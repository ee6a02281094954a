"""Recording a fidelity review: the reviewers' scores and comments per principle for one month."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.fidelity import PRINCIPLES

from ..models import FidelityReview, PrincipleScore

_KEYS = {p.key for p in PRINCIPLES}


def review_record(*, by, municipality, month: dt.date, reviewed_on: dt.date, reviewers: str, summary: str = "",
                  scores: dict[str, tuple[int, str]]) -> FidelityReview:
    """Scores 1-5 per principle (at least one); all or nothing."""
    if not scores:
        raise ValidationError(_("Score at least one principle."))
    for key, (score, _comment) in scores.items():
        if key not in _KEYS:
            raise ValidationError(_("Unknown principle: %(key)s") % {"key": key})
        if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
            raise ValidationError(_("A score is a whole number from 1 to 5."))
    if not reviewers.strip():
        raise ValidationError(_("Name the reviewers."))
    if reviewed_on > dt.date.today():
        raise ValidationError(_("A review cannot be dated in the future."))
    with transaction.atomic():
        review = FidelityReview.objects.create(
            municipality=municipality, month=month.replace(day=1), reviewed_on=reviewed_on,
            reviewers=reviewers.strip(), summary=summary, created_by=by)
        PrincipleScore.objects.bulk_create(
            PrincipleScore(review=review, principle=key, score=score, comment=comment)
            for key, (score, comment) in scores.items())
        audit.record(actor=by, action="create", object_type="fidelity_review", object_id=review.pk,
                     municipality_id=municipality.pk, summary=f"fidelity review {month:%Y-%m}")
    return review
