"""Collecting the fidelity inputs from the other apps' records, in bulk.

One query per source for any number of municipalities and months (the query count stays flat as data
grows); the records are then sorted into each municipality's :class:`nextwork.fidelity.Inputs`."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from nextwork import fidelity
from nextwork.companies.models import Internship
from nextwork.core.models import Municipality, User
from nextwork.core.roles import Role
from nextwork.devising.models import DevisingMeeting
from nextwork.events.models import MatchEvent, Placement
from nextwork.groups.choices import ATTENDED
from nextwork.groups.models import AgendaItem, Session
from nextwork.people.models import Course, Exit

MAX_MONTHS = 36


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def months_ending(last: dt.date, count: int) -> list[dt.date]:
    """The first days of ``count`` months, oldest first, ending with ``last``'s month."""
    count = max(1, min(int(count), MAX_MONTHS))
    return [add_months(month_start(last), -i) for i in reversed(range(count))]


def parse_month(text: str | None, *, default: dt.date) -> dt.date | None:
    """"YYYY-MM" -> its first day; None for a malformed month or one outside 2000-2100."""
    if not text:
        return month_start(default)
    try:
        year, mon = (int(p) for p in text.split("-"))
        day = dt.date(year, mon, 1)
    except ValueError:
        return None
    return day if 2000 <= year <= 2100 else None


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


@dataclass
class Records:
    """One municipality's records over the collected range (all months at once)."""

    phase: str
    caseload_norm: int
    consultants: int = 0
    courses: list = field(default_factory=list)
    internships: list = field(default_factory=list)
    exits: list = field(default_factory=list)
    sessions: list = field(default_factory=list)
    agenda_items: list = field(default_factory=list)
    events: list = field(default_factory=list)
    placements: list = field(default_factory=list)
    devising_meetings: list = field(default_factory=list)
    span: tuple[dt.date, dt.date] | None = None  # the first and last month collected

    def inputs(self, month: dt.date) -> fidelity.Inputs:
        """The month's Inputs with only the records that can matter to it, so each indicator scans a month's
        records, not the whole range's: the courses active in the month, the internships running at some time
        in it, and the first internship of each of those courses (it decides "days to first internship")."""
        start, end = month_start(month), month_end(month)
        buckets = self._buckets()
        k = _month_index(start)
        internships = buckets["internships"].get(k, [])
        firsts = buckets["firsts"]
        earlier = {}
        for i in internships:
            first = firsts[i.course]
            if first.ended_on is not None and first.ended_on < start:  # not running in the month: add it
                earlier[first.id] = first
        return fidelity.Inputs(
            start=start, end=end, phase=self.phase, consultants=self.consultants, caseload_norm=self.caseload_norm,
            courses=tuple(buckets["courses"].get(k, ())), internships=(*internships, *earlier.values()),
            **{name: tuple(buckets[name].get(start, ())) for name in _DATED})

    def _buckets(self) -> dict:
        """Each record sorted once into the months it can matter to (dated records: their month; courses and
        internships: every month they run in)."""
        if getattr(self, "_cache", None) is None:
            first, last = (_month_index(d) for d in self.span)
            cache = {"courses": _spread(self.courses, "started_on", "ended_on", first, last),
                     "internships": _spread(self.internships, "start_on", "ended_on", first, last)}
            firsts: dict[str, fidelity.Internship] = {}
            for i in self.internships:
                known = firsts.get(i.course)
                if known is None or i.start_on < known.start_on:
                    firsts[i.course] = i
            cache["firsts"] = firsts
            for name, attribute in _DATED.items():
                by_month: dict[dt.date, list] = defaultdict(list)
                for record in getattr(self, name):
                    by_month[month_start(getattr(record, attribute))].append(record)
                cache[name] = by_month
            self._cache = cache
        return self._cache


def _spread(records, begins: str, ends: str, first: int, last: int) -> dict[int, list]:
    """{month index: the records running at some time in that month}, for the months first..last."""
    by_month: dict[int, list] = defaultdict(list)
    for record in records:
        ended = getattr(record, ends)
        for k in range(max(first, _month_index(getattr(record, begins))),
                       (last if ended is None else min(last, _month_index(ended))) + 1):
            by_month[k].append(record)
    return by_month


_DATED = {"exits": "exit_date", "sessions": "date", "agenda_items": "created_on", "events": "held_on",
          "placements": "confirmed_on", "devising_meetings": "held_on"}


def collect(municipalities, first_month: dt.date, last_month: dt.date) -> dict[int, Records]:
    """Every source for these municipalities from ``first_month`` to the end of ``last_month``: one query
    per source (plus one for the municipalities and one for the team)."""
    ids = [m.pk if isinstance(m, Municipality) else int(m) for m in municipalities]
    start, end = month_start(first_month), month_end(last_month)
    out = {m.pk: Records(phase=m.phase, caseload_norm=m.caseload_norm(), span=(start, end))
           for m in Municipality.objects.filter(pk__in=ids)}
    for name, rows in _sources(list(out), start, end):
        for municipality_id, record in rows:
            if municipality_id in out:
                getattr(out[municipality_id], name).append(record)
    for municipality_id, n in _consultants(list(out)).items():
        out[municipality_id].consultants = n
    return out


