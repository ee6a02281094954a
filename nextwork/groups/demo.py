"""Demo data for network groups, called by nextwork.demo.builder after the young people exist.

Each municipality gets about one group per ten young people in an open course, with a history of weekly
sessions: some groups thrive (high turnout, the young people propose most topics), some struggle (low
turnout, staff-driven agendas). Everything is bulk-created; the national scale keeps a shorter history."""

import datetime as dt
import math

from nextwork.people.choices import CourseStatus

from . import demo_group_life as group_life
from .choices import AttendanceStatus, CheckInMethod, LeaveReason, SessionStatus
from .models import AgendaItem, AgendaVote, Attendance, Membership, NetworkGroup, Session
from .services.sessions import schedule_dates

HISTORY_WEEKS = {"small": 26, "municipality": 26, "national": 8}
WEEKDAYS = ("mon", "tue", "wed", "thu")
DAY_NAMES = {"mon": "Mandagsgruppen", "tue": "Tirsdagsgruppen", "wed": "Onsdagsgruppen", "thu": "Torsdagsgruppen"}
PLACES = ("Ungehuset, mødelokale 2", "Biblioteket, første sal", "Jobcentret, lokale 4", "Kulturværftet, caféen")
# (name, chance a member comes, chance a topic comes from a young person, members as share of the target)
PROFILES = (("thriving", 0.88, 0.75, 1.0), ("struggling", 0.42, 0.2, 0.6), ("steady", 0.7, 0.5, 0.9))
TOPICS = (
    "Hvordan siger man nej til flere timer?", "Første uge i praktik: hvad gik godt?", "Når man er bange for at "
    "ringe til virksomheden", "Løntimer og kontanthjælp: hvordan hænger det sammen?", "Hvordan fortæller man om "
    "huller i CV'et?", "Vi vil gerne have besøg af en virksomhed", "Stress og søvn", "Hvad gør man, hvis "
    "praktikken ikke er det, man troede?", "Matcheventet i næste måned", "Transport til praktikstedet",
    "Hvordan beder man om mere ansvar?", "Fællesspisning i gruppen", "Jobsamtaler: øvelse i par",
    "Hvordan holder man fast, når motivationen daler?", "SU og uddannelse: hvad er mulighederne?",
)
NOTES = ("God energi, alle kom til orde.", "Stille gang; mange telefoner fremme.", "Lang runde om praktik.",
         "To nye medlemmer blev godt modtaget.", "Snak om matchevent og ønsker.", "")


def build(context) -> None:
    """`context` is a nextwork.demo.builder.DemoContext."""
    weeks = HISTORY_WEEKS.get(context.scale_name, 8)
    for municipality_demo in context.municipalities:
        _municipality(context, municipality_demo, weeks)


