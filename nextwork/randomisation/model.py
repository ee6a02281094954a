"""Frozen data classes for the randomisation settings, the log rows and the result of a verification."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

METHODS = ("permuted_blocks", "minimisation")
IMBALANCE = ("range", "variance")
MAX_ARMS = 10
MAX_RATIO = 100
MAX_MULTIPLE = 100
MAX_POSITION = 1_000_000  # sequence counts and log positions: an absurd request is refused, not tried
MAX_NAME = 200
MIN_SECRET_BYTES = 16
PROBABILITY_SCALE = 1_000_000  # the preferred-arm probability is compared in millionths, exactly
_HEX64 = re.compile(r"[0-9a-f]{64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class RandomisationInputError(ValueError):
    """Settings, a secret, a stratum, a position or a log that cannot be used; the message says why."""


class SecretMismatch(RandomisationInputError):
    """The secret's SHA-256 is not the one published in the settings."""


def check_name(value: Any, what: str) -> str:
    """An arm, stratum or factor name: a non-empty string without control characters (0x1f separates)."""
    if not isinstance(value, str) or not value:
        raise RandomisationInputError(f"{what} must be a non-empty string, got {value!r}")
    if len(value) > MAX_NAME:
        raise RandomisationInputError(f"{what} is longer than {MAX_NAME} characters: {value[:40]!r}...")
    if _CONTROL.search(value):
        raise RandomisationInputError(f"{what} contains a control character: {value!r}")
    return value


def check_position(value: Any, what: str = "position") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RandomisationInputError(f"{what} must be an integer, got {value!r}")
    if not 1 <= value <= MAX_POSITION:
        raise RandomisationInputError(f"{what} must be between 1 and {MAX_POSITION:,}, got {value}")
    return value


def _positive_int(value: Any, what: str, most: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
        raise RandomisationInputError(f"{what} must be a whole number from 1 to {most}, got {value!r}")
    return value


@dataclass(frozen=True)
class Settings:
    """What the trial locks at go-live. ``arms`` keeps its order: the derivation depends on it.

    ``block_multiples`` is used by permuted blocks (required there); ``probability`` (the chance of the
    arm that minimises the imbalance), ``imbalance`` ("range" or "variance") and ``factors`` (the factor
    names every participant must have; empty = the factors given with each participant) by minimisation.
    """

    method: str
    arms: dict[str, int]
    secret_sha256: str
    block_multiples: tuple[int, ...] = ()
    probability: float = 0.8
    imbalance: str = "range"
    factors: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise RandomisationInputError(f"method must be one of {', '.join(METHODS)}, got {self.method!r}")
        if not isinstance(self.arms, dict) or not 2 <= len(self.arms) <= MAX_ARMS:
            raise RandomisationInputError(f"arms must map 2 to {MAX_ARMS} arm names to their ratio")
        for name, ratio in self.arms.items():
            check_name(name, "arm name")
            _positive_int(ratio, f"the ratio of arm {name!r}", MAX_RATIO)
        object.__setattr__(self, "arms", dict(self.arms))
        if not isinstance(self.block_multiples, (list, tuple)):
            raise RandomisationInputError("block_multiples must be a list of whole numbers")
        multiples = tuple(_positive_int(m, "each block multiple", MAX_MULTIPLE) for m in self.block_multiples)
        if len(set(multiples)) != len(multiples):
            raise RandomisationInputError(f"block_multiples lists a multiple twice: {list(multiples)}")
        if self.method == "permuted_blocks" and not multiples:
            raise RandomisationInputError("block_multiples must list at least one multiple, e.g. [1, 2, 3]")
        object.__setattr__(self, "block_multiples", multiples)
        if not isinstance(self.secret_sha256, str) or not _HEX64.fullmatch(self.secret_sha256):
            raise RandomisationInputError("secret_sha256 must be 64 lower-case hexadecimal digits")
        p = self.probability
        if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0.5 <= p < 1:
            raise RandomisationInputError(f"probability must be at least 0.5 and below 1, got {p!r}")
        if abs(p * PROBABILITY_SCALE - round(p * PROBABILITY_SCALE)) > 1e-6:
            raise RandomisationInputError(f"probability has more than 6 decimals: {p!r}")
        if self.imbalance not in IMBALANCE:
            raise RandomisationInputError(f"imbalance must be 'range' or 'variance', got {self.imbalance!r}")
        if not isinstance(self.factors, (list, tuple)):
            raise RandomisationInputError("factors must be a list of factor names")
        factors = tuple(check_name(f, "factor name") for f in self.factors)
        if len(set(factors)) != len(factors):
            raise RandomisationInputError(f"factors lists a factor twice: {list(factors)}")
        object.__setattr__(self, "factors", factors)

    @property
    def probability_millionths(self) -> int:
        return round(self.probability * PROBABILITY_SCALE)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"method": self.method, "arms": dict(self.arms)}
        if self.block_multiples:
            data["block_multiples"] = list(self.block_multiples)
        if self.method == "minimisation":
            data.update(probability=self.probability, imbalance=self.imbalance, factors=list(self.factors))
        data["secret_sha256"] = self.secret_sha256
        return data


@dataclass(frozen=True)
class LogRow:
    """One allocation as logged: ``line`` is where it stands in the file (for messages)."""

    line: int
    stratum: str
    position: int
    arm: str
    factors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Mismatch:
    line: int
    stratum: str
    position: int
    logged: str
    expected: str

    def __str__(self) -> str:
        return (
            f"line {self.line} (stratum {self.stratum!r}, position {self.position}): "
            f"the log says {self.logged!r}, the sequence gives {self.expected!r}"
        )


@dataclass(frozen=True)
class VerifyResult:
    """``ok`` when the secret matches the published hash and every row's arm is the derived one."""

    ok: bool
    secret_matches: bool
    rows: int = 0
    strata: int = 0
    arm_counts: dict[str, int] = field(default_factory=dict)
    mismatches: int = 0
    first_mismatch: Mismatch | None = None

    @property
    def summary(self) -> str:
        if not self.secret_matches:
            return "the secret's SHA-256 does not match secret_sha256 in the settings"
        arms = ", ".join(f"{arm} {n}" for arm, n in self.arm_counts.items())
        rows = f"{self.rows} row" + ("" if self.rows == 1 else "s")
        strata = f"{self.strata} strat" + ("um" if self.strata == 1 else "a")
        counts = f"{rows}, {strata}; arms: {arms}"
        if self.ok:
            return f"every allocation matches the sequence: {counts}"
        return f"{self.mismatches} of {self.rows} rows do not match; the first: {self.first_mismatch}"
