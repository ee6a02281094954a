"""Every fidelity indicator, defined once: its words, its target and thresholds, and its computation.

Each computation is a function of :class:`Inputs` (one municipality, one period) returning a :class:`Figure`
with the value, the counts behind it and the ids of the records behind it (the drill-down)."""

from __future__ import annotations

from statistics import median

from .model import Figure, Indicator, Inputs, Principle, Thresholds, _

PRINCIPLES = (
    Principle("work_identity", _("Work identity"), _(
        "Young people build an identity as someone who can work through real work experience in companies, "
        "and share it with each other every week.")),
    Principle("many_to_many", _("Many to many"), _(
        "Young people meet each other in network groups, and many young people meet many companies at "
        "match events.")),
    Principle("power_shift", _("Power shift"), _(
        "The young people make the choices: which companies, how many hours, when to switch or stop, what "
        "the network group talks about.")),
    Principle("team", _("Team"), _(
        "The team has the room to work by the principles: a caseload within the norm and regular devising "
        "meetings.")),
)

JOB_OR_EDUCATION = frozenset({"job", "flex_job", "education_su", "education_no_su"})
TURNOUT_MIN, TURNOUT_MAX = 8, 12


def _share(hits: list, of: list) -> Figure:
    ids = tuple(sorted(r.id for r in of))
    if not of:
        return Figure(None, 0, 0, ids)
    return Figure(len(hits) / len(of), len(hits), len(of), ids)


# --- work identity --------------------------------------------------------------------------------------------


def days_wish_to_start(inputs: Inputs) -> Figure:
    """Median days from the wish to the start, over internships that started in the period after a wish."""
    rows = [i for i in inputs.internships if inputs.within(i.start_on) and i.wished_on is not None]
    if not rows:
        return Figure(None, 0, 0)
    return Figure(float(median((i.start_on - i.wished_on).days for i in rows)), len(rows), len(rows),
                  tuple(sorted(i.id for i in rows)))


def days_to_first_internship(inputs: Inputs) -> Figure:
    """Median days from course start to the first internship, over courses whose first began in the period."""
    first: dict[str, object] = {}
    for i in inputs.internships:
        if i.course not in first or i.start_on < first[i.course].start_on:
            first[i.course] = i
    started = {c.id: c.started_on for c in inputs.courses if c.started_on is not None}
    rows = [i for c, i in first.items() if c in started and inputs.within(i.start_on)]
    if not rows:
        return Figure(None, 0, 0)
    days = [max(0, (i.start_on - started[i.course]).days) for i in rows]
    return Figure(float(median(days)), len(rows), len(rows), tuple(sorted(i.course for i in rows)))


def share_in_work_experience(inputs: Inputs) -> Figure:
    """Share of the young people active on the period's last day who are in an internship or paid hours."""
    active = [c for c in inputs.courses if c.active_on(inputs.end)]
    working = {i.course for i in inputs.internships if i.running_on(inputs.end)}
    return _share([c for c in active if c.id in working], active)


def internship_weeks_per_person(inputs: Inputs) -> Figure:
    """Weeks in internships within the period per young person active at some time in the period."""
    active = [c for c in inputs.courses if c.active_during(inputs.start, inputs.end)]
    ids = {c.id for c in active}
    days = sum(i.days_within(inputs.start, inputs.end) for i in inputs.internships if i.course in ids)
    if not active:
        return Figure(None, 0, 0)
    return Figure(days / 7 / len(active), None, len(active), tuple(sorted(ids)))


def exits_to_job_or_education(inputs: Inputs) -> Figure:
    """Share of the exits in the period that went to a job, flex-job or education. Paid hours alone are not
    a job: an exit recorded as paid hours counts as an exit, but not to a job or education."""
    exits = [e for e in inputs.exits if inputs.within(e.exit_date)]
    return _share([e for e in exits if e.exit_type in JOB_OR_EDUCATION], exits)


# --- many to many ---------------------------------------------------------------------------------------------


def _sessions(inputs: Inputs):
    return [s for s in inputs.sessions if inputs.within(s.date)]


def group_attendance(inputs: Inputs) -> Figure:
    """Share of expected attendances at held network group sessions where the young person came."""
    sessions = [s for s in _sessions(inputs) if s.expected > 0]
    came, expected = sum(s.attended for s in sessions), sum(s.expected for s in sessions)
    if not expected:
        return Figure(None, 0, 0)
    return Figure(came / expected, came, expected, tuple(sorted(s.id for s in sessions)))


def groups_took_part(inputs: Inputs) -> Figure:
    """Share of the observed sessions where the facilitators noted that most of the young people took part."""
    observed = [s for s in _sessions(inputs) if s.took_part]
    return _share([s for s in observed if s.took_part == "most"], observed)


