"""Panels other pages show: the linked indicators on a devising experiment's page, and "fidelity this
month" on the start page."""

from __future__ import annotations

import datetime as dt

from nextwork import fidelity
from nextwork.core.panels import Panel

from . import selectors
from .collect import month_start


def _month_before(day: dt.date) -> dt.date:
    return (month_start(day) - dt.timedelta(days=1)).replace(day=1)


def experiment_indicators_context(request, experiment) -> dict:
    """Each indicator linked to the experiment: its value the month before the start (the baseline) and in
    the review's month (or this month while it runs). One computation for both months."""
    keys = [k for k in (experiment.indicators or []) if k in {i.key for i in fidelity.INDICATORS}]
    today = dt.date.today()
    before = _month_before(experiment.starts_on) if experiment.starts_on else None
    at = month_start(min(experiment.review_on or today, today))
    months = sorted({m for m in (before, at) if m is not None})
    results = (selectors.results_by_month([experiment.municipality_id], months)
               .get(experiment.municipality_id, {}) if keys and months else {})
    index = {i.key: n for n, i in enumerate(fidelity.INDICATORS)}
    rows = [{"indicator": fidelity.indicator(k),
             "before": results[before][index[k]] if before in results else None,
             "at": results[at][index[k]] if at in results else None} for k in keys]
    return {"rows": rows, "before_month": before, "at_month": at,
            "reviewed": getattr(experiment, "status", "") == "reviewed"}


def start_fidelity_context(request, _subject=None) -> dict:
    """This month's lights from the stored figures (one query; the start page is everyone's first page).
    Figures missing or out of date are recomputed in the background, and shown meanwhile with their time."""
    from .figures import stored_month
    from .tasks import refresh_queue

    municipality = request.user.municipality
    month = month_start(dt.date.today())
    stored = stored_month(month, [municipality.pk], compute_missing=False)
    results = stored.results.get(municipality.pk)
    if results is None or stored.stale:
        refresh_queue(month)
    if results is None:
        return {"scorecard": None, "lights": None, "red": []}
    card = selectors.Scorecard(municipality, month, tuple(
        selectors.Row(r.indicator, r, ()) for r in results))
    return {"scorecard": card, "lights": card.lights(), "computed_at": stored.computed_at,
            "red": [r for r in card.rows if r.result.light == "red"]}


EXPERIMENT_INDICATORS = Panel("scorecards/_experiment_indicators.html", experiment_indicators_context,
                              "fidelity.scorecard")
START_FIDELITY = Panel("scorecards/_start_fidelity.html", start_fidelity_context, "fidelity.dashboard")
