"""Synthetic trials with known effects, for the tests, the benchmark and trying the command line.

The weekly panel is a Markov chain over the five statuses; treatment raises the chance of moving into a
company internship and, from there, into a job. None of this is real data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .model import STATUSES

MUNICIPALITIES = ("Aarhus", "Esbjerg", "Holbæk", "Odense", "Roskilde", "Vejle")
_PS, _IN, _EM, _ED, _OT = range(5)


def synthetic_trial(
    n_people: int = 2000,
    n_weeks: int = 156,
    *,
    seed: int = 0,
    internship_boost: float = 0.1,
    attrition: float = 0.0,
    n_years: int | None = None,
    cohorts: int = 5,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """PEOPLE and WEEKS frames in the documented formats: strata are municipality x entry cohort, and
    exactly half of each stratum (rounded down) is treated. `attrition` is the share of people whose
    panel stops early."""
    rng = np.random.default_rng(seed)
    municipality = rng.integers(0, len(MUNICIPALITIES), n_people)
    cohort = rng.integers(0, cohorts, n_people)
    stratum = municipality * cohorts + cohort
    treat = np.zeros(n_people, dtype=bool)
    for s in np.unique(stratum):
        members = rng.permutation(np.flatnonzero(stratum == s))
        treat[members[: len(members) // 2]] = True
    age = rng.integers(18, 30, n_people)
    female = rng.integers(0, 2, n_people)
    prior_support = rng.poisson(20, n_people)

    weekly = np.empty((n_people, n_weeks), dtype=np.int8)
    state = np.where(rng.random(n_people) < 0.8, _PS, _OT).astype(np.int8)
    hazard_out = 0.02 + 0.002 * (29 - age) / 11 - 0.0004 * (prior_support - 20)
    into_internship = np.where(treat, 0.2 + internship_boost, 0.2)
    for week in range(n_weeks):
        u, v = rng.random(n_people), rng.random(n_people)
        idle = (state == _PS) | (state == _OT)
        leave = idle & (u < hazard_out)
        dest = np.where(
            v < into_internship, _IN, np.where(v < into_internship + 0.45, _EM, np.where(v < 0.85, _ED, _OT))
        )
        new = np.where(leave, dest, state)
        new = np.where((state == _IN) & (u < 0.15), np.where(v < 0.35, _EM, _PS), new)
        new = np.where((state == _EM) & (u < 0.01), _PS, new)
        new = np.where((state == _ED) & (u < 0.008), _OT, new)
        new = np.where((state == _OT) & ~leave & (v < 0.01), _PS, new)
        state = new.astype(np.int8)
        weekly[:, week] = state

    last = np.full(n_people, n_weeks)
    stops = rng.random(n_people) < attrition
    last[stops] = rng.integers(0, n_weeks, int(stops.sum()))
    observed = np.arange(n_weeks)[None, :] < last[:, None]
    person_idx, week_idx = np.nonzero(observed)
    ids = np.array([f"p{i:06d}" for i in range(n_people)], dtype=object)
    weeks = pd.DataFrame(
        {
            "person_id": pd.Categorical.from_codes(person_idx, categories=pd.Index(ids)).astype(str),
            "week": week_idx + 1,
            "status": pd.Categorical.from_codes(
                weekly[person_idx, week_idx], categories=list(STATUSES)
            ).astype(str),
        }
    )

    people = pd.DataFrame(
        {
            "person_id": ids,
            "arm": np.where(treat, "treatment", "control"),
            "stratum": [f"{MUNICIPALITIES[m]}-{c + 1}" for m, c in zip(municipality, cohort, strict=True)],
            "municipality": [MUNICIPALITIES[m] for m in municipality],
            "age": age,
            "female": female,
            "prior_weeks_support": prior_support,
        }
    )
    years = n_years if n_years is not None else max(1, n_weeks // 52)
    for year in range(years):
        window = weekly[:, year * 52 : min((year + 1) * 52, n_weeks)]
        employed_weeks = (window == _EM).sum(axis=1)
        wage = 5200 * np.exp(rng.normal(0, 0.3, n_people)) * np.where(treat, 1.05, 1.0)
        people[f"earnings_year{year + 1}"] = np.round(employed_weeks * wage, 0)
    return people, weeks
