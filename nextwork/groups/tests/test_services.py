import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from nextwork.core.errors import DomainError
from nextwork.core.models import AuditEvent
from nextwork.groups.choices import SessionStatus
from nextwork.groups.models import Membership
from nextwork.groups.services import agenda, attendance, links, memberships, sessions
from nextwork.groups.services.groups import group_create

from .conftest import TODAY, past_sessions

pytestmark = pytest.mark.django_db


def test_sessions_skip_danish_public_holidays(make_group):
    # Easter Monday 2027 is 29 March, Whit Monday 17 May.
    group = make_group(active_from=dt.date(2027, 3, 1), active_until=dt.date(2027, 5, 31))
    dates = list(group.sessions.values_list("date", flat=True))
    assert dt.date(2027, 3, 22) in dates
    assert dt.date(2027, 3, 29) not in dates
    assert dt.date(2027, 5, 17) not in dates
    assert all(day.weekday() == 0 for day in dates)
    assert max(dates) <= dt.date(2027, 5, 31)


def test_planning_again_adds_nothing_and_respects_moved_sessions(group, consultant):
    count = group.sessions.count()
    session = group.sessions.filter(date__gt=TODAY).order_by("date").first()
    sessions.session_move(actor=consultant, session=session, date=session.date + dt.timedelta(days=1))
    assert sessions.sessions_generate(group=group, until=TODAY + dt.timedelta(weeks=12)) == []
    assert group.sessions.count() == count


def test_it_refuses_bad_group_input(consultant, other_team):
    base = {"actor": consultant, "name": "X", "weekday": "tue", "starts_at": dt.time(10), "place": "Her",
            "active_from": TODAY}
    with pytest.raises(DomainError) as error:
        group_create(**base, ends_at=dt.time(9), facilitators=[consultant])
    assert error.value.field == "ends_at"
    with pytest.raises(DomainError) as error:
        group_create(**base, ends_at=dt.time(12), facilitators=[other_team["youth_consultant"]])
    assert error.value.field == "facilitators"
    with pytest.raises(DomainError) as error:
        group_create(**base, ends_at=dt.time(12), facilitators=[consultant], target_min=13, target_max=12)
    assert error.value.field == "target_min"


def test_moving_keeps_the_history(group, make_group, members, consultant):
    other = make_group(name="Torsdagsgruppen", weekday="thu")
    new = memberships.membership_move(actor=consultant, membership=members[0], group=other, on=TODAY)
    old = Membership.objects.get(pk=members[0].pk)
    assert old.left_on == TODAY and old.leave_reason == "moved"
    assert new.group == other and new.left_on is None
    assert Membership.objects.filter(person=members[0].person).count() == 2


def test_a_person_is_in_one_group_at_a_time_and_groups_fill_up(make_group, make_person, consultant, members):
    with pytest.raises(DomainError, match="already in a group"):
        memberships.membership_add(actor=consultant, group=members[0].group, person=members[0].person,
                                   joined_on=TODAY)
    small = make_group(name="Lille", target_min=1, target_max=1)
    memberships.membership_add(actor=consultant, group=small, person=make_person().person, joined_on=TODAY)
    with pytest.raises(DomainError, match="full"):
        memberships.membership_add(actor=consultant, group=small, person=make_person().person, joined_on=TODAY)


def test_attendance_only_for_members_on_the_session_date(group, members, make_person, consultant):
    first = past_sessions(group)[0]
    late_joiner = memberships.membership_add(actor=consultant, group=group,
                                             person=make_person(first_name="Sen").person, joined_on=TODAY)
    with pytest.raises(DomainError, match="not a member"):
        attendance.attendance_record(actor=consultant, session=first, membership=late_joiner, status="present")
    record = attendance.attendance_record(actor=consultant, session=first, membership=members[0], status="late")
    assert record.status == "late"
    first.refresh_from_db()
    assert first.status == SessionStatus.HELD


def test_future_sessions_take_no_attendance(group, members, consultant):
    coming = group.sessions.filter(date__gt=TODAY).first()
    with pytest.raises(DomainError):
        attendance.attendance_record(actor=consultant, session=coming, membership=members[0], status="present")


def test_changing_past_attendance_is_audit_logged(group, members, team_lead):
    session = past_sessions(group)[-1]
    before = AuditEvent.objects.filter(summary__startswith="attendance").count()
    attendance.attendance_record(actor=team_lead, session=session, membership=members[1], status="present")
    attendance.attendance_record(actor=team_lead, session=session, membership=members[1], status="absent")
    events = AuditEvent.objects.filter(summary__startswith="attendance").order_by("id")
    assert events.count() == before + 2
    assert events.last().summary.endswith("present -> absent")
    assert events.last().object_id == str(members[1].person_id)


