"""The young person's anonymous "was today worth coming?" tap, and what staff see of it."""

import pytest
from django.core.cache import cache

from nextwork.core.models import AuditEvent
from nextwork.groups.models import SessionTap
from nextwork.groups.services import links
from nextwork.groups.services.attendance import attendance_mark_rest_present, attendance_record
from nextwork.groups.services.memberships import membership_add
from nextwork.groups.services.taps import session_tap_give

from .conftest import TODAY, past_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(group, members, consultant):
    """The group's latest session (the Monday two days before the fixed test day), everyone present."""
    session = past_sessions(group)[-1]
    assert 0 <= (TODAY - session.date).days <= 3
    attendance_mark_rest_present(actor=consultant, session=session, memberships=members)
    session.refresh_from_db()
    return session


@pytest.fixture
def token(members, consultant):
    cache.clear()
    return links.personal_link_create(actor=consultant, person=members[0].person)[1]


def test_a_young_person_taps_once_on_their_own_page(client, token, held):
    url = f"/groups/me/{token}/"
    page = client.get(url).content.decode()
    assert "worth coming" in page and "anonymous" in page
    response = client.post(url, {"action": "tap", "session": held.pk, "worth_coming": "yes"})
    assert response.status_code == 302 and "done=answered" in response.url
    assert client.get(response.url).content.decode().count("You have answered for this meeting") == 1
    again = client.post(url, {"action": "tap", "session": held.pk, "worth_coming": "no"})
    assert again.status_code == 400 and "You have answered for this meeting" in again.content.decode()
    assert list(SessionTap.objects.values_list("worth_coming", flat=True)) == [True]


def test_the_tap_row_holds_nothing_that_points_to_the_young_person(client, token, held, members, consultant):
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    client.post(f"/groups/me/{token}/", {"action": "tap", "session": held.pk, "worth_coming": "no"})
    tap = SessionTap.objects.get()
    assert {f.name for f in SessionTap._meta.get_fields()} == {"id", "session", "worth_coming", "tapper_hash",
                                                               "created_on"}
    person, link = members[0].person, members[0].person.personal_links.get()
    for value in (person.pk, members[0].pk, link.pk, link.token_hash, token):
        assert str(value) != tap.tapper_hash and token not in tap.tapper_hash
    assert len(tap.tapper_hash) == 64 and tap.created_on == TODAY  # a day, not a time to match a visit with
    written = AuditEvent.objects.filter(pk__gt=before)
    assert not written.filter(summary__icontains="tap").exists()
    assert not written.filter(object_type="young_person", object_id=str(person.pk)).exists()


def test_a_new_personal_link_does_not_give_a_second_tap(held, members, consultant):
    session_tap_give(membership=members[0], session=held, worth_coming=True, today=TODAY)
    links.personal_link_create(actor=consultant, person=members[0].person)
    from nextwork.core.errors import DomainError
    with pytest.raises(DomainError):
        session_tap_give(membership=members[0], session=held, worth_coming=False, today=TODAY)
    session_tap_give(membership=members[1], session=held, worth_coming=False, today=TODAY)
    assert SessionTap.objects.count() == 2


def test_no_tap_is_asked_for_a_session_missed_or_long_ago(client, consultant, group, members, make_person):
    session = past_sessions(group)[-1]
    attendance_record(actor=consultant, session=session, membership=members[0], status="absent")
    cache.clear()
    token = links.personal_link_create(actor=consultant, person=members[0].person)[1]
    page = client.get(f"/groups/me/{token}/").content.decode()
    assert "worth coming" not in page
    response = client.post(f"/groups/me/{token}/", {"action": "tap", "session": session.pk, "worth_coming": "yes"})
    assert response.status_code == 400 and not SessionTap.objects.exists()
    earlier = past_sessions(group)[-2]
    assert (TODAY - earlier.date).days > 3
    attendance_record(actor=consultant, session=earlier, membership=members[1], status="present")
    token = links.personal_link_create(actor=consultant, person=members[1].person)[1]
    assert "worth coming" not in client.get(f"/groups/me/{token}/").content.decode()


def test_staff_see_the_share_only_from_five_answers(client, consultant, group, held, make_person):
    more = [membership_add(actor=consultant, group=group, person=make_person(referred_days_ago=70).person,
                           joined_on=held.date) for _ in range(2)]
    attendance_mark_rest_present(actor=consultant, session=held, memberships=more)
    members = list(held.attendance.select_related("membership").order_by("pk"))
    for attendance, worth in zip(members[:4], (True, True, True, False), strict=True):
        session_tap_give(membership=attendance.membership, session=held, worth_coming=worth, today=TODAY)
    client.force_login(consultant)
    page = client.get(f"/groups/sessions/{held.pk}/").content.decode()
    assert "Fewer than 5 answers" in page and "%" not in page.split("worth coming")[-1].split("</p>")[0]
    session_tap_give(membership=members[4].membership, session=held, worth_coming=True, today=TODAY)
    page = client.get(f"/groups/sessions/{held.pk}/").content.decode()
    assert "80 % said it was worth coming (5 answers)" in page
    assert "80 %" in client.get(f"/groups/{group.pk}/").content.decode()
