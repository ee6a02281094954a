"""Fetching groups, sessions, memberships and the names they show, for staff. The shape of
`nextwork.core.access`: a role without the permission gets a "denied" row and 403, an id outside the user's
municipality a "denied" row and 404; every page or list that shows young people's names writes one audit
row here ("view" for one record, "list" with the count of names shown). Views write no audit rows.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from nextwork.core.access import not_found, record_list, record_read, require_or_refuse
from nextwork.core.permissions import can
from nextwork.people.models import YoungPerson

from . import health, selectors, suggestion
from .choices import SessionStatus
from .models import Membership, NetworkGroup, Session


def _people(user) -> QuerySet:
    return YoungPerson.objects.filter(municipality_id=user.municipality_id, merged_into__isnull=True)


def _named(*lists) -> int:
    """How many different young people a page names, over memberships and agenda items."""
    ids = set()
    for items in lists:
        for item in items:
            membership = getattr(item, "proposed_by_member", item)
            if membership is not None:
                ids.add(membership.person_id)
    return len(ids)


# Groups
def groups_for(user, *, action: str = "group.view") -> QuerySet:
    """The municipality's groups (names of groups, no names of young people: no read row)."""
    require_or_refuse(user, action, object_type="network_group")
    return NetworkGroup.objects.filter(municipality_id=user.municipality_id)


def _group(user, group_id, action: str) -> NetworkGroup:
    require_or_refuse(user, action, object_type="network_group", object_id=group_id)
    group = NetworkGroup.objects.filter(pk=group_id, municipality_id=user.municipality_id).first()
    if group is None:
        not_found(user, action, object_type="network_group", object_id=group_id)
    return group


def access_group_by_id(user, group_id, *, action: str = "group.view") -> NetworkGroup:
    """One group, for a form or a change; the change itself is logged by the service that makes it."""
    group = _group(user, group_id, action)
    record_read(user, object_type="network_group", object_id=group.pk, municipality_id=group.municipality_id,
                summary=action)
    return group


@dataclass(frozen=True)
class GroupPage:
    group: NetworkGroup
    members: list[Membership]
    former: list[Membership]
    agenda: list
    health: health.Health


def group_page(user, group_id, *, today: dt.date) -> GroupPage:
    """The group's page: members, former members, topic proposers and members to follow up, by name."""
    group = _group(user, group_id, "group.view")
    page = GroupPage(group=group, members=selectors.group_members(group, on=today),
                     former=selectors.group_former_members(group, on=today),
                     agenda=selectors.ranked_agenda(group, today=today),
                     health=health.group_health([group], today=today)[group.pk])
    record_list(user, object_type="network_group", summary=f"group {group.pk}: members and topics",
                count=_named(page.members, page.former, page.agenda, page.health.follow_up))
    return page


def group_health_page(user, group_id, *, today: dt.date, months: int = 12) -> health.Health:
    """The group's health over time; it names the members to follow up."""
    group = _group(user, group_id, "group.view")
    figures = health.group_health([group], today=today, months=months)[group.pk]
    record_list(user, object_type="network_group", summary=f"group {group.pk}: members to follow up",
                count=len(figures.follow_up))
    return figures


def group_memberships(user, group_id) -> tuple[NetworkGroup, list[Membership]]:
    """Every membership of the group, current and former, with names (the API)."""
    group = _group(user, group_id, "group.view")
    found = list(group.memberships.select_related("person").order_by("-joined_on", "pk"))
    record_list(user, object_type="network_group", summary=f"group {group.pk}: memberships",
                count=_named(found))
    return group, found


# Young people to place
def people_to_place(user) -> QuerySet:
    """The young people a member can be chosen from (checking a posted choice; nothing is shown)."""
    require_or_refuse(user, "group.manage", object_type="young_person")
    require_or_refuse(user, "person.view", object_type="young_person")
    return _people(user)


def add_member_choices(user, group: NetworkGroup, *, today: dt.date) -> list[YoungPerson] | None:
    """The add-member drop-down on a group page: young people with an open course and no group. None for a
    role that may not place young people."""
    if not (can(user, "group.manage") and can(user, "person.view")):
        return None
    people = list(selectors.unplaced_people(_people(user), today=today))
    record_list(user, object_type="young_person", summary=f"group {group.pk}: add-member drop-down",
                count=len(people))
    return people


def _person(user, person_id, action: str) -> YoungPerson:
    require_or_refuse(user, action, object_type="young_person", object_id=person_id)
    person = _people(user).filter(pk=person_id).first()
    if person is None:
        not_found(user, action, object_type="young_person", object_id=person_id)
    return person