def test_mark_rest_present_fills_only_the_gaps(group, members, consultant):
    session = past_sessions(group)[-1]
    attendance.attendance_record(actor=consultant, session=session, membership=members[0], status="absent")
    assert attendance.attendance_mark_rest_present(actor=consultant, session=session, memberships=members) == 3
    assert dict(session.attendance.values_list("membership_id", "status"))[members[0].pk] == "absent"


def test_sessions_can_be_moved_and_cancelled_but_not_once_held(group, members, consultant):
    coming = group.sessions.filter(date__gt=TODAY).order_by("date")
    first, second = coming[0], coming[1]
    with pytest.raises(DomainError, match="already meets"):
        sessions.session_move(actor=consultant, session=first, date=second.date)
    moved = sessions.session_move(actor=consultant, session=first, date=first.date + dt.timedelta(days=1))
    assert moved.moved_from is not None
    assert sessions.session_cancel(actor=consultant, session=second).status == SessionStatus.CANCELLED
    held = past_sessions(group)[-1]
    attendance.attendance_record(actor=consultant, session=held, membership=members[0], status="present")
    held.refresh_from_db()
    with pytest.raises(DomainError):
        sessions.session_cancel(actor=consultant, session=held)


def test_session_record_saves_check_in_and_notes(group, consultant):
    session = past_sessions(group)[-1]
    sessions.session_record(actor=consultant, session=session, check_in_method="filt", notes=" Godt møde ")
    session.refresh_from_db()
    assert (session.check_in_method, session.notes, session.status) == ("filt", "Godt møde", "held")


def test_agenda_votes_toggle_and_only_members_vote(group, members, make_group, make_person, consultant):
    item = agenda.agenda_item_propose(group=group, member=members[0], title="  Praktik   og løn ")
    assert item.title == "Praktik og løn"
    assert agenda.agenda_vote_toggle(item=item, member=members[1]) is True
    assert agenda.agenda_vote_toggle(item=item, member=members[1]) is False
    stranger = memberships.membership_add(actor=consultant, group=make_group(name="Anden"),
                                          person=make_person().person, joined_on=TODAY)
    with pytest.raises(DomainError):
        agenda.agenda_vote_toggle(item=item, member=stranger)
    with pytest.raises(DomainError):
        agenda.agenda_item_propose(group=group, member=stranger, title="Hej")
    with pytest.raises(DomainError):
        agenda.agenda_item_propose(group=group, member=members[0], title="   ")


def test_personal_links_resolve_expire_and_revoke(members, consultant):
    person = members[0].person
    link, token = links.personal_link_create(actor=consultant, person=person, valid_days=30)
    assert len(token) >= 40 and link.token_hash != token
    assert links.personal_link_resolve(token).status == "ok"
    assert links.personal_link_resolve(token + "x").status == "unknown"
    assert links.personal_link_resolve("").status == "unknown"
    link.expires_at = timezone.now() - dt.timedelta(seconds=1)
    link.save()
    assert links.personal_link_resolve(token).status == "expired"
    _new, newer = links.personal_link_create(actor=consultant, person=person)
    assert links.personal_link_resolve(token).status == "revoked"  # a new link replaces the old one
    links.personal_link_revoke(actor=consultant, link=_new)
    assert links.personal_link_resolve(newer).status == "revoked"


def test_recording_a_session_closes_the_topics_proposed_up_to_its_date(group, members, consultant):
    session = group.sessions.filter(date__lt=TODAY).order_by("-date").first()
    with time_machine.travel(dt.datetime.combine(session.date, dt.time(8, 0)).astimezone(), tick=False):
        before = agenda.agenda_item_propose(group=group, member=members[0], title="Praktik")
    with time_machine.travel(dt.datetime.combine(session.date + dt.timedelta(days=1), dt.time(8, 0)).astimezone(),
                             tick=False):
        after = agenda.agenda_item_propose(group=group, member=members[1], title="Løn")
    sessions.session_record(actor=consultant, session=session, check_in_method="game", notes="")
    before.refresh_from_db()
    after.refresh_from_db()
    assert before.session == session
    assert after.session is None  # proposed after the session: still open for the next one


def test_the_same_topic_cannot_be_proposed_twice_in_a_group(group, members):
    agenda.agenda_item_propose(group=group, member=members[0], title="Praktik og løn")
    with pytest.raises(DomainError) as error:
        agenda.agenda_item_propose(group=group, member=members[1], title="  PRAKTIK  og løn ")
    assert "Vote for it" in error.value.message
    assert group.agenda_items.count() == 1
