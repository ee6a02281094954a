"""Fidelity to the three NExTWORK principles: indicators computed per municipality per month.

Pure Python (no Django, no app): the scorecards app collects the records from the database, this module
defines and computes. Every indicator is defined once in :data:`INDICATORS` (key, name, principle,
plain-language definition, unit, direction, target, green/yellow thresholds and the computation).

>>> import datetime as dt
>>> from nextwork.fidelity import Inputs, Internship, compute_one
>>> month = Inputs(start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31), internships=(
...     Internship("i1", "c1", start_on=dt.date(2026, 10, 12), wished_on=dt.date(2026, 10, 2)),
...     Internship("i2", "c2", start_on=dt.date(2026, 10, 20), wished_on=dt.date(2026, 9, 30)),
... ))
>>> r = compute_one("days_wish_to_start", month)
>>> r.value, r.light
(15.0, 'yellow')

The same from the command line: ``python -m nextwork.fidelity month.json``. :func:`suppress` hides small
counts (1-4) in a table with published totals, and a second cell wherever a hidden one could be worked out.
"""

from __future__ import annotations

from .indicators import INDICATORS, PRINCIPLES, indicator, principle
from .model import (
    AgendaItem,
    Course,
    DevisingMeeting,
    Exit,
    Figure,
    Indicator,
    Inputs,
    Internship,
    MatchEvent,
    Placement,
    Principle,
    Result,
    Session,
    Thresholds,
)
from .parse import parse_inputs
from .suppression import SUPPRESS_MAX, SUPPRESS_MIN, suppress

__all__ = [
    "INDICATORS",
    "PRINCIPLES",
    "SUPPRESS_MAX",
    "SUPPRESS_MIN",
    "AgendaItem",
    "Course",
    "DevisingMeeting",
    "Exit",
    "Figure",
    "Indicator",
    "Inputs",
    "Internship",
    "MatchEvent",
    "Placement",
    "Principle",
    "Result",
    "Session",
    "Thresholds",
    "compute",
    "compute_one",
    "indicator",
    "parse_inputs",
    "principle",
    "suppress",
]


def compute_one(key: str, inputs: Inputs) -> Result:
    """One indicator for one municipality and period. Outside its phases the value is None ("none")."""
    ind = indicator(key)
    figure = ind.compute(inputs) if ind.applies(inputs) else Figure(None)
    return Result(ind, figure, ind.light(figure.value, inputs), ind.target_for(inputs))


def compute(inputs: Inputs) -> tuple[Result, ...]:
    """Every indicator, in the order of :data:`INDICATORS`."""
    return tuple(compute_one(i.key, inputs) for i in INDICATORS)
