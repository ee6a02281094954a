import datetime as dt

import pytest

from nextwork.groups import health, suggestion
from nextwork.groups.models import NetworkGroup
from nextwork.groups.services import attendance, memberships

from .conftest import TODAY, past_sessions

pytestmark = pytest.mark.django_db


def test_suggestion_keeps_groups_with_room_on_an_available_day_and_gives_reasons(make_group, make_person,
                                                                               consultant):
    monday = make_group(name="Mandag")
    make_group(name="Tirsdag", weekday="tue")  # the person cannot attend on Tuesdays
    full = make_group(name="Fuld torsdag", weekday="thu", target_min=1, target_max=1)
    memberships.membership_add(actor=consultant, group=full, person=make_person().person, joined_on=TODAY)
    for _ in range(2):
        memberships.membership_add(actor=consultant, group=monday, joined_on=TODAY,
                                   person=make_person(work_history="Lager, 2 år").person)
    newcomer = make_person(available_days=["mon", "thu"], work_history="").person
    result = suggestion.suggest_groups(person=newcomer, groups=NetworkGroup.objects.all(), today=TODAY)
    assert [s.group.name for s in result] == ["Mandag"]
    reasons = " ".join(result[0].reasons)
    assert "2 of 12" in reasons
    assert "2 of 2 have some" in reasons  # meets members with work experience


def test_suggestion_prefers_the_group_whose_mix_improves():
    from nextwork.people.models import YoungPerson

    def profile(experienced, age=22, gender="f"):
        return suggestion.Profile(age=age, experienced=experienced, gender=gender, new_in_programme=False)

    experienced = NetworkGroup(pk=1, name="Erfarne", weekday="mon", target_min=8, target_max=12)
    fresh = NetworkGroup(pk=2, name="Nye", weekday="thu", target_min=8, target_max=12)
    person = YoungPerson(available_days=["mon", "thu"])
    result = suggestion.rank_groups(person=person, profile=profile(True), candidates=[
        (experienced, [profile(True) for _ in range(3)]), (fresh, [profile(False) for _ in range(3)])])
    assert [s.group.name for s in result] == ["Nye", "Erfarne"]
    assert any("Brings work experience: 0 of 3" in reason for reason in result[0].reasons)
    assert not any("work experience" in reason for reason in result[1].reasons)


def test_gender_is_read_from_the_cpr_number(make_person):
    woman = make_person(cpr=None).person
    digits = woman.cpr.replace("-", "")
    expected = "m" if int(digits[-1]) % 2 else "f"
    assert suggestion.profile_of(woman, None, TODAY).gender == expected


def test_health_figures(group, members, consultant):
    held = past_sessions(group)[-3:]
    for session in held:
        for index, membership in enumerate(members):
            status = "present" if index < 2 else ("absent" if index == 2 else "late")
            attendance.attendance_record(actor=consultant, session=session, membership=membership, status=status)
    figures = health.group_health([group], today=TODAY)[group.pk]
    assert figures.sessions_held == 3
    assert figures.attendance_rate == 75
    assert figures.average_turnout == 3.0
    assert [m.pk for m in figures.follow_up] == [members[2].pk]
    assert figures.new_members == 0
    assert sum(month.sessions for month in figures.months) == 3


def test_health_counts_youth_proposed_items_and_new_members(group, members, make_person, consultant):
    from nextwork.groups.services import agenda
    agenda.agenda_item_propose(group=group, member=members[0], title="A")
    agenda.agenda_item_propose(group=group, staff=consultant, title="B")
    memberships.membership_add(actor=consultant, group=group, person=make_person().person,
                               joined_on=TODAY - dt.timedelta(days=3))
    figures = health.group_health([group], today=TODAY)[group.pk]
    assert figures.youth_item_share == 50
    assert figures.new_members == 1
