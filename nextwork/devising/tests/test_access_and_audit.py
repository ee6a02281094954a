"""Who reads and writes the devising log, municipal scoping (another municipality's id is a 404), the audit
rows of reads of young people's names, the merge step and the subject-access section."""

import datetime as dt

import pytest

from nextwork.core.models import AuditEvent
from nextwork.devising.models import Proposal
from nextwork.devising.services import meetings, proposals
from nextwork.portal.merge import young_people_merge
from nextwork.portal.subject_access import subject_access

from .conftest import TODAY, content

pytestmark = pytest.mark.django_db
ALL_MUNICIPAL = ("team_lead", "youth_consultant", "company_consultant", "psychologist", "caseworker", "manager")


def test_the_log_is_read_by_the_team_and_the_manager_and_written_by_the_team(client, team, experiment):
    for role in ALL_MUNICIPAL:
        client.force_login(team[role])
        log = client.get("/devising/").status_code
        page = client.get(f"/devising/experiments/{experiment.pk}/").status_code
        new = client.get("/devising/experiments/new/").status_code
        reads = role != "caseworker"
        assert (log, page) == ((200, 200) if reads else (403, 403)), role
        assert new == (200 if role not in ("caseworker", "manager") else 403), role


def test_another_municipalitys_experiment_proposal_and_meeting_are_not_found(client, other_team, experiment,
                                                                            youth_proposal, team_lead):
    meeting = meetings.meeting_create(actor=team_lead, held_on=TODAY, attendees=[team_lead], experiments=[experiment])
    client.force_login(other_team["team_lead"])
    for url in (f"/devising/experiments/{experiment.pk}/", f"/devising/experiments/{experiment.pk}/edit/",
                f"/devising/proposals/{youth_proposal.pk}/", f"/devising/meetings/{meeting.pk}/"):
        assert client.get(url).status_code == 404, url
    assert AuditEvent.objects.filter(actor=other_team["team_lead"], action="denied").count() == 4


def test_reading_proposals_with_young_peoples_names_is_audited(client, consultant, youth_proposal, person):
    client.force_login(consultant)
    page = client.get("/devising/proposals/").content.decode()
    assert person.full_name in page
    listed = AuditEvent.objects.get(actor=consultant, action="list", object_type="young_person")
    assert "devising proposals (1 shown)" in listed.summary
    client.get(f"/devising/proposals/{youth_proposal.pk}/")
    assert AuditEvent.objects.filter(actor=consultant, action="view", object_type="young_person",
                                     object_id=str(person.pk)).exists()


def test_a_manager_reads_the_log_but_not_the_proposals(client, team, youth_proposal):
    client.force_login(team["manager"])
    assert client.get("/devising/proposals/").status_code == 403
    assert client.get(f"/devising/proposals/{youth_proposal.pk}/").status_code == 403


def test_answering_a_proposal_is_audited(youth_proposal, team_lead):
    proposals.proposal_respond(actor=team_lead, proposal=youth_proposal, response="We will talk about it.")
    assert AuditEvent.objects.filter(actor=team_lead, action="change", object_type="devising_proposal").exists()


def test_a_merge_moves_the_duplicates_proposals(make_person, person, team_lead):
    duplicate = make_person(first_name="Asta", last_name="Nielsen", age_years=23).person
    proposals.proposal_submit(person=duplicate, title="Friday football", why="We like it", expected="We come")
    young_people_merge(actor=team_lead, keep=person, duplicate=duplicate)
    assert Proposal.objects.get().person == person


def test_the_subject_access_export_holds_the_young_persons_proposals(youth_proposal, person):
    export = subject_access(person).as_json()
    assert [item["title"] for item in export["sections"]["devising_proposals"]] == [youth_proposal.title]


def test_a_devising_meeting_names_staff_others_in_words_and_the_experiments_history_shows_it(experiment,
                                                                                           team_lead, consultant):
    meeting = meetings.meeting_create(actor=team_lead, held_on=TODAY, attendees=[team_lead, consultant],
                                      other_attendees="two young people from the Tuesday group",
                                      notes="Hosts rotate.", experiments=[experiment])
    assert set(meeting.attendees.all()) == {team_lead, consultant}
    assert experiment.changes.first().kind == "discussed"


def test_a_meeting_refuses_another_municipalitys_staff_and_a_meeting_nobody_attended(team_lead, other_team):
    with pytest.raises(meetings.DomainError) as error:
        meetings.meeting_create(actor=team_lead, held_on=TODAY, attendees=[other_team["consultant"]
                                                                           if "consultant" in other_team
                                                                           else other_team["youth_consultant"]])
    assert error.value.field == "attendees"
    with pytest.raises(meetings.DomainError, match="who was there"):
        meetings.meeting_create(actor=team_lead, held_on=TODAY)


def test_the_start_page_shows_experiments_due_and_new_proposals_without_names(client, team_lead, make_experiment,
                                                                              youth_proposal, person):
    make_experiment(title="Due now", review_in_days=0)
    make_experiment(title="Later", review_in_days=20)
    client.force_login(team_lead)
    page = client.get("/").content.decode()
    assert "Due now" in page and "Later" not in page
    section = page[page.index("start-devising-heading"):]
    section = section[:section.index("</section>")]
    assert youth_proposal.title in section and "from a young person" in section
    assert person.full_name not in section


def test_the_team_lead_reviews_on_the_experiment_page_and_a_missing_decision_keeps_the_text(client, team_lead,
                                                                                           experiment):
    client.force_login(team_lead)
    url = f"/devising/experiments/{experiment.pk}/"
    response = client.post(url, {"action": "review", "review-observed": "More talked."})
    assert response.status_code == 400 and "More talked." in response.content.decode()
    response = client.post(url, {"action": "review", "review-observed": "More talked.", "review-decision": "adjust"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "The review is saved." in page and "Start the adjusted version" in page


def test_a_proposal_taken_up_is_a_proposed_experiment_started_by_giving_it_dates(client, team_lead, youth_proposal):
    client.force_login(team_lead)
    response = client.post(f"/devising/proposals/{youth_proposal.pk}/take-up/", {
        "take-title": "Meet at the workshop", "take-principles": ["many_to_many"], "take-why": "Less like the job centre",
        "take-expected": "Attendance rises", "take-indicators": ["group_attendance"], "take-response": "We try it"})
    assert response.status_code == 302
    experiment = youth_proposal.experiments.get()
    assert experiment.status == "proposed" and experiment.starts_on is None
    data = {**content(), "starts_on": TODAY.isoformat(), "review_on": (TODAY + dt.timedelta(days=42)).isoformat()}
    assert client.post(f"/devising/experiments/{experiment.pk}/edit/", data).status_code == 302
    experiment.refresh_from_db()
    assert experiment.status == "running" and [c.kind for c in experiment.changes.all()][:1] == ["started"]