def access_person_by_id(user, person_id, *, action: str) -> YoungPerson:
    """A young person for a group page (suggestion, personal link) or to place them: a read."""
    person = _person(user, person_id, action)
    record_read(user, object_type="young_person", object_id=person.pk, municipality_id=person.municipality_id,
                summary=action)
    return person


@dataclass(frozen=True)
class SuggestionPage:
    person: YoungPerson
    current: Membership | None
    suggestions: list


def group_suggestion(user, person_id, *, today: dt.date) -> SuggestionPage:
    """The group suggestion for a young person. The mix reads the profiles of the candidate groups' members:
    that read is audited with its count."""
    person = access_person_by_id(user, person_id, action="group.manage")
    current = selectors.active_memberships(today).filter(person=person).select_related("group").first()
    candidates = groups_for(user, action="group.manage")
    if current is not None:
        candidates = candidates.exclude(pk=current.group_id)
    found = suggestion.load_candidates(person=person, groups=candidates, today=today)
    record_read(user, object_type="young_person", object_id="", municipality_id=user.municipality_id,
                action="list", summary=f"group suggestion for young person {person.pk}: group members' "
                                       f"profiles read for the mix ({found.members_read} read)")
    return SuggestionPage(person=person, current=current, suggestions=suggestion.rank_groups(
        person=person, profile=found.profile, candidates=found.groups))


# Sessions
def _session(user, session_id, action: str) -> Session:
    require_or_refuse(user, action, object_type="group_session", object_id=session_id)
    session = (Session.objects.select_related("group")
               .filter(pk=session_id, group__municipality_id=user.municipality_id).first())
    if session is None:
        not_found(user, action, object_type="group_session", object_id=session_id)
    return session


def access_session_by_id(user, session_id, *, action: str = "group.view") -> Session:
    """One session, to change it or record attendance; the change is logged by the service."""
    session = _session(user, session_id, action)
    record_read(user, object_type="group_session", object_id=session.pk,
                municipality_id=session.group.municipality_id, summary=action)
    return session


@dataclass(frozen=True)
class SessionPage:
    session: Session
    rows: list[selectors.AttendanceRow]
    agenda: list


def session_page(user, session_id) -> SessionPage:
    """The session's page: the attendance list by name (for roles that take attendance, unless the session
    is cancelled) and its topics with the first names of members who proposed them."""
    session = _session(user, session_id, "group.view")
    shows_rows = can(user, "group.take_attendance") and session.status != SessionStatus.CANCELLED
    page = SessionPage(session=session, rows=selectors.session_attendance_rows(session) if shows_rows else [],
                       agenda=selectors.ranked_agenda(session.group, session=session))
    record_list(user, object_type="group_session", summary=f"session {session.pk}: attendance and topics",
                count=_named([row.membership for row in page.rows], page.agenda))
    return page


def session_attendance(user, session_id) -> tuple[Session, list[selectors.AttendanceRow]]:
    """Every member on the session's date with their attendance (the API: person ids, no names)."""
    session = _session(user, session_id, "group.view")
    rows = selectors.session_attendance_rows(session)
    record_list(user, object_type="group_session", summary=f"session {session.pk}: attendance",
                count=len(rows))
    return session, rows


def access_session_member(user, session_id, membership_id, *, action: str = "group.take_attendance",
                          ) -> tuple[Session, Membership]:
    """A session and one member of its group, to record their attendance (their row shows their name)."""
    session = _session(user, session_id, action)
    membership = (Membership.objects.select_related("person")
                  .filter(pk=membership_id, group_id=session.group_id, person__merged_into__isnull=True).first())
    if membership is None:
        not_found(user, action, object_type="young_person", object_id=f"membership {membership_id}")
    record_read(user, object_type="young_person", object_id=membership.person_id,
                municipality_id=session.group.municipality_id, summary=f"{action}: session {session.pk}")
    return session, membership


# Memberships
def access_membership_by_id(user, membership_id, *, action: str = "group.manage") -> Membership:
    """One membership (the member page, or a move, end or sharing change): a read of the young person."""
    require_or_refuse(user, action, object_type="young_person", object_id=f"membership {membership_id}")
    membership = (Membership.objects.select_related("group", "person")
                  .filter(pk=membership_id, group__municipality_id=user.municipality_id,
                          person__merged_into__isnull=True).first())
    if membership is None:
        not_found(user, action, object_type="young_person", object_id=f"membership {membership_id}")
    record_read(user, object_type="young_person", object_id=membership.person_id,
                municipality_id=membership.group.municipality_id, summary=action)
    return membership
