"""What a plan can name: the evaluation engine's outcomes, the baseline covariates and subgroups the trial
records, with their labels. The engine is the authority on outcomes and on the register events it
understands (a charge, a conviction)."""

import inspect

from django.utils.translation import gettext_lazy as _

from nextwork import evaluation
from nextwork.evaluation.model import is_known_outcome

EARNINGS_YEARS = 5  # earnings_year1 ... earnings_year5 can be planned (weekly earnings summed per year)
_EVENT_OUTCOMES = tuple(evaluation.EVENT_OUTCOMES)
EVENT_CODES = tuple(evaluation.EVENTS)

LABELS = {
    "employed": _("Employed in the horizon week"),
    "in_education": _("In education (with SU) in the horizon week"),
    "weeks_public_support": _("Weeks on public support up to the horizon"),
    "weeks_internship": _("Weeks in a company internship up to the horizon"),
    "charged": _("Charged with a crime up to the horizon"),
    "convicted": _("Convicted of a crime up to the horizon"),
}
STATUS_LABELS = {
    "public_support": _("On public support"),
    "internship": _("In a company internship"),
    "employment": _("Employed"),
    "education": _("In education (SU)"),
    "other": _("Other"),
    "on_public_support": _("On public support, internships included"),
}
COVARIATES = {
    "age": _("Age at randomisation"),
    "months_on_support": _("Months on public support in the year before"),
    "female": _("Female (1) or not (0)"),
}
SUBGROUPS = {
    "municipality": _("Municipality"),
    "gender": _("Gender"),
    "benefit_type": _("Benefit type"),
    "highest_education": _("Highest education"),
    "age_band": _("Age band"),
}
# Shares over time drawn as figures, in this order (the engine's weekly_shares).
FIGURE_SERIES = ("employment", "education", "internship", "on_public_support")


def engine_takes_events() -> bool:
    return "events" in inspect.signature(evaluation.analyse).parameters


def event_outcomes() -> tuple[str, ...]:
    return tuple(name for name in _EVENT_OUTCOMES if is_known_outcome(name)) if engine_takes_events() else ()


def outcome_names() -> tuple[str, ...]:
    earnings = tuple(f"earnings_year{year}" for year in range(1, EARNINGS_YEARS + 1))
    return evaluation.PANEL_OUTCOMES + event_outcomes() + earnings


def is_event_outcome(name: str) -> bool:
    return name in _EVENT_OUTCOMES


def label(name: str) -> str:
    if name.startswith("earnings_year") and name[13:].isdigit():
        return _("Earnings in year %(year)s after randomisation (DKK)") % {"year": name[13:]}
    return str(LABELS.get(name, name))


def outcome_choices() -> list[tuple[str, str]]:
    return [(name, label(name)) for name in outcome_names()]