def turnout_in_range(inputs: Inputs) -> Figure:
    """Share of held sessions where 8 to 12 young people came."""
    sessions = _sessions(inputs)
    return _share([s for s in sessions if TURNOUT_MIN <= s.attended <= TURNOUT_MAX], sessions)


def _events(inputs: Inputs):
    return [e for e in inputs.events if inputs.within(e.held_on)]


def match_events_held(inputs: Inputs) -> Figure:
    """Match events held in the period."""
    events = _events(inputs)
    return Figure(float(len(events)), len(events), None, tuple(sorted(e.id for e in events)))


def companies_per_event(inputs: Inputs) -> Figure:
    """Average number of companies at the match events held in the period."""
    events = _events(inputs)
    if not events:
        return Figure(None, 0, 0)
    companies = sum(e.companies for e in events)
    return Figure(companies / len(events), companies, len(events), tuple(sorted(e.id for e in events)))


def offers_per_attendee(inputs: Inputs) -> Figure:
    """Open offers at the match events per young person who came: is there a real choice?"""
    events = [e for e in _events(inputs) if e.attended > 0]
    offers, came = sum(e.open_offers for e in events), sum(e.attended for e in events)
    if not came:
        return Figure(None, 0, 0)
    return Figure(offers / came, offers, came, tuple(sorted(e.id for e in events)))


# --- power shift ----------------------------------------------------------------------------------------------


def _placements(inputs: Inputs):
    return [p for p in inputs.placements if inputs.within(p.confirmed_on)]


def first_wish(inputs: Inputs) -> Figure:
    """Share of placements confirmed in the period that were the young person's first wish."""
    placed = _placements(inputs)
    return _share([p for p in placed if p.rank == 1], placed)


def top3_wish(inputs: Inputs) -> Figure:
    """Share of placements confirmed in the period that were among the young person's three first wishes."""
    placed = _placements(inputs)
    return _share([p for p in placed if p.rank is not None and p.rank <= 3], placed)


def agenda_by_young_people(inputs: Inputs) -> Figure:
    """Share of network group agenda items added in the period that young people proposed."""
    items = [a for a in inputs.agenda_items if inputs.within(a.created_on)]
    return _share([a for a in items if a.by_young_person], items)


def ended_on_own_initiative(inputs: Inputs) -> Figure:
    """Share of internships ended in the period where the young person took the initiative to end it."""
    ended = [i for i in inputs.internships if inputs.within(i.ended_on)]
    return _share([i for i in ended if i.initiative == "young_person"], ended)


def voluntary_entries(inputs: Inputs) -> Figure:
    """Share of courses started in the period where the young person came on their own initiative."""
    started = [c for c in inputs.courses if inputs.within(c.started_on)]
    return _share([c for c in started if c.referral_source == "self"], started)


# --- team -----------------------------------------------------------------------------------------------------


def caseload_per_consultant(inputs: Inputs) -> Figure:
    """Young people active on the period's last day per youth consultant."""
    active = [c for c in inputs.courses if c.active_on(inputs.end)]
    if not inputs.consultants:
        return Figure(None, len(active), 0, tuple(sorted(c.id for c in active)))
    return Figure(len(active) / inputs.consultants, len(active), inputs.consultants,
                  tuple(sorted(c.id for c in active)))


