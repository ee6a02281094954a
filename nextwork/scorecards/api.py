"""The JSON API for fidelity: a municipality's scorecard for a month, the network comparison (suppressed
aggregates only) and the fidelity reviews. Same permissions and scoping as the pages."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import Field, Router, Schema

from nextwork import fidelity
from nextwork.core.errors import DomainError

from . import access, dashboard
from .collect import parse_month
from .services.reviews import review_record

router = Router(tags=["fidelity"])


class Error(Schema):
    detail: str


COMMON = {401: Error, 403: Error, 404: Error}


class IndicatorOut(Schema):
    key: str
    name: str
    principle: str
    unit: str
    direction: str
    value: float | None
    numerator: int | None
    denominator: int | None
    target: float
    light: str
    trend: list[dict] = []


class ScorecardOut(Schema):
    municipality: str
    month: str
    indicators: list[IndicatorOut]


class CellOut(Schema):
    municipality: str
    value: float | None
    n: int | None
    light: str
    suppressed: bool


class ComparisonRowOut(Schema):
    key: str
    name: str
    unit: str
    municipalities: list[CellOut]
    network: float | None


class ComparisonOut(Schema):
    month: str
    computed_at: dt.datetime | None = Field(None, description="When the oldest of these stored figures was computed")
    updating: bool = Field(False, description="The figures are out of date and being recomputed in the background")
    indicators: list[ComparisonRowOut]


class ScoreIn(Schema):
    principle: str = Field(description="work_identity, many_to_many, power_shift or team")
    score: int = Field(ge=1, le=5)
    comment: str = Field("", max_length=3000)


class ReviewIn(Schema):
    month: str = Field(description="YYYY-MM", max_length=7)
    reviewed_on: dt.date
    reviewers: str = Field(max_length=300)
    summary: str = Field("", max_length=5000)
    scores: list[ScoreIn] = Field(max_length=4)


class ScoreOut(Schema):
    principle: str
    score: int
    comment: str


class ReviewOut(Schema):
    id: int
    municipality: str
    month: str
    reviewed_on: dt.date
    reviewers: str
    summary: str
    scores: list[ScoreOut]
    figures: dict[str, float | None] = {}


def _month(text: str | None) -> dt.date:
    month = parse_month(text, default=dt.date.today())
    if month is None:
        raise DomainError("Give the month as YYYY-MM.", field="month")
    return month


def _value(v):
    return None if v is None else round(v, 4)


@router.get("/scorecard/", response={200: ScorecardOut, **COMMON, 400: Error},
            summary="The user's municipality's indicators for a month (default this month), with 12 months of trend")
def scorecard(request, month: str | None = None):
    card = access.scorecard_for(request.user, _month(month))
    return {"municipality": card.municipality.name, "month": f"{card.month:%Y-%m}", "indicators": [
        {"key": r.indicator.key, "name": r.indicator.name, "principle": r.indicator.principle,
         "unit": r.indicator.unit, "direction": r.indicator.direction, "value": _value(r.result.value),
         "numerator": r.result.figure.numerator, "denominator": r.result.figure.denominator,
         "target": r.result.target, "light": r.result.light,
         "trend": [{"month": f"{m:%Y-%m}", "value": _value(t.value), "light": t.light} for m, t in r.trend]}
        for r in card.rows]}


@router.get("/comparison/", response={200: ComparisonOut, **COMMON, 400: Error},
            summary="Every municipality's indicators for a month: aggregates with small counts suppressed")
def comparison(request, month: str | None = None):
    data = access.comparison_for(request.user, _month(month))
    return {"month": f"{data.month:%Y-%m}", "computed_at": data.computed_at, "updating": data.updating,
            "indicators": [
        {"key": row.indicator.key, "name": row.indicator.name, "unit": row.indicator.unit,
         "municipalities": [{"municipality": m.name, "value": _value(c.value), "n": c.n, "light": c.light,
                             "suppressed": c.suppressed} for m, c in zip(data.municipalities, row.cells, strict=True)],
         "network": None if row.network.suppressed else _value(row.network.value)}
        for row in data.rows]}


def _review_out(item, municipality) -> dict:
    review = item["review"]
    return {"id": review.pk, "municipality": municipality.name, "month": f"{review.month:%Y-%m}",
            "reviewed_on": review.reviewed_on, "reviewers": review.reviewers, "summary": review.summary,
            "scores": [{"principle": s.principle, "score": s.score, "comment": s.comment}
                       for s in review.scores.all()],
            "figures": {f["result"].indicator.key: None if f["hidden"] else _value(f["result"].value)
                        for p in item["principles"] for f in p["figures"]}}


@router.get("/reviews/", response={200: list[ReviewOut], **COMMON, 400: Error},
            summary="Fidelity reviews with that month's computed figures (network roles: ?municipality=id)")
def reviews(request, municipality: int | None = None):
    found = access.reviewable_municipality(request.user, municipality)
    if found is None:
        raise Http404("Give ?municipality=<id>.")
    network = bool(request.user.roles & access.CROSS_MUNICIPAL_ROLES)
    listed = dashboard.reviews_with_figures(access.reviews_for(request.user, found), found, suppress_small=network)
    return [_review_out(item, found) for item in listed]


@router.post("/reviews/", response={201: ReviewOut, **COMMON, 400: Error, 422: Error},
             summary="Record a fidelity review for a municipality (network secretariat)")
def create_review(request, municipality: int, payload: ReviewIn):
    found = access.reviewable_municipality(request.user, municipality, action="fidelity.review_record")
    keys = {p.key for p in fidelity.PRINCIPLES}
    scores = {}
    for s in payload.scores:
        if s.principle not in keys or s.principle in scores:
            raise DomainError("Each principle at most once, one of: " + ", ".join(sorted(keys)), field="scores")
        scores[s.principle] = (s.score, s.comment)
    try:
        review = review_record(by=request.user, municipality=found, month=_month(payload.month),
                               reviewed_on=payload.reviewed_on, reviewers=payload.reviewers,
                               summary=payload.summary, scores=scores)
    except DjangoValidationError as e:
        raise DomainError(" ".join(e.messages)) from None
    item = dashboard.reviews_with_figures([review], found, suppress_small=True)[0]
    return 201, _review_out(item, found)
