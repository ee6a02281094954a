"""Goals in the young person's words (encrypted), the municipality's suppressed figures, merge."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection

from nextwork.core.roles import Role
from nextwork.portal.merge import young_people_merge
from nextwork.wellbeing import selectors
from nextwork.wellbeing.models import CheckIn, Goal, GoalProgress
from nextwork.wellbeing.services import goals

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_the_young_person_writes_a_goal_and_marks_progress_on_their_own_page(client, own_page, active, consultant):
    assert client.post(own_page, {"action": "wellbeing_goal", "text": "At møde til tiden"}).status_code == 302
    goal = Goal.objects.get(person=active)
    assert goal.written_with is None
    assert client.post(own_page, {"action": "wellbeing_goal_progress", "goal": goal.pk, "level": "2"}).status_code == 302
    assert list(goal.progress.values_list("level", flat=True)) == [2]  # the same day: the new mark replaces
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM wellbeing_goal WHERE id = %s", [goal.pk])
        assert "tiden" not in cursor.fetchone()[0]
    client.force_login(consultant)
    assert "At møde til tiden" in client.get(f"/young-people/{active.pk}/").content.decode()


def test_a_goal_cannot_be_marked_from_another_young_persons_page(client, active, make_person, consultant):
    from nextwork.groups.services import links

    other = make_person(first_name="Bo").person
    goal = goals.goal_add(person=active, text="Stå op kl. 7")
    _link, token = links.personal_link_create(actor=consultant, person=other)
    client.post(f"/groups/me/{token}/", {"action": "wellbeing_goal_progress", "goal": goal.pk, "level": "4"})
    assert goal.progress.count() == 1 and Goal.objects.get().status == "active"


def _checkins(municipality, make_person, month: dt.date, percents: list[int], lonely: int = 0):
    for index, percent in enumerate(percents):
        person = make_person(first_name=f"P{index}{month:%m}").person
        CheckIn.objects.create(person=person, municipality=municipality, taken_on=month, by="self",
                               who5_raw=percent // 4, who5_percent=percent, loneliness_score=8 if index < lonely else 4,
                               severe_loneliness=index < lonely, work_identity_mean=3,
                               flag="talk" if percent <= 50 else "")


def test_the_trend_hides_months_with_1_to_4_and_shares_that_could_be_worked_out(roskilde, make_person):
    this_month = TODAY.replace(day=1)
    last_month = this_month - relativedelta(months=1)
    two_ago = this_month - relativedelta(months=2)
    _checkins(roskilde, make_person, this_month, [60, 64, 68, 72, 40, 44, 48, 52, 56, 80], lonely=5)
    _checkins(roskilde, make_person, last_month, [40, 60, 60])
    _checkins(roskilde, make_person, two_ago, [40, 60, 60, 60, 60, 60, 60])
    rows = selectors.municipality_trend(roskilde, 3)
    assert [row["month"] for row in rows] == [two_ago, last_month, this_month]
    now = rows[2]
    assert now["n"] == 10 and now["who5_mean"] == 58.4
    assert now["flagged_share"] is None and "flagged_share" in now["hidden"]  # 3 flagged of 10
    assert now["severe_loneliness_share"] == 0.5 and not now["suppressed"]
    assert rows[1]["suppressed"] and rows[1]["n"] is None and rows[1]["who5_mean"] is None
    # 1 flagged of 7: the flagged share would reveal one person, so it is hidden; the mean stays.
    assert rows[0]["n"] == 7 and rows[0]["flagged_share"] is None and "flagged_share" in rows[0]["hidden"]
    assert rows[0]["who5_mean"] == round((40 + 6 * 60) / 7, 1)


def test_the_trend_counts_each_young_person_once_a_month(roskilde, make_person):
    _checkins(roskilde, make_person, TODAY.replace(day=1), [60] * 5)
    person = CheckIn.objects.first().person
    CheckIn.objects.create(person=person, municipality=roskilde, taken_on=TODAY, by="self", who5_raw=5,
                           who5_percent=20, loneliness_score=3, work_identity_mean=3, flag="psychologist")
    row = selectors.municipality_trend(roskilde, 1)[0]
    assert row["n"] == 5 and row["who5_mean"] == (20 + 4 * 60) / 5


def test_goals_progressing_count_goals_that_moved_forward_in_the_month(roskilde, active):
    for text in "abcde":
        goal = goals.goal_add(person=active, text=text)
        GoalProgress.objects.create(goal=goal, marked_on=TODAY, level=2)
    row = selectors.municipality_trend(roskilde, 1)[0]
    assert row["goals_n"] == 5 and row["goals_progressing_share"] == 1.0


def test_a_manager_sees_the_suppressed_figures_but_no_young_person(client, team, active):
    client.force_login(team[Role.MANAGER])
    page = client.get("/wellbeing/trend/")
    assert page.status_code == 200
    assert client.get(f"/young-people/{active.pk}/").status_code == 403
    client.force_login(team[Role.CASEWORKER])
    assert client.get("/wellbeing/trend/").status_code == 403


def test_merging_moves_check_ins_goals_and_concerns(team_lead, make_person, active):
    from nextwork.wellbeing.services.checkins import checkin_record
    from nextwork.wellbeing.services.concerns import concern_raise

    duplicate = make_person(first_name="Freya", last_name=active.last_name).person
    checkin_record(person=duplicate, taken_on=TODAY, who5=[3] * 5, loneliness=[1] * 3, work_identity=[3] * 4)
    goals.goal_add(person=duplicate, text="Få et fritidsjob")
    concern_raise(actor=team_lead, person=duplicate, kind="other", note="Bekymret")
    young_people_merge(actor=team_lead, keep=active, duplicate=duplicate)
    assert CheckIn.objects.get().person == active
    assert Goal.objects.get().person == active
    assert active.concern_flags.count() == 1
