"""Reading the input JSON into :class:`Inputs`, with clear messages for bad input."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from .model import (
    AgendaItem,
    Course,
    DevisingMeeting,
    Exit,
    Inputs,
    Internship,
    MatchEvent,
    Placement,
    Session,
)

MAX_RECORDS = 1_000_000
_TOOK_PART = {"most", "some", "few"}
_INITIATIVES = {"", "young_person", "company", "team", "mutual"}

# record list -> (class, {field: (kind, required)})
_LISTS: dict[str, tuple[type, dict[str, tuple[str, bool]]]] = {
    "courses": (Course, {"id": ("id", True), "started_on": ("date?", True), "ended_on": ("date?", False),
                         "referral_source": ("str", False)}),
    "internships": (Internship, {"id": ("id", True), "course": ("id", True), "start_on": ("date", True),
                                 "ended_on": ("date?", False), "wished_on": ("date?", False),
                                 "paid_hours": ("bool", False), "initiative": ("initiative", False)}),
    "exits": (Exit, {"id": ("id", True), "course": ("id", True), "exit_type": ("str", True),
                     "exit_date": ("date", True)}),
    "sessions": (Session, {"id": ("id", True), "group": ("id", True), "date": ("date", True),
                           "attended": ("count", True), "expected": ("count", True),
                           "took_part": ("took_part", False)}),
    "agenda_items": (AgendaItem, {"id": ("id", True), "created_on": ("date", True),
                                  "by_young_person": ("bool", True)}),
    "events": (MatchEvent, {"id": ("id", True), "held_on": ("date", True), "companies": ("count", True),
                            "open_offers": ("count", True), "attended": ("count", True)}),
    "placements": (Placement, {"id": ("id", True), "confirmed_on": ("date", True), "rank": ("rank", True)}),
    "devising_meetings": (DevisingMeeting, {"id": ("id", True), "held_on": ("date", True)}),
}
_TOP = {"month", "start", "end", "phase", "consultants", "caseload_norm", *_LISTS}


def parse_inputs(data: Any) -> Inputs:
    """Turn parsed JSON into validated Inputs; ValueError with a message naming the place otherwise.

    The period is either ``"month": "YYYY-MM"`` or ``"start"`` and ``"end"`` dates (at most 5 years)."""
    if not isinstance(data, dict):
        raise ValueError(f"input: expected an object, got {type(data).__name__}")
    unknown = sorted(set(data) - _TOP)
    if unknown:
        raise ValueError(f"input: unknown keys {', '.join(map(repr, unknown))} (allowed: {', '.join(sorted(_TOP))})")
    start, end = _period(data)
    phase = data.get("phase", "research")
    if phase not in ("research", "operations"):
        raise ValueError(f"phase: expected 'research' or 'operations', got {phase!r}")
    consultants = _value("count", data.get("consultants", 0), "consultants")
    norm = _value("count", data.get("caseload_norm", 20), "caseload_norm")
    if norm < 1:
        raise ValueError("caseload_norm: must be at least 1")
    lists = {}
    for name, (cls, fields) in _LISTS.items():
        raw = data.get(name, [])
        if not isinstance(raw, list):
            raise ValueError(f"{name}: expected a list, got {type(raw).__name__}")
        if len(raw) > MAX_RECORDS:
            raise ValueError(f"{name}: more than {MAX_RECORDS} records")
        lists[name] = tuple(_record(cls, fields, row, f"{name}[{i}]") for i, row in enumerate(raw))
        ids = [r.id for r in lists[name]]
        if len(set(ids)) != len(ids):
            raise ValueError(f"{name}: ids must be unique")
    courses = {c.id for c in lists["courses"]}
    for kind in ("internships", "exits"):
        for i, r in enumerate(lists[kind]):
            if r.course not in courses:
                raise ValueError(f"{kind}[{i}].course: no course with id {r.course!r}")
    for i, s in enumerate(lists["sessions"]):
        if s.attended > s.expected:
            raise ValueError(f"sessions[{i}]: attended ({s.attended}) is more than expected ({s.expected})")
    return Inputs(start=start, end=end, phase=phase, consultants=consultants, caseload_norm=norm, **lists)


def _period(data: dict) -> tuple[dt.date, dt.date]:
    if "month" in data:
        if "start" in data or "end" in data:
            raise ValueError("input: give either 'month' or 'start' and 'end', not both")
        month = data["month"]
        try:
            year, mon = (int(p) for p in str(month).split("-"))
            start = dt.date(year, mon, 1)
        except ValueError:
            raise ValueError(f"month: expected 'YYYY-MM', got {month!r}") from None
        return start, start.replace(day=calendar.monthrange(year, mon)[1])
    if "start" not in data or "end" not in data:
        raise ValueError("input: missing 'month' (or 'start' and 'end')")
    start, end = _value("date", data["start"], "start"), _value("date", data["end"], "end")
    if end < start:
        raise ValueError("end: must not be before start")
    if (end - start).days > 5 * 366:
        raise ValueError("end: the period may be at most five years")
    return start, end


def _record(cls, fields, row, where):
    if not isinstance(row, dict):
        raise ValueError(f"{where}: expected an object, got {type(row).__name__}")
    unknown = sorted(set(row) - set(fields))
    if unknown:
        raise ValueError(f"{where}: unknown keys {', '.join(map(repr, unknown))}")
    values = {}
    for name, (kind, required) in fields.items():
        if name not in row:
            if required:
                raise ValueError(f"{where}: missing {name!r}")
            continue
        values[name] = _value(kind, row[name], f"{where}.{name}")
    return cls(**values)


def _value(kind: str, v: Any, where: str):  # noqa: C901 - one branch per kind reads best as a table
    if kind == "id":
        if isinstance(v, int) and not isinstance(v, bool):
            return str(v)
        if not isinstance(v, str) or not v:
            raise ValueError(f"{where}: expected a non-empty id, got {v!r}")
        return v
    if kind in ("date", "date?"):
        if v is None and kind == "date?":
            return None
        try:
            return dt.date.fromisoformat(v)
        except (TypeError, ValueError):
            raise ValueError(f"{where}: expected a date 'YYYY-MM-DD', got {v!r}") from None
    if kind in ("count", "rank"):
        if v is None and kind == "rank":
            return None
        if isinstance(v, bool) or not isinstance(v, int) or v < (1 if kind == "rank" else 0):
            raise ValueError(f"{where}: expected a whole number of {1 if kind == 'rank' else 0} or more, got {v!r}")
        return v
    if kind == "bool":
        if not isinstance(v, bool):
            raise ValueError(f"{where}: expected true or false, got {v!r}")
        return v
    if kind == "str":
        if not isinstance(v, str):
            raise ValueError(f"{where}: expected text, got {v!r}")
        return v
    if kind == "took_part":
        if v is not None and v not in _TOOK_PART:
            raise ValueError(f"{where}: expected 'most', 'some', 'few' or null, got {v!r}")
        return v
    if kind == "initiative":
        if v not in _INITIATIVES:
            raise ValueError(f"{where}: expected one of {sorted(_INITIATIVES)}, got {v!r}")
        return v
    raise AssertionError(kind)
