"""Bad input on the group pages: a message next to the field, what was typed kept, nothing saved."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta

from nextwork.core.errors import DomainError
from nextwork.groups.models import NetworkGroup, Session
from nextwork.groups.services import sessions

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def group_form(consultant, **overrides) -> dict:
    data = {"name": "Fredagsholdet", "weekday": "fri", "starts_at": "09:30", "ends_at": "11:30", "place": "Hal 2",
            "facilitators": [consultant.pk], "target_min": "8", "target_max": "12",
            "active_from": TODAY.isoformat(), "active_until": ""}
    data.update(overrides)
    return data


def assert_refused_at(response, field: str) -> None:
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert f'id="id_{field}-error"' in response.content.decode()


@pytest.mark.parametrize("active_from", ["0257-01-01", "1999-12-31", "2150-01-01"])
def test_a_group_active_from_a_date_out_of_range_is_refused_and_plans_no_sessions(client, consultant, active_from):
    client.force_login(consultant)
    response = client.post("/groups/new/", group_form(consultant, active_from=active_from))
    assert_refused_at(response, "active_from")
    assert not NetworkGroup.objects.exists() and not Session.objects.exists()
    assert 'value="Fredagsholdet"' in response.content.decode()  # what was typed is kept


def test_a_new_group_that_started_more_than_two_years_ago_is_refused(client, consultant):
    client.force_login(consultant)
    long_ago = TODAY - relativedelta(years=2) - dt.timedelta(days=1)
    response = client.post("/groups/new/", group_form(consultant, active_from=long_ago.isoformat()))
    assert_refused_at(response, "active_from")
    assert "two years" in response.context["form"].errors["active_from"][0]
    assert not NetworkGroup.objects.exists() and not Session.objects.exists()


def test_a_group_active_until_a_date_out_of_range_is_refused_on_edit(client, consultant, group):
    client.force_login(consultant)
    data = group_form(consultant, name=group.name, active_from=group.active_from.isoformat(),
                      active_until="9999-12-31")
    response = client.post(f"/groups/{group.pk}/edit/", data)
    assert_refused_at(response, "active_until")
    group.refresh_from_db()
    assert group.active_until is None


@pytest.mark.parametrize("field", ["name", "place"])
def test_a_nul_character_or_100000_characters_in_a_group_is_refused(client, consultant, field):
    client.force_login(consultant)
    for value in ("Hal\x00 2", "x" * 100_000):
        assert_refused_at(client.post("/groups/new/", group_form(consultant, **{field: value})), field)
    assert not NetworkGroup.objects.exists()


def test_a_time_with_a_timezone_offset_is_refused(client, consultant):
    client.force_login(consultant)
    response = client.post("/groups/new/", group_form(consultant, starts_at="10:00+02:00"))
    assert_refused_at(response, "starts_at")
    assert 'value="10:00+02:00"' in response.content.decode()
    assert not NetworkGroup.objects.exists()


def test_a_session_cannot_be_moved_to_a_date_out_of_range(client, consultant, group):
    client.force_login(consultant)
    session = group.sessions.filter(date__gte=TODAY).order_by("date").first()
    for date in ("0001-01-01", "9999-12-31"):
        response = client.post(f"/groups/sessions/{session.pk}/move/", {"date": date})
        assert response.status_code == 400 and response.context["move_form"].errors["date"]
    assert Session.objects.get(pk=session.pk).date == session.date


def test_the_services_refuse_a_plan_more_than_18_months_ahead_and_dates_out_of_range(group, consultant):
    count = group.sessions.count()
    for until in (TODAY + relativedelta(months=18, days=1), dt.date(9833, 10, 8)):
        with pytest.raises(DomainError) as refused:
            sessions.sessions_plan(group=group, until=until)
        assert refused.value.field == "until"
    with pytest.raises(DomainError):
        sessions.sessions_generate(group=group, start=dt.date(2000, 1, 1), until=dt.date(2099, 12, 31))
    session = group.sessions.filter(date__gte=TODAY).first()
    with pytest.raises(DomainError) as refused:
        sessions.session_move(actor=consultant, session=session, date=dt.date(1, 1, 1))
    assert refused.value.field == "date"
    assert group.sessions.count() == count
