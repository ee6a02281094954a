"""Frozen data classes for the allocation engine and their JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

POLICIES = ("youth_first", "companies_first")


class SolverUnavailable(RuntimeError):
    """The installed highspy lacks the silent solver class the engine needs (the pin is highspy==1.16.0)."""


@dataclass(frozen=True)
class Offer:
    id: str
    company: str
    capacity: int


@dataclass(frozen=True)
class Youth:
    id: str
    wishes: tuple[str, ...] = ()  # offer ids, best first
    vetoes: tuple[str, ...] = ()  # company ids


@dataclass(frozen=True)
class Instance:
    offers: tuple[Offer, ...]
    youth: tuple[Youth, ...]
    forbidden: tuple[tuple[str, str], ...] = ()  # (youth id, offer id)
    fixed: tuple[tuple[str, str], ...] = ()  # (youth id, offer id), always kept
    policy: str = "youth_first"
    seed: int = 0

    @classmethod
    def from_json(cls, data: Any) -> Instance:
        """Build an instance from parsed JSON; raises ValueError on a wrong shape."""
        from .validate import parse_instance

        return parse_instance(data)

    def to_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "seed": self.seed,
            "offers": [{"id": o.id, "company": o.company, "capacity": o.capacity} for o in self.offers],
            "youth": [{"id": y.id, "wishes": list(y.wishes), "vetoes": list(y.vetoes)} for y in self.youth],
            "forbidden": [list(p) for p in self.forbidden],
            "fixed": [list(p) for p in self.fixed],
        }


@dataclass(frozen=True)
class Placement:
    youth: str
    offer: str
    rank: int | None  # 1 = first wish; None for a fixed pair that was not wished
    fixed: bool = False


@dataclass(frozen=True)
class Unplaced:
    youth: str
    reason: str  # English
    reason_da: str  # Danish
    code: str  # machine-readable: no_wishes, ruled_out, no_capacity, outranked, tie, ...


@dataclass(frozen=True)
class Result:
    policy: str
    seed: int
    placements: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...]
    profile: tuple[int, ...]  # placed at rank 1, 2, ... (fixed pairs included when wished)
    companies_activated: int
    companies_not_activated: tuple[str, ...]
    # The objective values in the policy's lexicographic order.
    objectives: dict[str, Any] = field(default_factory=dict)

    @property
    def placed(self) -> int:
        return len(self.placements)

    def key(self) -> tuple:
        """The lexicographic objective as a comparable tuple (bigger is better)."""
        if self.policy == "companies_first":
            return (self.placed, self.companies_activated, self.profile)
        return (self.placed, self.profile, self.companies_activated)

    def to_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "seed": self.seed,
            "placements": [
                {"youth": p.youth, "offer": p.offer, "rank": p.rank, "fixed": p.fixed}
                for p in self.placements
            ],
            "unplaced": [
                {"youth": u.youth, "reason": u.reason, "reason_da": u.reason_da, "code": u.code}
                for u in self.unplaced
            ],
            "profile": list(self.profile),
            "companies_activated": self.companies_activated,
            "companies_not_activated": list(self.companies_not_activated),
            "objectives": self.objectives,
        }
