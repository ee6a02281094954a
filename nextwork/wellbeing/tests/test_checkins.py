"""Check-ins on the young person's own page and with a consultant; who sees which flag; never a diagnosis to
the young person."""

import datetime as dt
import re

import pytest

from nextwork.core.errors import DomainError
from nextwork.core.models import AuditEvent
from nextwork.core.roles import Role
from nextwork.wellbeing.models import CheckIn
from nextwork.wellbeing.services.checkins import checkin_record

from .conftest import GOOD, LOW, MIDDLE, TODAY, checkin_post

pytestmark = pytest.mark.django_db


def test_the_young_person_checks_in_on_their_own_page_and_sees_only_a_neutral_thank_you(client, own_page, active):
    page = client.get(own_page)
    assert "checkin-form" in page.content.decode()  # due at the start of the course
    response = client.post(own_page, checkin_post(LOW, action="wellbeing_checkin"))
    assert response.status_code == 302
    checkin = CheckIn.objects.get(person=active)
    assert (checkin.by, checkin.who5_percent, checkin.flag, checkin.loneliness_score) == ("self", 28, "psychologist", 8)
    shown = client.get(response["Location"]).content.decode().lower()
    for word in ("who-5", "28", "depress", "psycholog", "severe", "lonely", "flag", "diagnos", "score"):
        assert word not in shown.split("own-trend")[0].split("wellbeing-heading")[1], word
    assert "checkin-form" not in shown  # answered: not due again for three months


def test_the_own_trend_is_in_plain_words_without_numbers(client, own_page, active):
    CheckIn.objects.create(person=active, municipality=active.municipality, taken_on=TODAY - dt.timedelta(days=90),
                           by="self", who5_raw=7, who5_percent=28, loneliness_score=8, severe_loneliness=True,
                           work_identity_mean=2, flag="psychologist")
    checkin_record(person=active, taken_on=TODAY, **GOOD)
    text = client.get(own_page).content.decode()
    trend = text.split('class="own-trend"')[1].split("</ul>")[0]
    assert "better" in trend and "less alone" in trend
    assert not any(char.isdigit() for char in trend)


def test_an_unanswered_question_keeps_the_other_answers_and_saves_nothing(client, own_page, active):
    data = checkin_post(MIDDLE, action="wellbeing_checkin")
    del data["loneliness_2"]
    response = client.post(own_page, data)
    assert response.status_code == 400
    assert not CheckIn.objects.exists()
    html = response.content.decode()
    assert re.search(r'<input type="radio" name="who5_1" value="3"[^>]*checked', html)
    assert "id_self_loneliness_2-error" in html


def test_a_consultant_does_a_check_in_with_them_and_sees_talk_to_them_but_not_the_who5(client, consultant, active):
    client.force_login(consultant)
    response = client.post(f"/wellbeing/people/{active.pk}/check-in/",
                           checkin_post(MIDDLE, taken_on=TODAY.isoformat()))
    assert response.status_code == 302
    checkin = CheckIn.objects.get(person=active)
    assert (checkin.by, checkin.recorded_by, checkin.who5_percent, checkin.flag) == ("consultant", consultant, 48, "talk")
    page = client.get(f"/young-people/{active.pk}/").content.decode()
    assert "Talk to them" in page
    assert "WHO-5 (0-100)" not in page and ">48 <" not in page
    start = client.get("/").content.decode()
    assert "Talk to them" in start and active.full_name in start


def test_the_psychologist_sees_the_who5_and_the_psychologist_flag(client, team, active):
    checkin_record(person=active, taken_on=TODAY, **LOW)
    client.force_login(team[Role.PSYCHOLOGIST])
    page = client.get(f"/young-people/{active.pk}/").content.decode()
    assert "WHO-5 (0-100)" in page and "28 <span" in page
    start = client.get("/").content.decode()
    assert "Flagged to you" in start and active.full_name in start


@pytest.mark.parametrize("role", [Role.YOUTH_CONSULTANT, Role.TEAM_LEAD, Role.COMPANY_CONSULTANT])
def test_only_the_psychologist_is_told_about_28_or_below(client, team, active, role):
    checkin_record(person=active, taken_on=TODAY, **LOW)
    client.force_login(team[role])
    assert "Flagged to you" not in client.get("/").content.decode()


def test_a_caseworker_sees_none_of_it(client, team, active):
    checkin_record(person=active, taken_on=TODAY, **LOW)
    client.force_login(team[Role.CASEWORKER])
    page = client.get(f"/young-people/{active.pk}/").content.decode()
    assert "wellbeing-heading" not in page and "Talk to them" not in page
    assert client.post(f"/wellbeing/people/{active.pk}/check-in/", checkin_post(GOOD)).status_code == 403


def test_a_check_in_due_is_a_task_on_the_consultants_start_page(client, consultant, active):
    client.force_login(consultant)
    assert "Check-ins due" in client.get("/").content.decode()
    checkin_record(person=active, taken_on=TODAY, actor=consultant, **GOOD)
    assert "Check-ins due" not in client.get("/").content.decode()


def test_two_check_ins_within_two_weeks_are_refused(active):
    checkin_record(person=active, taken_on=TODAY - dt.timedelta(days=3), **GOOD)
    with pytest.raises(DomainError):
        checkin_record(person=active, taken_on=TODAY, **GOOD)


def test_another_municipalitys_young_person_is_not_found(client, other_team, active):
    client.force_login(other_team[Role.YOUTH_CONSULTANT])
    response = client.post(f"/wellbeing/people/{active.pk}/check-in/", checkin_post(GOOD, taken_on=TODAY.isoformat()))
    assert response.status_code == 404
    assert not CheckIn.objects.exists()


def test_reading_check_ins_is_audited_with_or_without_who5_details(client, team, active):
    checkin_record(person=active, taken_on=TODAY, **GOOD)
    for role, words in ((Role.PSYCHOLOGIST, "with WHO-5"), (Role.YOUTH_CONSULTANT, "without WHO-5")):
        client.force_login(team[role])
        client.get(f"/young-people/{active.pk}/")
        assert AuditEvent.objects.filter(actor=team[role], object_type="wellbeing_checkin", action="view",
                                         summary__contains=words).exists()
