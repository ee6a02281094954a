"""Pocock-Simon minimisation weighted by the arm ratio, with the chance draw taken from the secret stream."""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

from ._stream import Stream
from .model import PROBABILITY_SCALE, Settings

Tally = defaultdict  # (factor, level) -> arm -> participants so far


def new_tally() -> Tally:
    return defaultdict(lambda: defaultdict(int))


def add(tally: Tally, factors: dict[str, str], arm: str) -> None:
    for factor, level in factors.items():
        tally[(factor, level)][arm] += 1


def _imbalance(values: list[Fraction], how: str) -> Fraction:
    if how == "range":
        return max(values) - min(values)
    mean = sum(values, Fraction(0)) / len(values)
    return sum(((v - mean) ** 2 for v in values), Fraction(0)) / len(values)


def scores(settings: Settings, tally: Tally, factors: dict[str, str]) -> dict[str, Fraction]:
    """For each arm: the total imbalance over the participant's factor levels if they joined that arm.

    Counts are divided by the arm's ratio, so 2:1 counts as balanced when one arm has twice the other."""
    arms = settings.arms
    out = {}
    for candidate in arms:
        total = Fraction(0)
        for factor, level in factors.items():
            counts = tally.get((factor, level), {})
            values = [Fraction(counts.get(a, 0) + (a == candidate), r) for a, r in arms.items()]
            total += _imbalance(values, settings.imbalance)
        out[candidate] = total
    return out


def choose(settings: Settings, secret: bytes, tally: Tally, factors: dict[str, str], position: int) -> str:
    """The arms with the least total imbalance are preferred. If every arm is preferred, one is drawn in
    proportion to the ratios; otherwise a draw below ``probability`` x 1,000,000 picks among the preferred,
    any other draw among the rest (again in proportion to the ratios)."""
    score = scores(settings, tally, factors)
    best = min(score.values())
    preferred = [a for a in settings.arms if score[a] == best]
    stream = Stream(secret, "minimisation", str(position))
    if len(preferred) == len(settings.arms):
        pool = preferred
    elif stream.below(PROBABILITY_SCALE) < settings.probability_millionths:
        pool = preferred
    else:
        pool = [a for a in settings.arms if a not in preferred]
    u = stream.below(sum(settings.arms[a] for a in pool))
    for arm in pool:
        u -= settings.arms[arm]
        if u < 0:
            return arm
    raise AssertionError("unreachable: the draw is below the pool's total ratio")
