"""The leader's dashboard (aggregates for the municipal manager and the political committee) and the
fidelity reviews listed next to the month's computed figures."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Count
from django.utils.translation import gettext as _

from nextwork import fidelity
from nextwork.companies.models import Internship
from nextwork.core.access import require_or_refuse
from nextwork.people.choices import ExitType
from nextwork.people.models import Course, Exit

from . import present, selectors
from .collect import add_months, month_end, month_start, months_ending

SMALLEST_SHOWN = 5
TIME_BANDS = ((0, 90, "Under 3 months"), (90, 182, "3-6 months"), (182, 365, "6-12 months"),
              (365, None, "Over a year"))


def _shown(n: int) -> int | None:
    """Counts of young people from 1 to 4 are not shown to the committee (a small municipality's one exit
    to a flex-job can name the person)."""
    return None if 0 < n < SMALLEST_SHOWN else n


def leader_view(user, month: dt.date) -> dict:
    require_or_refuse(user, "fidelity.dashboard", object_type="scorecard")
    municipality = user.municipality
    end = month_end(month)
    open_courses = list(Course.objects.filter(municipality=municipality, person__merged_into=None,
                                              started_on__isnull=False, started_on__lte=end)
                        .exclude(ended_on__lt=end).values_list("started_on", flat=True))
    bands = Counter()
    for started in open_courses:
        days = (end - started).days
        for low, high, label in TIME_BANDS:
            if days >= low and (high is None or days < high):
                bands[label] += 1
    time_rows = [(_(label), _shown(bands[label])) for _low, _high, label in TIME_BANDS]
    first = add_months(month_start(month), -11)
    exits = dict(Exit.objects.filter(course__municipality=municipality, exit_date__range=(first, end))
                 .values_list("exit_type").annotate(n=Count("id")))
    exit_rows = [(ExitType(k).label, _shown(exits.get(k, 0))) for k in ExitType.values if exits.get(k)]
    months = months_ending(month, 12)
    started = Counter(m.replace(day=1) for m in Internship.objects.filter(
        municipality=municipality, start_on__range=(first, end)).exclude(status="planned")
        .values_list("start_on", flat=True))
    internship_rows = [(f"{m:%m/%Y}", _shown(started.get(m, 0))) for m in months]
    running = Internship.objects.filter(municipality=municipality, start_on__lte=end).exclude(
        status="planned").exclude(ended_on__lt=end).count()
    card = selectors.scorecard(municipality, month)
    return {
        "municipality": municipality, "month": month_start(month), "scorecard": card,
        "in_programme": _shown(len(open_courses)),
        "median_days": _median([(end - s).days for s in open_courses]) if len(open_courses) >= SMALLEST_SHOWN
        else None,
        "time_chart": present.bars(time_rows), "time_rows": time_rows,
        "exit_chart": present.bars(exit_rows), "exit_rows": exit_rows, "exits_total": _shown(sum(exits.values())),
        "internship_chart": present.bars(internship_rows), "internship_rows": internship_rows,
        "internships_running": _shown(running),
        "wellbeing": _wellbeing(municipality, end),
    }


def _median(values: list[int]) -> float | None:
    from statistics import median

    return median(values) if values else None


def _wellbeing(municipality, today: dt.date) -> list[dict]:
    """helper F's monthly trend (already suppressed there); empty when there are no check-ins."""
    try:
        from nextwork.wellbeing.selectors import municipality_trend
    except ImportError:  # the wellbeing app is not there yet
        return []
    rows = municipality_trend(municipality, 12, today=today)
    return rows if any(r["n"] for r in rows) or any(r["suppressed"] for r in rows) else []


def reviews_with_figures(reviews, municipality, *, suppress_small: bool) -> list[dict]:
    """Each review with, per principle, the score and comment next to that month's computed indicators.
    For the network's roles, a value resting on 1-4 persons is hidden, as in the comparison."""
    if not reviews:
        return []
    months = sorted({r.month for r in reviews})
    span = months_ending(months[-1], min(36, (months[-1].year - months[0].year) * 12
                                          + months[-1].month - months[0].month + 1))
    results = selectors.results_by_month([municipality.pk], [m for m in span if m in months]).get(municipality.pk, {})
    listed = []
    for review in reviews:
        scores = {s.principle: s for s in review.scores.all()}
        figures = results.get(review.month, ())
        principles = []
        for p in fidelity.PRINCIPLES:
            rows = []
            for r in figures:
                if r.indicator.principle != p.key:
                    continue
                hidden = suppress_small and selectors.hides_people(r)
                rows.append({"result": r, "hidden": hidden, "light": "none" if hidden else r.light})
            principles.append({"principle": p, "score": scores.get(p.key), "figures": rows})
        listed.append({"review": review, "principles": principles})
    return listed
