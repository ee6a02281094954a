"""Person-level outcomes and weekly shares built from the checked weekly status panel."""

from __future__ import annotations

import numpy as np

from .model import (
    ARMS,
    EARNINGS_OUTCOME,
    EVENT_OUTCOMES,
    EVENTS,
    STATUSES,
    ArmAttrition,
    EarningsAmongEmployed,
    WeeklyShares,
)
from .validate import Prepared

MISSING = -1
_CODE = {status: code for code, status in enumerate(STATUSES)}


def status_matrix(prep: Prepared) -> np.ndarray:
    """People × weeks (week w in column w - 1) of status codes, MISSING where the panel has no row."""
    matrix = np.full((len(prep.person_ids), prep.max_week), MISSING, dtype=np.int8)
    matrix[prep.row_person, prep.row_week - 1] = prep.row_status
    return matrix


def covered(matrix: np.ndarray, horizon: int) -> np.ndarray:
    """True for people observed in every week from 1 to the horizon."""
    if matrix.shape[1] < horizon:
        return np.zeros(matrix.shape[0], dtype=bool)
    return (matrix[:, :horizon] != MISSING).all(axis=1)


def person_outcome(name: str, matrix: np.ndarray, horizon: int, prep: Prepared) -> np.ndarray:
    """One value per person, NaN where the outcome is missing (short panel or missing earnings)."""
    match = EARNINGS_OUTCOME.match(name)
    if match:
        return prep.earnings[name].astype(float)
    ok = covered(matrix, horizon)
    if name in EVENT_OUTCOMES:
        # Absent from the register means no event, for people the panel observes up to the horizon.
        code = EVENTS.index(EVENT_OUTCOMES[name])
        hit = (prep.event_code == code) & (prep.event_week <= horizon)
        values = np.zeros(len(prep.person_ids), dtype=bool)
        values[prep.event_person[hit]] = True
        return np.where(ok, values.astype(float), np.nan)
    window = matrix[:, :horizon]
    if name == "employed":
        values = window[:, horizon - 1] == _CODE["employment"]
    elif name == "in_education":
        values = window[:, horizon - 1] == _CODE["education"]
    elif name == "weeks_public_support":
        # A week in a company internship is paid as public support, so it counts here too.
        values = np.isin(window, (_CODE["public_support"], _CODE["internship"])).sum(axis=1)
    elif name == "weeks_internship":
        values = (window == _CODE["internship"]).sum(axis=1)
    else:
        raise KeyError(name)
    return np.where(ok, values.astype(float), np.nan)


def attrition(matrix: np.ndarray, horizon: int, treat: np.ndarray) -> tuple[ArmAttrition, ...]:
    seen = (matrix != MISSING).any(axis=1)
    ok = covered(matrix, horizon)
    rows = []
    for arm in ARMS:
        in_arm = treat if arm == "treatment" else ~treat
        randomised = int(in_arm.sum())
        no_panel = int((in_arm & ~seen).sum())
        short = int((in_arm & seen & ~ok).sum())
        share = (no_panel + short) / randomised if randomised else float("nan")
        rows.append(ArmAttrition(arm, randomised, no_panel, short, no_panel + short, share))
    return tuple(rows)


def weekly_shares(matrix: np.ndarray, treat: np.ndarray) -> WeeklyShares:
    """Per arm and week: people observed and the share in each status (internship also in on_public_support)."""
    by_arm: dict[str, dict[str, tuple[float, ...]]] = {}
    for arm in ARMS:
        sub = matrix[treat] if arm == "treatment" else matrix[~treat]
        observed = (sub != MISSING).sum(axis=0)
        denominator = np.where(observed > 0, observed, 1)
        columns: dict[str, tuple] = {"n_observed": tuple(int(v) for v in observed)}
        counts = {status: (sub == code).sum(axis=0) for code, status in enumerate(STATUSES)}
        counts["on_public_support"] = counts["public_support"] + counts["internship"]
        for status, count in counts.items():
            share = np.where(observed > 0, count / denominator, np.nan)
            columns[status] = tuple(round(float(v), 10) if np.isfinite(v) else None for v in share)
        by_arm[arm] = columns
    return WeeklyShares(weeks=tuple(range(1, matrix.shape[1] + 1)), by_arm=by_arm)


def earnings_among_employed(
    names: list[str], employed: np.ndarray, prep: Prepared
) -> tuple[EarningsAmongEmployed, ...]:
    """Mean earnings among people employed in the horizon week, by arm: a description, not an effect."""
    rows = []
    for name in names:
        values = prep.earnings[name]
        keep = (employed == 1) & ~np.isnan(values)
        t = values[keep & prep.treat]
        c = values[keep & ~prep.treat]
        t_mean = float(t.mean()) if len(t) else float("nan")
        c_mean = float(c.mean()) if len(c) else float("nan")
        rel = t_mean / c_mean - 1 if len(t) and len(c) and c_mean != 0 else float("nan")
        rows.append(EarningsAmongEmployed(name, c_mean, t_mean, rel, len(t), len(c)))
    return tuple(rows)
