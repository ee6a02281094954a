import io

import pytest
from django.core.management import CommandError, call_command

from nextwork.core.models import User
from nextwork.people.models import Course, YoungPerson

ROLES = ("team-lead", "youth-consultant", "company-consultant", "psychologist", "manager")


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
