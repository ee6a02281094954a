"""The stored monthly figures: every indicator for every municipality, computed in bulk and kept, so the
network comparison reads a few hundred numbers instead of every course and internship in the country.

The figures only cache :func:`nextwork.fidelity.compute` (one definition per indicator, there). A month's
figures are final once computed after the month ended; until then they count as current for
:data:`FRESH_FOR`, and a reader that finds them older queues a recomputation in the background
(:mod:`nextwork.scorecards.tasks`) and shows what is stored meanwhile, with the time it was computed.
``manage.py compute_fidelity`` computes them nightly (and the demo builder once)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from nextwork import fidelity
from nextwork.core.models import Municipality

from .collect import add_months, month_start
from .models import MonthlyFigure

FRESH_FOR = dt.timedelta(hours=1)
_UPDATED = ("value", "numerator", "denominator", "target", "light", "computed_at")


def figures_store(months: list[dt.date], *, municipality_ids=None, now: dt.datetime | None = None) -> int:
    """Computes every indicator for these months (every municipality, or these) in one bulk collection and
    writes the figures, replacing what was stored for the same month, municipality and indicator.
    Idempotent. Returns the number of figures written."""
    from .selectors import results_by_month

    months = sorted({month_start(m) for m in months})
    if not months:
        return 0
    ids = (list(Municipality.objects.values_list("pk", flat=True)) if municipality_ids is None
           else list(municipality_ids))
    if not ids:
        return 0
    now = now or timezone.now()
    rows = [MonthlyFigure(municipality_id=mid, month=month, key=r.indicator.key, value=r.figure.value,
                          numerator=r.figure.numerator, denominator=r.figure.denominator, target=r.target,
                          light=r.light, computed_at=now)
            for mid, by_month in results_by_month(ids, months).items()
            for month, results in by_month.items() for r in results]
    with transaction.atomic():
        MonthlyFigure.objects.bulk_create(rows, batch_size=5000, update_conflicts=True,
                                          unique_fields=["month", "municipality", "key"], update_fields=_UPDATED)
    return len(rows)


def recent_months(count: int, *, today: dt.date | None = None) -> list[dt.date]:
    """The first days of the last ``count`` months, this month included, oldest first."""
    this = month_start(today or dt.date.today())
    return [add_months(this, -i) for i in reversed(range(max(1, count)))]


def is_stale(month: dt.date, computed_at: dt.datetime, *, now: dt.datetime | None = None) -> bool:
    """Whether a figure computed at ``computed_at`` may no longer be right: it was computed before the month
    ended and more than :data:`FRESH_FOR` ago (a completed month's figures computed after its end are final)."""
    now = now or timezone.now()
    ended = timezone.make_aware(dt.datetime.combine(add_months(month_start(month), 1), dt.time.min))
    return computed_at < ended and now - computed_at > FRESH_FOR


@dataclass(frozen=True)
class StoredMonth:
    """A month's stored figures: {municipality id: results in the order of INDICATORS} and when the oldest
    of them was computed."""

    results: dict[int, tuple[fidelity.Result, ...]]
    computed_at: dt.datetime | None
    stale: bool


def stored_month(month: dt.date, municipality_ids: list[int], *, compute_missing: bool = True) -> StoredMonth:
    """The month's figures for these municipalities from the store; municipalities without a complete set
    (a month nobody has asked for yet, a new municipality) are computed now and stored. One query when every
    figure is there."""
    month = month_start(month)
    rows = (MonthlyFigure.objects.filter(month=month)
            .values_list("municipality_id", "key", "value", "numerator", "denominator", "target", "light",
                         "computed_at"))
    by_municipality: dict[int, dict[str, tuple]] = {}
    for mid, key, *figure in rows:
        by_municipality.setdefault(mid, {})[key] = figure
    keys = {i.key for i in fidelity.INDICATORS}
    missing = {mid for mid in municipality_ids if keys - by_municipality.get(mid, {}).keys()}
    if missing and compute_missing:
        figures_store([month], municipality_ids=sorted(missing))
        return stored_month(month, municipality_ids, compute_missing=False)
    results, oldest = {}, None
    for mid in municipality_ids:
        if mid in missing:  # no such municipality any more
            continue
        stored = by_municipality[mid]
        out = []
        for ind in fidelity.INDICATORS:
            value, numerator, denominator, target, light, at = stored[ind.key]
            out.append(fidelity.Result(ind, fidelity.Figure(value, numerator, denominator), light, target))
            oldest = at if oldest is None or at < oldest else oldest
        results[mid] = tuple(out)
    return StoredMonth(results, oldest, oldest is not None and is_stale(month, oldest))

