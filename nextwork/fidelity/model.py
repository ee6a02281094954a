"""The shapes: the input records for one municipality and one period, an indicator, and its figure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field


def _(text: str) -> str:
    """Marks a string for the catalogue (makemessages finds ``_("...")``); the Django layer translates it."""
    return text


# --- input records (plain data, no Django) -------------------------------------------------------------------


@dataclass(frozen=True)
class Course:
    """A young person's course. Active on a day from ``started_on`` until ``ended_on`` (inclusive)."""

    id: str
    started_on: dt.date | None
    ended_on: dt.date | None = None
    referral_source: str = ""

    def active_on(self, day: dt.date) -> bool:
        return self.started_on is not None and self.started_on <= day and (
            self.ended_on is None or self.ended_on >= day)

    def active_during(self, start: dt.date, end: dt.date) -> bool:
        return self.started_on is not None and self.started_on <= end and (
            self.ended_on is None or self.ended_on >= start)


@dataclass(frozen=True)
class Internship:
    """An internship that started (planned ones that never began are not records here)."""

    id: str
    course: str
    start_on: dt.date
    ended_on: dt.date | None = None
    wished_on: dt.date | None = None
    paid_hours: bool = False
    initiative: str = ""  # who ended it: "young_person" | "company" | "team" | "mutual" | ""

    def running_on(self, day: dt.date) -> bool:
        return self.start_on <= day and (self.ended_on is None or self.ended_on >= day)

    def days_within(self, start: dt.date, end: dt.date) -> int:
        first = max(self.start_on, start)
        last = min(self.ended_on or end, end)
        return max(0, (last - first).days + 1)


@dataclass(frozen=True)
class Exit:
    id: str
    course: str
    exit_type: str
    exit_date: dt.date


@dataclass(frozen=True)
class Session:
    """A network group session that was held: how many were expected, how many came, the facilitators' note."""

    id: str
    group: str
    date: dt.date
    attended: int
    expected: int
    took_part: str | None = None  # "most" | "some" | "few" | None (no note)


@dataclass(frozen=True)
class AgendaItem:
    id: str
    created_on: dt.date
    by_young_person: bool


@dataclass(frozen=True)
class MatchEvent:
    """A match event that was held (not a "place between events")."""

    id: str
    held_on: dt.date
    companies: int
    open_offers: int
    attended: int


@dataclass(frozen=True)
class Placement:
    """A confirmed placement from a match event; ``rank`` is the wish's place (None: not among the wishes)."""

    id: str
    confirmed_on: dt.date
    rank: int | None


@dataclass(frozen=True)
class DevisingMeeting:
    id: str
    held_on: dt.date


@dataclass(frozen=True)
class Inputs:
    """Everything the indicators read for one municipality and one period (normally a calendar month)."""

    start: dt.date
    end: dt.date
    phase: str = "research"  # "research" | "operations"
    consultants: int = 0
    caseload_norm: int = 20
    courses: tuple[Course, ...] = ()
    internships: tuple[Internship, ...] = ()
    exits: tuple[Exit, ...] = ()
    sessions: tuple[Session, ...] = ()
    agenda_items: tuple[AgendaItem, ...] = ()
    events: tuple[MatchEvent, ...] = ()
    placements: tuple[Placement, ...] = ()
    devising_meetings: tuple[DevisingMeeting, ...] = ()

    def within(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


# --- indicators -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Principle:
    key: str
    name: str
    description: str


@dataclass(frozen=True)
class Thresholds:
    """Green from ``green``, yellow from ``yellow``, red beyond. For direction "lower" the bounds are upper
    bounds. ``relative_to`` names an Inputs field the bounds (and the target) are multiplied by."""

    green: float
    yellow: float
    relative_to: str | None = None

    def scaled(self, inputs: Inputs | None) -> tuple[float, float]:
        factor = getattr(inputs, self.relative_to) if (self.relative_to and inputs is not None) else 1
        return self.green * factor, self.yellow * factor


@dataclass(frozen=True)
class Figure:
    """One indicator's value for one municipality and period, with the counts and the records behind it.

    ``value`` is None when there is nothing to measure (no denominator): "no data", not red.
    ``numerator``/``denominator`` are counts of records; ``people`` says whether they count persons (the
    secretariat's comparison suppresses small counts of persons)."""

    value: float | None
    numerator: int | None = None
    denominator: int | None = None
    records: tuple[str, ...] = ()


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str
    principle: str
    definition: str
    unit: str  # "days" | "share" | "weeks" | "count" | "ratio"
    direction: str  # "higher" (more is better) | "lower"
    target: float
    thresholds: Thresholds
    compute: Callable[[Inputs], Figure] = field(repr=False, compare=False)
    record_kind: str = ""  # what the records behind the number are: "internship", "course", "session", ...
    people: bool = True  # counts persons (or person-level records): small counts are suppressed
    phases: tuple[str, ...] = ("research", "operations")  # where the indicator applies
    counted: str = "denominator"  # which count of the Figure counts persons (for suppression)

    def target_for(self, inputs: Inputs | None = None) -> float:
        if self.thresholds.relative_to and inputs is not None:
            return self.target * getattr(inputs, self.thresholds.relative_to)
        return self.target

    def light(self, value: float | None, inputs: Inputs | None = None) -> str:
        """"green" | "yellow" | "red", or "none" when there is no value."""
        if value is None:
            return "none"
        green, yellow = self.thresholds.scaled(inputs)
        if self.direction == "higher":
            return "green" if value >= green else "yellow" if value >= yellow else "red"
        return "green" if value <= green else "yellow" if value <= yellow else "red"

    def applies(self, inputs: Inputs) -> bool:
        return inputs.phase in self.phases


@dataclass(frozen=True)
class Result:
    """An indicator's figure with its light, for one municipality and period."""

    indicator: Indicator
    figure: Figure
    light: str
    target: float

    @property
    def value(self) -> float | None:
        return self.figure.value

    def to_json(self) -> dict:
        return {
            "key": self.indicator.key,
            "principle": self.indicator.principle,
            "unit": self.indicator.unit,
            "value": None if self.figure.value is None else round(self.figure.value, 4),
            "numerator": self.figure.numerator,
            "denominator": self.figure.denominator,
            "target": self.target,
            "light": self.light,
        }