def devising_meetings_held(inputs: Inputs) -> Figure:
    """Devising meetings held in the period."""
    meetings = [m for m in inputs.devising_meetings if inputs.within(m.held_on)]
    return Figure(float(len(meetings)), len(meetings), None, tuple(sorted(m.id for m in meetings)))


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "days_wish_to_start", _("Days from wish to internship start"), "work_identity",
        _("For internships that started this month after the young person wished for them: the median number "
          "of days from the wish to the first day. The promise is a start within two weeks."),
        "days", "lower", 14, Thresholds(14, 21), days_wish_to_start, "internship"),
    Indicator(
        "days_to_first_internship", _("Days from course start to first internship"), "work_identity",
        _("For young people whose first internship started this month: the median number of days from the "
          "start of their course to the first day of that internship."),
        "days", "lower", 30, Thresholds(30, 60), days_to_first_internship, "course"),
    Indicator(
        "share_in_work_experience", _("Young people in an internship or paid hours"), "work_identity",
        _("Of the young people with an active course on the last day of the month: the share who are in an "
          "internship or paid hours that day."),
        "share", "higher", 0.6, Thresholds(0.5, 0.3), share_in_work_experience, "course"),
    Indicator(
        "internship_weeks_per_person", _("Internship weeks per young person"), "work_identity",
        _("Weeks spent in internships or paid hours during the month, divided by the young people with an "
          "active course at some time in the month."),
        "weeks", "higher", 2.5, Thresholds(2.0, 1.0), internship_weeks_per_person, "course"),
    Indicator(
        "exits_to_job_or_education", _("Exits to a job or education"), "work_identity",
        _("Of the courses that ended this month: the share that ended in an ordinary job, a flex-job or "
          "education. Paid hours alone are not counted as a job."),
        "share", "higher", 0.5, Thresholds(0.5, 0.3), exits_to_job_or_education, "exit"),
    Indicator(
        "group_attendance", _("Network group attendance"), "many_to_many",
        _("Of the members expected at the network group sessions held this month: the share who came "
          "(present or late)."),
        "share", "higher", 0.75, Thresholds(0.7, 0.5), group_attendance, "session"),
    Indicator(
        "groups_took_part", _("Sessions where most took part"), "many_to_many",
        _("Of the sessions the facilitators noted on this month: the share where they noted that most of the "
          "young people took part in the conversation (not just sat there)."),
        "share", "higher", 0.7, Thresholds(0.6, 0.4), groups_took_part, "session", people=False),
    Indicator(
        "turnout_in_range", _("Sessions with 8-12 young people"), "many_to_many",
        _("Of the network group sessions held this month: the share where 8 to 12 young people came, the "
          "size where a group carries a conversation."),
        "share", "higher", 0.75, Thresholds(0.6, 0.4), turnout_in_range, "session", people=False),
    Indicator(
        "match_events_held", _("Match events held"), "many_to_many",
        _("Match events held this month. The rhythm is one a month."),
        "count", "higher", 1, Thresholds(1, 1), match_events_held, "event", people=False),
    Indicator(
        "companies_per_event", _("Companies per match event"), "many_to_many",
        _("The average number of companies with an offer at the match events held this month."),
        "count", "higher", 6, Thresholds(6, 4), companies_per_event, "event", people=False),
    Indicator(
        "offers_per_attendee", _("Open offers per young person at events"), "many_to_many",
        _("Open internship offers at this month's match events divided by the young people who came: above "
          "one, every young person has a real choice."),
        "ratio", "higher", 1.5, Thresholds(1.5, 1.0), offers_per_attendee, "event"),
    Indicator(
        "first_wish", _("Placements that were the first wish"), "power_shift",
        _("Of the placements confirmed this month after match events: the share that were the young person's "
          "first wish."),
        "share", "higher", 0.6, Thresholds(0.6, 0.4), first_wish, "placement"),
    Indicator(
        "top3_wish", _("Placements among the three first wishes"), "power_shift",
        _("Of the placements confirmed this month after match events: the share that were among the young "
          "person's three first wishes."),
        "share", "higher", 0.9, Thresholds(0.85, 0.7), top3_wish, "placement"),
    Indicator(
        "agenda_by_young_people", _("Agenda items proposed by young people"), "power_shift",
        _("Of the topics added to the network groups' agendas this month: the share proposed by young people "
          "rather than staff."),
        "share", "higher", 0.6, Thresholds(0.5, 0.3), agenda_by_young_people, "agenda_item"),
    Indicator(
        "ended_on_own_initiative", _("Internships ended on the young person's initiative"), "power_shift",
        _("Of the internships that ended this month: the share the young person chose to end (to switch or "
          "stop). Young people who decide when to move on are using their power."),
        "share", "higher", 0.3, Thresholds(0.25, 0.1), ended_on_own_initiative, "internship"),
    Indicator(
        "voluntary_entries", _("Voluntary entries"), "power_shift",
        _("In the operations phase: of the courses started this month, the share where the young person chose "
          "NExTWORK on their own initiative."),
        "share", "higher", 0.4, Thresholds(0.3, 0.15), voluntary_entries, "course",
        phases=("operations",)),
    Indicator(
        "caseload_per_consultant", _("Caseload per consultant"), "team",
        _("Young people with an active course on the last day of the month per youth consultant, against "
          "the municipality's caseload norm (15 to start, 20-22 once routines exist)."),
        "ratio", "lower", 1, Thresholds(1.0, 1.15, relative_to="caseload_norm"), caseload_per_consultant,
        "course", counted="numerator"),
    Indicator(
        "devising_meetings_held", _("Devising meetings held"), "team",
        _("Devising meetings held this month, where the team develops the work inside the principles."),
        "count", "higher", 2, Thresholds(2, 1), devising_meetings_held, "devising_meeting", people=False),
)

_BY_KEY = {i.key: i for i in INDICATORS}
_PRINCIPLES_BY_KEY = {p.key: p for p in PRINCIPLES}


def indicator(key: str) -> Indicator:
    """The indicator with this key; KeyError naming the known keys otherwise."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown indicator {key!r} (known: {', '.join(_BY_KEY)})") from None


def principle(key: str) -> Principle:
    try:
        return _PRINCIPLES_BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown principle {key!r} (known: {', '.join(_PRINCIPLES_BY_KEY)})") from None
