"""Suggesting a network group for a young person who starts: a group with room, on a day they can attend,
whose mix they improve. Staff decide; the reasons are shown next to each suggestion.

Gender is the legal sex stored from the CPR number at registration, so no CPR number is decrypted. The
members' profiles are still personal data: `load_candidates` counts them for the audit row that
`access.group_suggestion` writes.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from nextwork.people.choices import CourseStatus, Weekday
from nextwork.people.models import Course, YoungPerson

from .models import Membership, NetworkGroup

NEW_IN_PROGRAMME_DAYS = 91
YOUNGER_THAN = 23


@dataclass(frozen=True)
class Profile:
    age: int
    experienced: bool
    gender: str  # "f", "m" or "" when unknown
    new_in_programme: bool


@dataclass(frozen=True)
class Suggestion:
    group: NetworkGroup
    score: float
    member_count: int
    reasons: tuple[str, ...]


def profile_of(person: YoungPerson, course: Course | None, today: dt.date) -> Profile:
    age = today.year - person.birth_date.year - ((today.month, today.day) < (person.birth_date.month,
                                                                           person.birth_date.day))
    started = course.started_on if course and course.started_on else today
    gender = {"female": "f", "male": "m"}.get(person.legal_sex, "")
    experienced = bool(person.work_history.strip()) or person.in_internship or person.in_employment
    return Profile(age=age, experienced=experienced, gender=gender,
                   new_in_programme=(today - started).days < NEW_IN_PROGRAMME_DAYS)


def _mix_reason(key) -> str:
    return {
        ("experienced", True): _("Brings work experience: %(same)s of %(total)s members have some."),
        ("experienced", False): _("Will meet members with work experience: %(other)s of %(total)s have some."),
        ("younger", True): _("Evens out the ages: %(same)s of %(total)s members are under 23."),
        ("younger", False): _("Evens out the ages: %(same)s of %(total)s members are 23 or older."),
        ("gender", "f"): _("Evens out the gender mix: %(same)s of %(total)s members are women."),
        ("gender", "m"): _("Evens out the gender mix: %(same)s of %(total)s members are men."),
        ("new", True): _("Evens out time in the programme: %(same)s of %(total)s members started less than "
                         "3 months ago."),
        ("new", False): _("Evens out time in the programme: %(same)s of %(total)s members have been in the "
                          "programme for 3 months or more."),
    }[key]


def _dimensions(profile: Profile) -> list[tuple[str, object]]:
    dims = [("experienced", profile.experienced), ("younger", profile.age < YOUNGER_THAN),
            ("new", profile.new_in_programme)]
    if profile.gender:
        dims.append(("gender", profile.gender))
    return dims


def _value(profile: Profile, dimension: str):
    return {"experienced": profile.experienced, "younger": profile.age < YOUNGER_THAN,
            "new": profile.new_in_programme, "gender": profile.gender}[dimension]


def rank_groups(*, person: YoungPerson, profile: Profile, candidates: list[tuple[NetworkGroup, list[Profile]]],
                ) -> list[Suggestion]:
    """Keeps the groups with room on a day the person can attend and orders them by how much the person
    improves their mix (ties: the group furthest below its target size first)."""
    days = set(person.available_days)
    suggestions = []
    for group, members in candidates:
        total = len(members)
        if total >= group.target_max or (days and group.weekday not in days):
            continue
        reasons = [_("Has room: %(count)s of %(max)s places are taken.") % {"count": total, "max": group.target_max}]
        if days:
            reasons.append(_("Meets on %(weekday)s, a day the young person can attend.")
                           % {"weekday": Weekday(group.weekday).label})
        else:
            reasons.append(_("No available days are recorded for the young person: check the weekday."))
        score = 0.0
        if total < group.target_min:
            score += 0.5
            reasons.append(_("Needs more members to reach its target of %(min)s.") % {"min": group.target_min})
        for dimension, value in _dimensions(profile):
            known = [m for m in members if dimension != "gender" or m.gender]
            if not known:
                continue
            same = sum(1 for m in known if _value(m, dimension) == value)
            if same * 2 < len(known):
                score += 1 - same / len(known)
                reasons.append(_mix_reason((dimension, value)) % {
                    "same": same, "other": len(known) - same, "total": len(known)})
        suggestions.append(Suggestion(group=group, score=round(score, 3), member_count=total,
                                      reasons=tuple(reasons)))
    suggestions.sort(key=lambda s: (-s.score, s.member_count - s.group.target_min, s.group.name))
    return suggestions


@dataclass(frozen=True)
class Candidates:
    profile: Profile
    groups: list[tuple[NetworkGroup, list[Profile]]]
    members_read: int  # other young people whose profile was read for the mix (to be audited)


def load_candidates(*, person: YoungPerson, groups, today: dt.date) -> Candidates:
    """The person's profile and the active candidate groups with their members' profiles, in three queries.
    The caller audits `members_read`."""
    groups = list(groups.filter(active_from__lte=today).exclude(active_until__lt=today))
    memberships = list(Membership.objects.filter(group__in=groups, joined_on__lte=today)
                       .exclude(left_on__lte=today).select_related("person").defer("person__cpr"))
    open_courses = {}
    person_ids = {m.person_id for m in memberships} | {person.pk}
    for course in Course.objects.filter(person_id__in=person_ids).exclude(status=CourseStatus.ENDED
                                                                           ).order_by("referred_on"):
        open_courses[course.person_id] = course
    members: dict[int, list[Profile]] = {group.pk: [] for group in groups}
    for membership in memberships:
        members[membership.group_id].append(profile_of(membership.person, open_courses.get(membership.person_id),
                                                       today))
    return Candidates(profile=profile_of(person, open_courses.get(person.pk), today),
                      groups=[(group, members[group.pk]) for group in groups],
                      members_read=len({m.person_id for m in memberships} - {person.pk}))


def suggest_groups(*, person: YoungPerson, groups, today: dt.date) -> list[Suggestion]:
    """Loads the candidates in three queries and ranks them (staff pages go through
    `access.group_suggestion`, which audits the profiles read)."""
    found = load_candidates(person=person, groups=groups, today=today)
    return rank_groups(person=person, profile=found.profile, candidates=found.groups)
