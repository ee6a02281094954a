"""The engine's inputs and outputs: small frozen data classes that turn into JSON-ready dicts."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields
from typing import Any

ARMS = ("treatment", "control")
STATUSES = ("public_support", "internship", "employment", "education", "other")
PANEL_OUTCOMES = ("employed", "in_education", "weeks_public_support", "weeks_internship")
# Register events (crime): the outcome is 1 if the person has the event in any week up to the horizon.
EVENTS = ("charge", "conviction")
EVENT_OUTCOMES = {"charged": "charge", "convicted": "conviction"}
EARNINGS_OUTCOME = re.compile(r"^earnings_year([1-9][0-9]*)$")
DEFAULT_OUTCOMES = PANEL_OUTCOMES
RESERVED_COLUMNS = ("person_id", "arm", "stratum")

EARNINGS_NOTE = (
    "Descriptive only: earnings among those employed in the horizon week compare two groups selected "
    "by an outcome of the treatment, so the difference is not a causal effect (conditioning on "
    "employment breaks the randomisation)."
)


class EvaluationInputError(ValueError):
    """Input the engine refuses; the message names the offending rows, columns or fields."""


def _clean(value: Any) -> Any:
    """NaN and infinities become None so the result is strict JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def _as_dict(obj: Any) -> dict[str, Any]:
    out = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if hasattr(value, "to_dict"):
            value = value.to_dict()
        elif isinstance(value, tuple) and value and hasattr(value[0], "to_dict"):
            value = [v.to_dict() for v in value]
        out[f.name] = _clean(value)
    return out


def is_known_outcome(name: str) -> bool:
    return name in PANEL_OUTCOMES or name in EVENT_OUTCOMES or EARNINGS_OUTCOME.match(name) is not None


def uses_panel(name: str) -> bool:
    """Outcomes read from the weekly panel up to the horizon (the event outcomes use its coverage too)."""
    return name in PANEL_OUTCOMES or name in EVENT_OUTCOMES


@dataclass(frozen=True)
class Spec:
    """The pre-specified analysis. Every field has the default the trial protocol uses."""

    horizon_weeks: int = 130
    outcomes: tuple[str, ...] = DEFAULT_OUTCOMES
    covariates: tuple[str, ...] = ()
    ri_draws: int = 10_000
    seed: int = 1
    subgroups: tuple[str, ...] = ()
    ci_level: float = 0.95

    def __post_init__(self) -> None:
        problems = _spec_problems(self)
        if problems:
            raise EvaluationInputError("SPEC is not valid: " + "; ".join(problems))

    @classmethod
    def from_json(cls, data: Any) -> Spec:
        """Build a Spec from parsed JSON, refusing unknown fields so a typo never falls back silently."""
        if not isinstance(data, dict):
            raise EvaluationInputError("SPEC must be a JSON object")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise EvaluationInputError(
                f"SPEC has unknown fields: {', '.join(unknown)} (known: {', '.join(sorted(known))})"
            )
        kwargs: dict[str, Any] = {}
        for name, value in data.items():
            if name in ("outcomes", "covariates", "subgroups"):
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise EvaluationInputError(f"SPEC field {name} must be a list of strings")
                value = tuple(value)
            kwargs[name] = value
        return cls(**kwargs)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v for f in fields(self)}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _spec_problems(spec: Spec) -> list[str]:
    problems = []
    if not _is_int(spec.horizon_weeks) or spec.horizon_weeks < 1:
        problems.append(f"horizon_weeks must be a positive integer, not {spec.horizon_weeks!r}")
    if not _is_int(spec.ri_draws) or not 0 <= spec.ri_draws <= 1_000_000:
        problems.append(f"ri_draws must be an integer from 0 to 1000000, not {spec.ri_draws!r}")
    if not _is_int(spec.seed) or spec.seed < 0:
        problems.append(f"seed must be a non-negative integer, not {spec.seed!r}")
    if (
        isinstance(spec.ci_level, bool)
        or not isinstance(spec.ci_level, (int, float))
        or not 0 < spec.ci_level < 1
    ):
        problems.append(f"ci_level must be a number between 0 and 1, not {spec.ci_level!r}")
    for name in ("outcomes", "covariates", "subgroups"):
        values = getattr(spec, name)
        if not isinstance(values, tuple) or not all(isinstance(v, str) for v in values):
            problems.append(f"{name} must be a tuple of strings")
            continue
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            problems.append(f"{name} repeats {', '.join(repeated)}")
        reserved = [v for v in values if v in RESERVED_COLUMNS]
        if reserved and name != "outcomes":
            problems.append(f"{name} cannot use {', '.join(reserved)}")
    if isinstance(spec.outcomes, tuple):
        if not spec.outcomes:
            problems.append("outcomes is empty")
        unknown = [o for o in spec.outcomes if isinstance(o, str) and not is_known_outcome(o)]
        if unknown:
            hint = " (name the year, e.g. earnings_year2)" if "earnings" in unknown else ""
            problems.append(
                f"unknown outcomes {', '.join(unknown)}{hint}; known: {', '.join(PANEL_OUTCOMES)}, "
                f"{', '.join(EVENT_OUTCOMES)}, earnings_yearN"
            )
    return problems


@dataclass(frozen=True)
class OutcomeResult:
    """One outcome's intention-to-treat estimate. p_value_holm adjusts p_value across the family.

    A value that cannot be computed is NaN here (None for the randomisation p-values) and null in JSON;
    `note` then says why in a sentence (e.g. every earnings value missing, or too few people per arm for
    an HC2 standard error), and is None when every value is there.
    """

    name: str
    control_mean: float
    treatment_mean: float
    effect: float
    se: float
    ci_low: float
    ci_high: float
    p_value: float
    p_value_ri: float | None
    p_value_holm: float
    p_value_ri_holm: float | None
    n_treatment: int
    n_control: int
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True)
class ArmAttrition:
    """People randomised to an arm whose panel does not cover every week from 1 to the horizon."""

    arm: str
    randomised: int
    no_panel: int
    short_panel: int
    attrited: int
    share_attrited: float

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True)
class EarningsAmongEmployed:
    name: str
    control_mean: float
    treatment_mean: float
    relative_difference: float
    n_treatment: int
    n_control: int

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True)
class SubgroupResult:
    """The same outcomes within one value of a subgroup column, with strata fixed effects inside it."""

    column: str
    value: str
    n_treatment: int
    n_control: int
    outcomes: tuple[OutcomeResult, ...]
    covariates_dropped: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True)
class WeeklyShares:
    """Share of each arm in each status per week, as columns ready to plot (None where nobody is observed)."""

    weeks: tuple[int, ...]
    by_arm: dict[str, dict[str, tuple[float, ...]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return _clean({"weeks": list(self.weeks), "by_arm": self.by_arm})


@dataclass(frozen=True)
class Analysis:
    spec: Spec
    n_treatment: int
    n_control: int
    outcomes: tuple[OutcomeResult, ...]
    attrition: tuple[ArmAttrition, ...]
    earnings_among_employed: tuple[EarningsAmongEmployed, ...]
    subgroups: tuple[SubgroupResult, ...]
    weekly_shares: WeeklyShares
    earnings_note: str = EARNINGS_NOTE
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)

    def outcome(self, name: str) -> OutcomeResult:
        for result in self.outcomes:
            if result.name == name:
                return result
        raise KeyError(name)
