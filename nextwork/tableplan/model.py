"""Frozen data classes for the table plan and their JSON form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


def natural_key(text: str) -> tuple:
    """Sort key that puts "t2" before "t10": the output order never depends on the input order."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text))


@dataclass(frozen=True)
class Table:
    id: str
    company: str
    seats: int


@dataclass(frozen=True)
class Youth:
    id: str
    requests: tuple[str, ...] = ()  # company ids asked for
    avoid: tuple[str, ...] = ()  # company ids not wanted


@dataclass(frozen=True)
class Instance:
    """Exactly one of ``rounds`` (mode 1: choose the meetings) and ``meetings`` (mode 2: hold these)."""

    tables: tuple[Table, ...]
    youth: tuple[Youth, ...]
    rounds: int | None = None
    meetings: tuple[tuple[str, str], ...] | None = None  # (youth id, company id)
    seed: int = 0

    @classmethod
    def from_json(cls, data: Any) -> Instance:
        """Build an instance from parsed JSON; raises ValueError on a wrong shape or inconsistency."""
        from .validate import parse_instance

        return parse_instance(data)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "tables": [{"id": t.id, "company": t.company, "seats": t.seats} for t in self.tables],
            "youth": [{"id": y.id, "requests": list(y.requests), "avoid": list(y.avoid)} for y in self.youth],
            "seed": self.seed,
        }
        if self.rounds is not None:
            data["rounds"] = self.rounds
        if self.meetings is not None:
            data["meetings"] = [list(m) for m in self.meetings]
        return data

    @property
    def companies(self) -> dict[str, int]:
        """Company id -> all its seats (the seats of all its tables)."""
        seats: dict[str, int] = {}
        for t in self.tables:
            seats[t.company] = seats.get(t.company, 0) + t.seats
        return seats


@dataclass(frozen=True)
class Seating:
    """One table in one round: who sits there (possibly nobody)."""

    table: str
    company: str
    youth: tuple[str, ...]


@dataclass(frozen=True)
class Round:
    number: int  # 1, 2, ...
    tables: tuple[Seating, ...]  # every table, in natural id order


@dataclass(frozen=True)
class Visit:
    """Where a young person sits in one round (for the young person's own sheet)."""

    round: int
    table: str
    company: str


@dataclass(frozen=True)
class Plan:
    rounds: tuple[Round, ...]
    unmet_requests: tuple[tuple[str, str], ...]  # (youth id, company id)
    lower_bound: int  # the fewest rounds the plan's meetings need (König)

    def meetings(self) -> frozenset[tuple[str, str]]:
        """Every (youth id, company id) the plan holds."""
        return frozenset((y, s.company) for r in self.rounds for s in r.tables for y in s.youth)

    def by_table(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Table id -> the young people at it, round by round (index 0 = round 1; empty tuple = nobody)."""
        out: dict[str, list[tuple[str, ...]]] = {}
        for r in self.rounds:
            for s in r.tables:
                out.setdefault(s.table, []).append(s.youth)
        return {t: tuple(rows) for t, rows in out.items()}

    def by_youth(self) -> dict[str, tuple[Visit, ...]]:
        """Youth id -> their visits in round order (rounds without a visit are breaks), natural id order."""
        out: dict[str, list[Visit]] = {}
        for r in self.rounds:
            for s in r.tables:
                for y in s.youth:
                    out.setdefault(y, []).append(Visit(r.number, s.table, s.company))
        return {y: tuple(out[y]) for y in sorted(out, key=natural_key)}

    def to_json(self) -> dict[str, Any]:
        return {
            "rounds": [
                {"round": r.number, "tables": [{"table": s.table, "youth": list(s.youth)} for s in r.tables]}
                for r in self.rounds
            ],
            "unmet_requests": [list(p) for p in self.unmet_requests],
            "lower_bound": self.lower_bound,
        }
