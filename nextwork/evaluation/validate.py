"""Input checks. Each refusal is an EvaluationInputError whose message names the offending rows.

Rows are counted from 1 over the data rows (the header of a CSV file is not a row), so "row 3" is the
third person or person-week. The checks also return the inputs as arrays, so the large weekly panel is
parsed once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .model import (
    ARMS,
    EARNINGS_OUTCOME,
    EVENT_OUTCOMES,
    EVENTS,
    STATUSES,
    EvaluationInputError,
    Spec,
    uses_panel,
)

_SHOWN = 10


@dataclass(frozen=True)
class Prepared:
    """The checked inputs, one entry per person in PEOPLE order; panel rows as parallel arrays."""

    person_ids: np.ndarray
    treat: np.ndarray  # bool
    stratum: np.ndarray  # int codes into stratum_labels
    stratum_labels: tuple[str, ...]
    covariates: np.ndarray  # (n, k) float
    earnings: dict[str, np.ndarray]  # float, NaN where missing
    subgroups: dict[str, tuple[np.ndarray, tuple[str, ...]]]
    row_person: np.ndarray
    row_week: np.ndarray
    row_status: np.ndarray  # int8 codes into STATUSES
    max_week: int
    # Register events (optional): parallel arrays, the event as a code into EVENTS.
    event_person: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    event_week: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    event_code: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int8))


def _describe(frame: pd.DataFrame, positions: np.ndarray, columns: list[str]) -> str:
    positions = np.asarray(positions)
    shown = []
    for pos in positions[:_SHOWN]:
        values = ", ".join(f"{c}={frame[c].iloc[pos]!r}" for c in columns if c in frame.columns)
        shown.append(f"row {pos + 1} ({values})")
    text = "; ".join(shown)
    if len(positions) > _SHOWN:
        text += f"; and {len(positions) - _SHOWN} more"
    return text


def _require_columns(frame: pd.DataFrame, name: str, columns: list[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise EvaluationInputError(
            f"{name} lacks the columns {', '.join(missing)} (it has: {', '.join(map(str, frame.columns))})"
        )


def _blank(series: pd.Series) -> np.ndarray:
    return (series.isna() | (series.astype(str).str.strip() == "")).to_numpy()


def _numeric(frame: pd.DataFrame, name: str, column: str, allow_missing: bool) -> np.ndarray:
    raw = frame[column]
    values = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float)
    bad = np.flatnonzero(np.isnan(values) & raw.notna().to_numpy())
    if len(bad):
        raise EvaluationInputError(
            f"{name} column {column} is not numeric in {_describe(frame, bad, ['person_id', column])}"
        )
    if not allow_missing and np.isnan(values).any():
        rows = np.flatnonzero(np.isnan(values))
        raise EvaluationInputError(
            f"{name} column {column} is missing in {_describe(frame, rows, ['person_id'])}"
        )
    if np.isinf(values).any():
        rows = np.flatnonzero(np.isinf(values))
        raise EvaluationInputError(
            f"{name} column {column} is infinite in {_describe(frame, rows, ['person_id'])}"
        )
    return values


def check_people(people: pd.DataFrame, spec: Spec) -> dict:
    _require_columns(people, "PEOPLE", ["person_id", "arm", "stratum"])
    if len(people) == 0:
        raise EvaluationInputError("PEOPLE has no rows")
    people = people.reset_index(drop=True)
    blank = np.flatnonzero(_blank(people["person_id"]))
    if len(blank):
        raise EvaluationInputError(
            f"PEOPLE has no person_id in {_describe(people, blank, ['arm', 'stratum'])}"
        )
    ids = people["person_id"].astype(str).to_numpy(dtype=object)
    dup = np.flatnonzero(pd.Series(ids).duplicated(keep=False).to_numpy())
    if len(dup):
        raise EvaluationInputError(f"PEOPLE lists a person twice: {_describe(people, dup, ['person_id'])}")
    arm = people["arm"].astype(str).to_numpy(dtype=object)
    bad = np.flatnonzero(~np.isin(arm, ARMS) | people["arm"].isna().to_numpy())
    if len(bad):
        raise EvaluationInputError(
            f"PEOPLE has unknown arms (use {' or '.join(ARMS)}) in {_describe(people, bad, ['person_id', 'arm'])}"
        )
    blank = np.flatnonzero(_blank(people["stratum"]))
    if len(blank):
        raise EvaluationInputError(f"PEOPLE has no stratum in {_describe(people, blank, ['person_id'])}")
    treat = arm == "treatment"
    stratum_codes, stratum_labels = pd.factorize(people["stratum"].astype(str), sort=True)
    per_stratum = np.bincount(stratum_codes, weights=treat, minlength=len(stratum_labels))
    sizes = np.bincount(stratum_codes, minlength=len(stratum_labels))
    one_arm = np.flatnonzero((per_stratum == 0) | (per_stratum == sizes))
    if len(one_arm):
        parts = []
        for s in one_arm[:_SHOWN]:
            rows = np.flatnonzero(stratum_codes == s)
            only = "treatment" if per_stratum[s] else "control"
            parts.append(
                f"stratum {stratum_labels[s]!r} has only {only}: {_describe(people, rows, ['person_id'])}"
            )
        raise EvaluationInputError("PEOPLE has strata with only one arm: " + " | ".join(parts))

    covariates = []
    for column in spec.covariates:
        _require_columns(people, "PEOPLE", [column])
        covariates.append(_numeric(people, "PEOPLE", column, allow_missing=False))
    earnings = {}
    for column in [c for c in people.columns if EARNINGS_OUTCOME.match(str(c))]:
        earnings[str(column)] = _numeric(people, "PEOPLE", str(column), allow_missing=True)
    missing_years = [o for o in spec.outcomes if EARNINGS_OUTCOME.match(o) and o not in earnings]
    if missing_years:
        have = ", ".join(sorted(earnings)) or "none"
        raise EvaluationInputError(
            f"SPEC names {', '.join(missing_years)} but PEOPLE has no such column (earnings columns: {have})"
        )
    subgroups = {}
    for column in spec.subgroups:
        _require_columns(people, "PEOPLE", [column])
        blank = np.flatnonzero(_blank(people[column]))
        if len(blank):
            raise EvaluationInputError(
                f"PEOPLE has no {column} (a subgroup column) in {_describe(people, blank, ['person_id'])}"
            )
        codes, labels = pd.factorize(people[column].astype(str), sort=True)
        subgroups[column] = (codes, tuple(labels))
    n = len(people)
    return {
        "person_ids": ids,
        "treat": treat,
        "stratum": stratum_codes,
        "stratum_labels": tuple(stratum_labels),
        "covariates": np.column_stack(covariates) if covariates else np.empty((n, 0)),
        "earnings": earnings,
        "subgroups": subgroups,
    }


def _lookup(column: pd.Series, known: pd.Index) -> np.ndarray:
    """Position of each value in `known` (compared as text), -1 if absent; factorising first keeps a
    panel of millions of rows fast."""
    codes, uniques = pd.factorize(column)
    positions = known.get_indexer(pd.Index(uniques).astype(str))
    return np.where(codes >= 0, positions[codes], -1)


def _people_and_weeks(
    frame: pd.DataFrame, name: str, person_ids: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's person (position in PEOPLE) and week, refusing unknown people and weeks that are not
    whole numbers from 1."""
    row_person = _lookup(frame["person_id"], pd.Index(person_ids))
    unknown = np.flatnonzero(row_person < 0)
    if len(unknown):
        raise EvaluationInputError(
            f"{name} names people who are not in PEOPLE: {_describe(frame, unknown, ['person_id', 'week'])}"
        )
    week_raw = frame["week"]
    if pd.api.types.is_integer_dtype(week_raw.dtype):
        row_week = week_raw.to_numpy(dtype=np.int64)
        bad = np.flatnonzero(row_week < 1)
    else:
        as_float = pd.to_numeric(week_raw, errors="coerce").to_numpy(dtype=float)
        bad = np.flatnonzero(~np.isfinite(as_float) | (as_float < 1) | (as_float != np.round(as_float)))
        row_week = np.where(np.isfinite(as_float), as_float, 0).astype(np.int64)
    if len(bad):
        raise EvaluationInputError(
            f"{name} has weeks that are not whole numbers from 1: {_describe(frame, bad, ['person_id', 'week'])}"
        )
    return row_person, row_week