def _municipality(context, demo, weeks: int) -> None:
    rng, today = context.random, context.today
    courses = [c for c in demo.courses if c.started_on is not None]
    open_courses = [c for c in courses if c.status != CourseStatus.ENDED]
    if not open_courses:
        return
    start = today - dt.timedelta(weeks=weeks)
    count = max(2, math.ceil(len(open_courses) / 10))
    facilitators = demo.team["consultants"]
    groups = []
    for index in range(count):
        weekday = WEEKDAYS[index % len(WEEKDAYS)]
        name = DAY_NAMES[weekday] + (f" {index // len(WEEKDAYS) + 1}" if index >= len(WEEKDAYS) else "")
        groups.append(NetworkGroup(
            municipality=demo.municipality, name=name, weekday=weekday, starts_at=dt.time(10 if index % 2 else 13),
            ends_at=dt.time(12 if index % 2 else 15), place=PLACES[index % len(PLACES)],
            active_from=start - dt.timedelta(days=rng.randrange(0, 60))))
    NetworkGroup.objects.bulk_create(groups)
    facilitators_of = {group.pk: list(dict.fromkeys((facilitators[index % len(facilitators)],
                                                     facilitators[(index + 1) % len(facilitators)])))
                       for index, group in enumerate(groups)}
    through = NetworkGroup.facilitators.through
    through.objects.bulk_create([through(networkgroup_id=pk, user_id=user.pk)
                                 for pk, users in facilitators_of.items() for user in users])
    profile_of = {group.pk: PROFILES[index % len(PROFILES)] for index, group in enumerate(groups)}

    sessions = []
    for group in groups:
        for day in schedule_dates(group=group, start=start, until=today + dt.timedelta(weeks=8)):
            past = day < today
            cancelled = past and rng.random() < 0.05
            sessions.append(Session(
                group=group, date=day, starts_at=group.starts_at,
                status=SessionStatus.CANCELLED if cancelled else SessionStatus.HELD if past else SessionStatus.PLANNED,
                check_in_method=rng.choice(CheckInMethod.values) if past and not cancelled else "",
                notes=rng.choice(NOTES) if past and not cancelled else ""))
    Session.objects.bulk_create(sessions, batch_size=5000)

    memberships = _memberships(context, groups, profile_of, courses, start)
    Membership.objects.bulk_create(memberships, batch_size=5000)
    by_group: dict[int, list[Membership]] = {group.pk: [] for group in groups}
    for membership in memberships:
        by_group[membership.group_id].append(membership)

    attendance, items, votes = [], [], []
    for session in sessions:
        members = [m for m in by_group[session.group_id]
                   if m.joined_on <= session.date and (m.left_on is None or session.date < m.left_on)]
        _name, turnout, youth_share, _size = profile_of[session.group_id]
        if session.status == SessionStatus.HELD:
            for membership in members:
                attendance.append(Attendance(session=session, membership=membership,
                                             status=_status(rng, turnout * membership.propensity)))
        if session.status == SessionStatus.CANCELLED or not members:
            continue
        if session.date >= today and session.date > today + dt.timedelta(days=7):
            continue
        for _ in range(rng.randrange(1, 4)):
            by_member = rng.random() < youth_share
            item = AgendaItem(group_id=session.group_id, session=session, title=rng.choice(TOPICS),
                              proposed_by_member=rng.choice(members) if by_member else None,
                              proposed_by_staff=None if by_member else rng.choice(facilitators_of[session.group_id]))
            items.append(item)
    Attendance.objects.bulk_create(attendance, batch_size=5000)
    AgendaItem.objects.bulk_create(items, batch_size=5000)
    for item in items:
        members = by_group[item.group_id]
        for voter in rng.sample(members, k=min(len(members), rng.randrange(0, 6))):
            if voter.joined_on <= item.session.date and (voter.left_on is None or item.session.date < voter.left_on):
                votes.append(AgendaVote(item=item, membership=voter))
    AgendaVote.objects.bulk_create(votes, batch_size=5000, ignore_conflicts=True)
    group_life.build_municipality(demo=demo, today=today, groups=groups, profile_of=profile_of, sessions=sessions,
                                  attendance=attendance, facilitators_of=facilitators_of,
                                  members_of=by_group)


def _status(rng, chance: float) -> str:
    roll = rng.random()
    if roll < chance * 0.9:
        return AttendanceStatus.PRESENT
    if roll < chance:
        return AttendanceStatus.LATE
    return AttendanceStatus.ABSENT_WITH_NOTICE if rng.random() < 0.4 else AttendanceStatus.ABSENT


def _memberships(context, groups, profile_of, courses, start) -> list[Membership]:
    """Open courses fill the groups on a day the person can attend, up to each group's profile size;
    courses that ended during the history were members until their exit."""
    rng = context.random
    room = {group.pk: round(group.target_max * profile_of[group.pk][3]) for group in groups}
    result = []
    for course in sorted(courses, key=lambda c: c.started_on):
        ended = course.status == CourseStatus.ENDED
        if ended and (course.ended_on is None or course.ended_on <= start + dt.timedelta(weeks=2)):
            continue
        days = set(course.person.available_days)
        fitting = [g for g in groups if room[g.pk] > 0 and (not days or g.weekday in days)] or \
                  [g for g in groups if room[g.pk] > 0]
        if not fitting:
            continue
        group = rng.choice(fitting)
        if not ended:
            room[group.pk] -= 1
        joined = max(course.started_on, group.active_from)
        membership = Membership(group=group, person_id=course.person_id, joined_on=joined,
                                share_first_name=rng.random() < 0.6)
        if ended:
            membership.left_on = max(course.ended_on, joined + dt.timedelta(days=7))
            membership.leave_reason = LeaveReason.COURSE_ENDED
        membership.propensity = rng.uniform(0.7, 1.15)
        result.append(membership)
    return result