def _sources(ids, start, end):
    yield "courses", _courses(ids, start, end)
    yield "internships", _internships(ids, start, end)
    yield "exits", _exits(ids, start, end)
    yield "sessions", _sessions(ids, start, end)
    yield "agenda_items", _agenda_items(ids, start, end)
    yield "events", _events(ids, start, end)
    yield "placements", _placements(ids, start, end)
    yield "devising_meetings", _devising_meetings(ids, start, end)


def _courses(ids, start, end):
    rows = (Course.objects.filter(municipality_id__in=ids, person__merged_into=None, started_on__isnull=False,
                                  started_on__lte=end)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
            .values_list("id", "municipality_id", "started_on", "ended_on", "person__referral_source"))
    return [(m, fidelity.Course(str(pk), started, ended, source)) for pk, m, started, ended, source in rows]


def _internships(ids, start, end):
    # Earlier internships of the courses still open count too: the first one decides "days from course start
    # to first internship". Internships of courses that ended before the range cannot matter.
    rows = (Internship.objects.filter(municipality_id__in=ids, start_on__lte=end).exclude(status="planned")
            .filter(Q(course__ended_on__isnull=True) | Q(course__ended_on__gte=start) | Q(ended_on__gte=start))
            .values_list("id", "municipality_id", "course_id", "start_on", "ended_on", "wished_on", "paid_hours",
                         "initiative"))
    return [(m, fidelity.Internship(str(pk), str(course), start_on, ended_on, wished_on, paid, initiative))
            for pk, m, course, start_on, ended_on, wished_on, paid, initiative in rows]


def _exits(ids, start, end):
    rows = (Exit.objects.filter(course__municipality_id__in=ids, exit_date__range=(start, end))
            .values_list("id", "course__municipality_id", "course_id", "exit_type", "exit_date"))
    return [(m, fidelity.Exit(str(pk), str(course), kind, day)) for pk, m, course, kind, day in rows]


def _observation_model():
    """groups.SessionObservation, once helper G's model exists; until then the note is absent."""
    try:
        return apps.get_model("groups", "SessionObservation")
    except LookupError:
        return None


def _sessions(ids, start, end):
    sessions = Session.objects.filter(group__municipality_id__in=ids, date__range=(start, end), status="held")
    fields = ["id", "group__municipality_id", "group_id", "date", "came", "expected"]
    model = _observation_model()
    if model is not None:
        fields.append(f"{model._meta.get_field('session').related_query_name()}__took_part")
    rows = (sessions.annotate(came=Count("attendance", filter=Q(attendance__status__in=ATTENDED)),
                              expected=Count("attendance"))
            .values_list(*fields))
    return [(row[1], fidelity.Session(str(row[0]), str(row[2]), row[3], row[4], row[5],
                                      (row[6] or None) if len(row) > 6 else None)) for row in rows]


def _aware(day: dt.date, *, end: bool = False) -> dt.datetime:
    moment = dt.datetime.combine(day, dt.time.max if end else dt.time.min)
    return timezone.make_aware(moment)


def _agenda_items(ids, start, end):
    # The local day is worked out by the database (TruncDate in the current time zone), not row by row here.
    rows = (AgendaItem.objects.filter(group__municipality_id__in=ids,
                                      created_at__range=(_aware(start), _aware(end, end=True)))
            .annotate(day=TruncDate("created_at"))
            .values_list("id", "group__municipality_id", "day", "proposed_by_member_id"))
    return [(m, fidelity.AgendaItem(str(pk), day, member is not None)) for pk, m, day, member in rows]


def _events(ids, start, end):
    rows = (MatchEvent.objects.filter(municipality_id__in=ids, held_on__range=(start, end), kind="event",
                                      status__in=("held", "allocated"))
            .annotate(n_companies=Count("offers__company", distinct=True), n_offers=Count("offers", distinct=True),
                      n_came=Count("invitations", filter=Q(invitations__attended=True), distinct=True))
            .values_list("id", "municipality_id", "held_on", "n_companies", "n_offers", "n_came"))
    return [(m, fidelity.MatchEvent(str(pk), held, companies, offers, came))
            for pk, m, held, companies, offers, came in rows]


def _placements(ids, start, end):
    rows = (Placement.objects.filter(run__event__municipality_id__in=ids,
                                     run__confirmed_at__range=(_aware(start), _aware(end, end=True)))
            .annotate(day=TruncDate("run__confirmed_at"))
            .values_list("id", "run__event__municipality_id", "day", "rank"))
    return [(m, fidelity.Placement(str(pk), day, rank)) for pk, m, day, rank in rows]


def _devising_meetings(ids, start, end):
    rows = (DevisingMeeting.objects.filter(municipality_id__in=ids, held_on__range=(start, end))
            .values_list("id", "municipality_id", "held_on"))
    return [(m, fidelity.DevisingMeeting(str(pk), held)) for pk, m, held in rows]


def _consultants(ids) -> dict[int, int]:
    """Active youth consultants per municipality (the role may be a staff member's main or additional one)."""
    counts: dict[int, int] = defaultdict(int)
    for municipality_id, role, additional in (User.objects.filter(municipality_id__in=ids, is_active=True)
                                              .values_list("municipality_id", "role", "additional_roles")):
        if role == Role.YOUTH_CONSULTANT or Role.YOUTH_CONSULTANT in (additional or []):
            counts[municipality_id] += 1
    return counts