def check_weeks(weeks: pd.DataFrame, person_ids: np.ndarray, spec: Spec) -> dict:
    _require_columns(weeks, "WEEKS", ["person_id", "week", "status"])
    weeks = weeks.reset_index(drop=True)
    row_person, row_week = _people_and_weeks(weeks, "WEEKS", person_ids)
    row_status = _lookup(weeks["status"], pd.Index(STATUSES)).astype(np.int8)
    bad = np.flatnonzero(row_status < 0)
    if len(bad):
        raise EvaluationInputError(
            f"WEEKS has unknown statuses (use {', '.join(STATUSES)}) in "
            f"{_describe(weeks, bad, ['person_id', 'week', 'status'])}"
        )
    max_week = int(row_week.max()) if len(row_week) else 0
    key = row_person.astype(np.int64) * (max_week + 1) + row_week
    order = np.argsort(key, kind="stable")
    repeated = np.flatnonzero(np.diff(key[order]) == 0)
    if len(repeated):
        dup = np.unique(np.concatenate([order[repeated], order[repeated + 1]]))
        raise EvaluationInputError(
            f"WEEKS has the same person-week twice: {_describe(weeks, dup, ['person_id', 'week', 'status'])}"
        )
    from_panel = [o for o in spec.outcomes if uses_panel(o)]
    if from_panel and max_week < spec.horizon_weeks:
        raise EvaluationInputError(
            f"the horizon (week {spec.horizon_weeks}) is beyond the panel, whose last week is {max_week}; "
            f"the outcomes {', '.join(from_panel)} cannot be built"
        )
    return {"row_person": row_person, "row_week": row_week, "row_status": row_status, "max_week": max_week}


