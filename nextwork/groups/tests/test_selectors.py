"""Query counts are pinned: a count that grows with the number of rows is a bug."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nextwork.groups import access, health, selectors
from nextwork.groups.services import agenda, attendance

from .conftest import TODAY, past_sessions

pytestmark = pytest.mark.django_db


def _queries(function):
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured)


@pytest.fixture
def busy(group, members, make_group, consultant):
    make_group(name="Torsdag", weekday="thu")
    for session in past_sessions(group)[-4:]:
        for membership in members:
            attendance.attendance_record(actor=consultant, session=session, membership=membership, status="present")
    for index, membership in enumerate(members):
        item = agenda.agenda_item_propose(group=group, member=membership, title=f"Emne {index}")
        for voter in members[:index]:
            agenda.agenda_vote_toggle(item=item, member=voter)
    return group


def test_group_list_uses_a_fixed_number_of_queries(busy, consultant):
    groups = access.groups_for(consultant)
    assert _queries(lambda: selectors.group_list(groups, today=TODAY)) == 3


def test_health_uses_a_fixed_number_of_queries(busy, consultant):
    groups = list(access.groups_for(consultant))
    assert _queries(lambda: health.group_health(groups, today=TODAY)) == 4


def test_session_rows_use_two_queries(busy, members):
    session = past_sessions(busy)[-1]
    session.group  # noqa: B018  (loaded like the access function does)
    assert _queries(lambda: selectors.session_attendance_rows(session)) == 2


def test_ranked_agenda_is_one_query_and_ordered_by_votes(busy, members):
    items = []
    assert _queries(lambda: items.extend(selectors.ranked_agenda(busy, voter=members[0], today=TODAY))) == 1
    assert [item.vote_count for item in items] == [3, 2, 1, 0]
    assert items[0].proposed_by_member.person.first_name == "Dennis"


def test_person_history_is_one_query(busy, members):
    history = []
    assert _queries(lambda: history.extend(selectors.person_group_history(members[0].person))) == 1
    assert history[0].sessions_attended == 4


def test_shared_first_names_leave_out_those_who_did_not_share(busy, members):
    from nextwork.groups.services.memberships import membership_set_sharing
    membership_set_sharing(membership=members[1], share_first_name=True)
    assert selectors.shared_first_names(members[0], today=TODAY) == ["Bo"]
    assert selectors.shared_first_names(members[1], today=TODAY) == []
