"""The trial evaluation engine: intention-to-treat estimates from a weekly register panel.

Pure Python (no Django): the trial report and the command line call the same `analyse`, so they give the
same numbers. `docs/evaluation.md` describes the formats, estimands and methods.

Worked example: four people in two strata, observed for two weeks; employment in week 2.

>>> import pandas as pd
>>> people = pd.DataFrame({"person_id": ["a", "b", "c", "d"],
...                        "arm": ["treatment", "control", "treatment", "control"],
...                        "stratum": ["x", "x", "y", "y"]})
>>> weeks = pd.DataFrame({"person_id": ["a", "a", "b", "b", "c", "c", "d", "d"],
...                       "week": [1, 2, 1, 2, 1, 2, 1, 2],
...                       "status": ["internship", "employment", "public_support", "other",
...                                  "public_support", "employment", "internship", "employment"]})
>>> result = analyse(people, weeks, Spec(horizon_weeks=2, outcomes=("employed",), ri_draws=0))
>>> employed = result.outcome("employed")
>>> employed.control_mean, employed.treatment_mean, employed.effect
(0.5, 1.0, 0.5)
>>> employed.n_treatment, employed.n_control
(2, 2)

Within stratum x the treated person is employed and the control is not (+1); within y both are (0);
the fixed-effects estimate weighs the two strata equally here, giving 0.5.
"""

from __future__ import annotations

import pandas as pd

from ._core import run
from .estimators import Estimate, fit_fe_ols, holm
from .model import (
    ARMS,
    EVENT_OUTCOMES,
    EVENTS,
    PANEL_OUTCOMES,
    STATUSES,
    Analysis,
    ArmAttrition,
    EarningsAmongEmployed,
    EvaluationInputError,
    OutcomeResult,
    Spec,
    SubgroupResult,
    WeeklyShares,
)
from .validate import check_inputs

__all__ = [
    "ARMS",
    "EVENTS",
    "EVENT_OUTCOMES",
    "PANEL_OUTCOMES",
    "STATUSES",
    "Analysis",
    "ArmAttrition",
    "EarningsAmongEmployed",
    "Estimate",
    "EvaluationInputError",
    "OutcomeResult",
    "Spec",
    "SubgroupResult",
    "WeeklyShares",
    "analyse",
    "fit_fe_ols",
    "holm",
]


def analyse(
    people: pd.DataFrame, weeks: pd.DataFrame, spec: Spec, events: pd.DataFrame | None = None
) -> Analysis:
    """Check the inputs (raising EvaluationInputError that names the rows) and run the analysis.

    ``events`` (person_id, week, event) are register events such as charges and convictions, needed for
    the outcomes ``charged`` and ``convicted``."""
    return run(check_inputs(people, weeks, spec, events), spec)