def check_events(events: pd.DataFrame, person_ids: np.ndarray, max_week: int) -> dict:
    """The register events (person_id, week, event): known people, weeks within the panel, known events.
    The same event twice in a week is allowed (two charges in one week happen)."""
    _require_columns(events, "EVENTS", ["person_id", "week", "event"])
    events = events.reset_index(drop=True)
    event_person, event_week = _people_and_weeks(events, "EVENTS", person_ids)
    outside = np.flatnonzero(event_week > max_week)
    if len(outside):
        raise EvaluationInputError(
            f"EVENTS has weeks outside the panel (weeks 1 to {max_week}): "
            f"{_describe(events, outside, ['person_id', 'week', 'event'])}"
        )
    event_code = _lookup(events["event"], pd.Index(EVENTS)).astype(np.int8)
    bad = np.flatnonzero(event_code < 0)
    if len(bad):
        raise EvaluationInputError(
            f"EVENTS has unknown events (use {', '.join(EVENTS)}) in "
            f"{_describe(events, bad, ['person_id', 'week', 'event'])}"
        )
    return {"event_person": event_person, "event_week": event_week, "event_code": event_code}


def check_inputs(
    people: pd.DataFrame, weeks: pd.DataFrame, spec: Spec, events: pd.DataFrame | None = None
) -> Prepared:
    if not isinstance(spec, Spec):
        raise EvaluationInputError("spec must be a nextwork.evaluation.Spec")
    frames = [("PEOPLE", people), ("WEEKS", weeks)] + ([("EVENTS", events)] if events is not None else [])
    for name, frame in frames:
        if not isinstance(frame, pd.DataFrame):
            raise EvaluationInputError(f"{name} must be a pandas DataFrame")
    needs_events = [o for o in spec.outcomes if o in EVENT_OUTCOMES]
    if needs_events and events is None:
        raise EvaluationInputError(
            f"SPEC names {', '.join(needs_events)}, which need the register events (EVENTS: person_id,week,event)"
        )
    p = check_people(people, spec)
    w = check_weeks(weeks, p["person_ids"], spec)
    e = check_events(events, p["person_ids"], w["max_week"]) if events is not None else {}
    return Prepared(**p, **w, **e)
