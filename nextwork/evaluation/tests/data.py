"""Test data, imported explicitly rather than through conftest so the engine's tests need no Django."""

import functools

import pandas as pd

from nextwork.evaluation.simulate import synthetic_trial


@functools.cache
def _small_trial():
    return synthetic_trial(400, 60, seed=3, attrition=0.05)


def small_trial():
    """A 400-person, 60-week synthetic trial (copies, so a test may change them)."""
    people, weeks = _small_trial()
    return people.copy(), weeks.copy()


def tiny():
    """Two strata, four people, three weeks: small enough to work out by hand."""
    people = pd.DataFrame(
        {
            "person_id": ["a", "b", "c", "d"],
            "arm": ["treatment", "control", "treatment", "control"],
            "stratum": ["x", "x", "y", "y"],
            "age": [20, 25, 22, 28],
            "earnings_year1": [1000.0, 0.0, 500.0, 800.0],
        }
    )
    weeks = pd.DataFrame(
        {
            "person_id": list("aaabbbcccddd"),
            "week": [1, 2, 3] * 4,
            "status": [
                "public_support",
                "internship",
                "employment",
                "public_support",
                "public_support",
                "other",
                "internship",
                "internship",
                "employment",
                "education",
                "other",
                "employment",
            ],
        }
    )
    return people, weeks
