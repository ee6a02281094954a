import io

import pytest
from django.core.management import CommandError, call_command

from nextwork.core.models import User
from nextwork.people.models import Course, YoungPerson

ROLES = ("team-lead", "youth-consultant", "company-consultant", "psychologist", "caseworker", "manager")


@pytest.fixture
def small_demo(db):
    out = io.StringIO()
    call_command("demo", scale="small", stdout=out)
    return out.getvalue()


def test_the_small_demo_has_every_login_of_the_pattern(small_demo, client):
    expected = [f"{role}-{town}" for town in ("roskilde", "fredericia") for role in ROLES]
    expected += ["secretariat", "researcher", "admin"]
    for username in expected:
        assert username in small_demo
        assert client.login(username=username, password="nextwork-demo"), username


def test_the_small_demo_has_courses_at_every_stage(small_demo):
    assert 55 <= YoungPerson.objects.count() <= 75
    assert set(Course.objects.values_list("status", flat=True)) == {"referred", "active", "paused", "ended"}
    assert Course.objects.filter(outside_target_group=True).exists()


@pytest.mark.django_db(transaction=True)
def test_the_demo_is_reproducible():
    call_command("demo", scale="small", stdout=io.StringIO())
    names = list(YoungPerson.objects.order_by("pk").values_list("first_name", "last_name"))
    call_command("demo", scale="small", flush=True, stdout=io.StringIO())
    assert list(YoungPerson.objects.order_by("pk").values_list("first_name", "last_name")) == names


def test_the_demo_refuses_to_run_on_a_database_with_data(small_demo):
    with pytest.raises(CommandError):
        call_command("demo", scale="small", stdout=io.StringIO())
    assert User.objects.filter(username="admin").count() == 1


def test_the_readmes_things_to_try_are_true(small_demo):
    import datetime as dt

    from nextwork.core.models import Municipality
    from nextwork.people.models import FollowUp
    from nextwork.people.selectors import caseload

    fredericia = Municipality.objects.get(name="Fredericia")
    assert fredericia.phase == "research" and fredericia.target_min_age == 16
    assert fredericia.authority == "inside_team" and fredericia.attendance_shared_with_caseworkers
    consultant = User.objects.get(username="youth-consultant-fredericia")
    row = next(row for row in caseload(municipality=fredericia) if row.consultant == consultant)
    assert row.over_norm  # "Fredericia's youth consultant is above the caseload norm"
    for town in ("Roskilde", "Fredericia"):
        assert YoungPerson.objects.filter(municipality__name=town, first_name="Sofie", last_name="Lund").count() == 2
        assert FollowUp.objects.filter(municipality__name=town, due_on=dt.date.today(), recorded_on=None,
                                       exit__course__person__first_name="Ahmad").exists()
    assert User.objects.get(username="team-lead-roskilde").roles == {"team_lead", "youth_consultant"}
    assert User.objects.get(username="caseworker-fredericia").roles == {"caseworker", "youth_consultant"}
