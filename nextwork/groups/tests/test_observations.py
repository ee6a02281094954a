"""What happens in the group: the facilitators' observation after a session and the pattern over the weeks."""

import re

import pytest

from nextwork.core.models import AuditEvent
from nextwork.groups.models import SessionObservation
from nextwork.groups.patterns import observation_pattern
from nextwork.groups.services.attendance import attendance_mark_rest_present
from nextwork.groups.services.observations import session_observation_save

from .conftest import TODAY, past_sessions

pytestmark = pytest.mark.django_db


def hold(session, members, actor):
    attendance_mark_rest_present(actor=actor, session=session, memberships=members)
    session.refresh_from_db()
    return session


def observe(session, actor, signs, took_part="most"):
    return session_observation_save(actor=actor, session=session, signs=signs, took_part=took_part, today=TODAY)


def test_a_facilitator_ticks_what_they_saw_and_it_shows_in_the_groups_pattern(client, consultant, group, members):
    session = hold(past_sessions(group)[-1], members, consultant)
    client.force_login(consultant)
    page = client.get(f"/groups/sessions/{session.pk}/").content.decode()
    assert "What did you see?" in page and "Pity-party drift" in page
    response = client.post(f"/groups/sessions/{session.pk}/observation/",
                           {"signs": ["took_over", "coffee_club"], "took_part": "some"})
    assert response.status_code == 302
    observation = SessionObservation.objects.get(session=session)
    assert observation.signs == ["took_over", "coffee_club"] and observation.took_part == "some"
    assert observation.recorded_by == consultant
    group_page = client.get(f"/groups/{group.pk}/").content.decode()
    assert "What happens in the group, week by week" in group_page
    assert "The young people took over" in group_page and "seen" in group_page and "some" in group_page


def test_the_observation_is_one_per_session_changed_in_place_and_audited(client, team_lead, consultant, group,
                                                                        members):
    session = hold(past_sessions(group)[-1], members, consultant)
    observe(session, consultant, ["low_energy"], "few")
    client.force_login(team_lead)
    client.post(f"/groups/sessions/{session.pk}/observation/", {"signs": ["peer_advice"], "took_part": "most"})
    observation = SessionObservation.objects.get(session=session)
    assert (observation.signs, observation.took_part, observation.recorded_by) == (["peer_advice"], "most",
                                                                                     team_lead)
    change = AuditEvent.objects.filter(actor=team_lead, action="change", object_type="session_observation").get()
    assert "low_energy -> peer_advice" in change.summary and "few -> most" in change.summary


def test_a_bad_observation_shows_the_rule_and_keeps_the_ticks(client, consultant, group, members):
    session = hold(past_sessions(group)[-1], members, consultant)
    client.force_login(consultant)
    response = client.post(f"/groups/sessions/{session.pk}/observation/", {"signs": ["coffee_club"]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required" in page or "required" in page
    assert re.search(r'<input[^>]*value="coffee_club"[^>]*checked', page)  # the tick is kept
    assert not SessionObservation.objects.exists()
    response = client.post(f"/groups/sessions/{session.pk}/observation/", {"signs": ["bored"], "took_part": "most"})
    assert response.status_code == 400 and not SessionObservation.objects.exists()


def test_nothing_is_recorded_for_a_coming_session(client, consultant, group):
    coming = group.sessions.filter(date__gt=TODAY).first()
    client.force_login(consultant)
    response = client.post(f"/groups/sessions/{coming.pk}/observation/", {"took_part": "most"})
    assert response.status_code == 400 and not SessionObservation.objects.exists()


@pytest.mark.parametrize("role, status", [("youth_consultant", 302), ("psychologist", 302), ("team_lead", 302),
                                          ("company_consultant", 403), ("caseworker", 403), ("manager", 403)])
def test_facilitators_record_observations(client, team, group, members, role, status):
    session = hold(past_sessions(group)[-1], members, team["youth_consultant"])
    client.force_login(team[role])
    response = client.post(f"/groups/sessions/{session.pk}/observation/", {"took_part": "most"})
    assert response.status_code == status


def test_company_consultants_see_the_observation_without_the_form(client, team, group, members):
    session = hold(past_sessions(group)[-1], members, team["youth_consultant"])
    observe(session, team["youth_consultant"], ["work_talk"])
    client.force_login(team["company_consultant"])
    page = client.get(f"/groups/sessions/{session.pk}/").content.decode()
    assert "Real talk about work and dilemmas" in page and "Save what we saw" not in page


def test_another_municipalitys_session_is_not_found(client, other_team, group, members, consultant):
    session = hold(past_sessions(group)[-1], members, consultant)
    client.force_login(other_team["youth_consultant"])
    response = client.post(f"/groups/sessions/{session.pk}/observation/", {"took_part": "most"})
    assert response.status_code == 404 and not SessionObservation.objects.exists()


def test_a_drift_sign_three_sessions_running_asks_to_bring_it_to_devising(client, consultant, group, members):
    sessions = [hold(session, members, consultant) for session in past_sessions(group)[-4:]]
    observe(sessions[0], consultant, ["took_over"])
    observe(sessions[1], consultant, ["coffee_club"])
    observe(sessions[2], consultant, ["coffee_club", "same_story"])
    client.force_login(consultant)
    assert "Bring it to devising" not in client.get(f"/groups/{group.pk}/").content.decode()
    observe(sessions[3], consultant, ["coffee_club", "low_energy"])
    page = client.get(f"/groups/{group.pk}/").content.decode()
    assert "“Coffee club” 3 sessions running" in page and "Bring it to devising" in page
    assert "Same internship story" not in page.split("Bring it to devising")[0]
    pattern = observation_pattern(group, today=TODAY)
    coffee = next(row for row in pattern.rows if row.code == "coffee_club")
    assert coffee.count == 3 and coffee.cells[-4:] == [False, True, True, True]


def test_a_session_without_an_observation_neither_breaks_nor_counts_in_a_run(consultant, group, members):
    sessions = [hold(session, members, consultant) for session in past_sessions(group)[-4:]]
    for session in (sessions[0], sessions[1], sessions[3]):
        observe(session, consultant, ["pity_party"])
    pattern = observation_pattern(group, today=TODAY)
    assert [(hint.code, hint.run) for hint in pattern.hints] == [("pity_party", 3)]
    assert next(row for row in pattern.rows if row.code == "pity_party").cells[-4:] == [True, True, None, True]


def test_the_pattern_shows_the_last_12_held_sessions_in_a_fixed_number_of_queries(
        consultant, group, members, django_assert_num_queries):
    for session in past_sessions(group):
        observe(hold(session, members, consultant), consultant, ["peer_advice"])
    with django_assert_num_queries(1):
        pattern = observation_pattern(group, today=TODAY, count=12)
    held = min(len(past_sessions(group)), 12)
    assert len(pattern.sessions) == held and pattern.observed == held
    assert pattern.sessions == sorted(pattern.sessions, key=lambda s: s.date)


def test_an_observation_before_the_attendance_is_taken_shows_in_the_pattern(consultant, group):
    session = past_sessions(group)[-1]
    observe(session, consultant, ["own_agenda"])
    pattern = observation_pattern(group, today=TODAY)
    assert pattern.sessions[-1] == session and pattern.observed == 1
