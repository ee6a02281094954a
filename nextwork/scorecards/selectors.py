"""Scorecards, the network comparison and the leader's figures, computed from the collected records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from nextwork import fidelity
from nextwork.core.models import Municipality
from nextwork.fidelity.suppression import SUPPRESS_MAX, SUPPRESS_MIN

from .collect import collect, month_start, months_ending


@dataclass(frozen=True)
class Row:
    indicator: fidelity.Indicator
    result: fidelity.Result
    trend: tuple[tuple[dt.date, fidelity.Result], ...]


@dataclass(frozen=True)
class Scorecard:
    municipality: Municipality
    month: dt.date
    rows: tuple[Row, ...]

    def by_principle(self) -> list[tuple[fidelity.Principle, list[Row]]]:
        return [(p, [r for r in self.rows if r.indicator.principle == p.key]) for p in fidelity.PRINCIPLES]

    def lights(self) -> dict[str, int]:
        counts = {"green": 0, "yellow": 0, "red": 0, "none": 0}
        for row in self.rows:
            counts[row.result.light] += 1
        return counts


def results_by_month(municipality_ids, months: list[dt.date]) -> dict[int, dict[dt.date, tuple]]:
    """Every indicator for these municipalities and months: {municipality id: {month: results}}."""
    records = collect(municipality_ids, months[0], months[-1])
    return {mid: {m: fidelity.compute(r.inputs(m)) for m in months} for mid, r in records.items()}


def scorecard(municipality: Municipality, month: dt.date, *, months: int = 12) -> Scorecard:
    span = months_ending(month, months)
    results = results_by_month([municipality.pk], span).get(municipality.pk, {})
    rows = []
    for i, ind in enumerate(fidelity.INDICATORS):
        trend = tuple((m, results[m][i]) for m in span)
        rows.append(Row(ind, results[span[-1]][i], trend))
    return Scorecard(municipality, span[-1], tuple(rows))


def small(count: int | None) -> bool:
    return count is not None and SUPPRESS_MIN <= count <= SUPPRESS_MAX


def hides_people(result: fidelity.Result) -> bool:
    """Whether a figure would show a small count of persons to someone outside the municipality."""
    ind, fig = result.indicator, result.figure
    if not ind.people or fig.value is None:
        return False
    if ind.unit == "share":
        return small(fig.numerator) or small(fig.denominator) or small(
            (fig.denominator or 0) - (fig.numerator or 0))
    return small(getattr(fig, ind.counted))


@dataclass(frozen=True)
class ComparisonCell:
    value: float | None
    n: int | None
    light: str
    suppressed: bool


@dataclass(frozen=True)
class ComparisonRow:
    indicator: fidelity.Indicator
    cells: tuple[ComparisonCell, ...]  # one per municipality, in the comparison's order
    network: ComparisonCell


@dataclass(frozen=True)
class Comparison:
    month: dt.date
    municipalities: tuple[Municipality, ...]
    rows: tuple[ComparisonRow, ...]
    computed_at: dt.datetime | None = None  # when the oldest of the figures shown was computed
    updating: bool = False  # the figures are out of date and being recomputed in the background


def comparison(month: dt.date) -> Comparison:
    """Every municipality's indicators for the month, aggregates only, with small-count suppression: for each
    indicator the counts behind it form a table (a row per municipality, with totals), and a value is shown
    only where every count behind it survives :func:`nextwork.fidelity.suppress`.

    Reads the stored monthly figures (:mod:`.figures`): two queries however many records lie behind them;
    out-of-date figures are shown with their time while a recomputation is queued."""
    from .figures import stored_month
    from .tasks import refresh_queue

    month = month_start(month)
    municipalities = tuple(Municipality.objects.only("pk", "name").order_by("name"))
    stored = stored_month(month, [m.pk for m in municipalities])
    municipalities = tuple(m for m in municipalities if m.pk in stored.results)
    if stored.stale:
        refresh_queue(month)
    rows = []
    for i, ind in enumerate(fidelity.INDICATORS):
        per = [stored.results[m.pk][i] for m in municipalities]
        rows.append(_comparison_row(ind, municipalities, per))
    return Comparison(month, municipalities, tuple(rows), stored.computed_at, stored.stale)


def _comparison_row(ind, municipalities, per) -> ComparisonRow:
    names = [str(m.pk) for m in municipalities]
    if not ind.people:
        cells = tuple(ComparisonCell(r.value, r.figure.denominator, r.light, False) for r in per)
        return ComparisonRow(ind, cells, _network(ind, per, hidden=False))
    if ind.unit == "share":
        table = {n: {"met": r.figure.numerator or 0, "not_met": (r.figure.denominator or 0) - (r.figure.numerator or 0)}
                 for n, r in zip(names, per, strict=True)}
    else:
        table = {n: {"n": getattr(r.figure, ind.counted) or 0} for n, r in zip(names, per, strict=True)}
    published = fidelity.suppress(table) if table else None
    cells = []
    for n, r in zip(names, per, strict=True):
        hidden = published is not None and (None in published.cells[n].values() or published.row_totals[n] is None)
        hidden = hidden and r.value is not None
        cells.append(ComparisonCell(None if hidden else r.value, published.row_totals[n] if published else None,
                                    "none" if hidden else r.light, hidden))
    network_hidden = published is not None and (None in published.column_totals.values() or published.total is None)
    return ComparisonRow(ind, tuple(cells), _network(ind, per, hidden=network_hidden))


def _network(ind, per, *, hidden: bool) -> ComparisonCell:
    """The network's own figure: shares and averages over the pooled counts (medians are not pooled)."""
    num = sum(r.figure.numerator or 0 for r in per)
    den = sum(r.figure.denominator or 0 for r in per)
    if ind.unit == "days" or hidden:
        return ComparisonCell(None, den, "none", hidden)
    if ind.unit == "count" and ind.key.endswith("_held"):
        value = num / len(per) if per else None
    elif ind.key == "internship_weeks_per_person":
        weeks = sum((r.value or 0) * (r.figure.denominator or 0) for r in per)
        value = weeks / den if den else None
    else:
        value = num / den if den else None
    return ComparisonCell(value, den, ind.light(value) if not ind.thresholds.relative_to else "none", False)
