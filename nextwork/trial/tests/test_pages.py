"""The pages a caseworker, team lead and researcher use, with the permission and municipality checks."""

import datetime as dt

from nextwork.core.models import AuditEvent, Municipality
from nextwork.core.roles import Role
from nextwork.people.models import YoungPerson
from nextwork.trial.models import Participant, PhaseChange
from nextwork.trial.services.randomise import participant_randomise

from .conftest import baseline


def _enter(client, trial, data, step=None):
    body = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    if step:
        body["step"] = step
    return client.post(f"/trial/{trial.pk}/randomise/", body)


def test_the_draw_happens_only_after_the_confirm_step(client, trial, caseworker):
    client.force_login(caseworker)
    data = baseline()
    review = _enter(client, trial, data)
    assert review.status_code == 200 and "Enter the young person and draw" in review.content.decode()
    assert not Participant.objects.exists()
    entered = _enter(client, trial, data, step="enter")
    participant = Participant.objects.get()
    assert entered.status_code == 302 and entered.url == f"/trial/participants/{participant.pk}/"
    page = client.get(entered.url).content.decode()
    assert participant.get_arm_display() in page or "Offered NExTWORK" in page or "Usual services" in page


def test_a_form_error_keeps_what_was_typed(client, trial, caseworker):
    client.force_login(caseworker)
    response = _enter(client, trial, baseline(first_name="Malthe", months_on_support=""), step="enter")
    assert response.status_code == 400 and 'value="Malthe"' in response.content.decode()
    assert not Participant.objects.exists()


def test_letters_in_both_arms(client, trial, caseworker):
    client.force_login(caseworker)
    arms = {}
    for _ in range(10):
        p = participant_randomise(actor=caseworker, trial=trial, data=baseline()).participant
        arms.setdefault(p.arm, p)
    for arm, participant in arms.items():
        text = client.get(f"/trial/participants/{participant.pk}/letter.txt").content.decode()
        assert participant.first_name in text
        pdf = client.get(f"/trial/participants/{participant.pk}/letter.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        if arm == "treatment":
            assert participant.handover.previous_caseworker in text


def test_control_participants_are_hidden_from_other_municipalities_and_from_researchers(client, trial, caseworker,
                                                                                        other_team,
                                                                                        network_users):
    participant = participant_randomise(actor=caseworker, trial=trial, data=baseline()).participant
    client.force_login(other_team[Role.CASEWORKER])
    assert client.get(f"/trial/participants/{participant.pk}/").status_code == 404
    client.force_login(network_users[Role.RESEARCHER])
    assert client.get(f"/trial/participants/{participant.pk}/").status_code == 403
    client.force_login(caseworker)
    assert client.get(f"/trial/participants/{participant.pk}/").status_code == 200
    assert AuditEvent.objects.filter(actor=caseworker, action="view", object_id=str(participant.pk),
                                     object_type="trial_participant").exists()


def test_control_participants_never_appear_in_operational_lists(client, trial, caseworker, consultant):
    for _ in range(6):
        participant_randomise(actor=caseworker, trial=trial, data=baseline(first_name="Kontrolperson"))
    control = Participant.objects.filter(arm="control").count()
    assert control and YoungPerson.objects.count() == Participant.objects.filter(arm="treatment").count()
    client.force_login(consultant)
    assert client.get("/young-people/").content.decode().count("Kontrolperson") == \
        Participant.objects.filter(arm="treatment").count()


def test_a_control_participant_in_an_activity_is_flagged_as_crossover(client, trial, caseworker, make_person):
    for i in range(8):
        p = participant_randomise(actor=caseworker, trial=trial, data=baseline(first_name=f"Ung{i}")).participant
        if p.arm == "control":
            break
    make_person(cpr=p.cpr, first_name=p.first_name, last_name=p.last_name)
    client.force_login(caseworker)
    assert "Crossover" in client.get(f"/trial/{trial.pk}/").content.decode()
    assert "crossover" in client.get(f"/trial/participants/{p.pk}/").content.decode().lower()


def test_team_lead_marks_in_error_with_a_confirm_step(client, trial, caseworker, team_lead):
    participant = participant_randomise(actor=caseworker, trial=trial, data=baseline()).participant
    client.force_login(team_lead)
    url = f"/trial/participants/{participant.pk}/in-error/"
    assert client.post(url, {"reason": "Var allerede i job"}).status_code == 200
    participant.refresh_from_db()
    assert not participant.in_error
    client.post(url, {"reason": "Var allerede i job", "confirm": "yes"})
    participant.refresh_from_db()
    assert participant.in_error and participant.in_error_by == team_lead
    assert Participant.objects.count() == 1


def test_the_phase_switch_is_dated_and_logged(client, trial, team_lead, caseworker):
    client.force_login(caseworker)
    assert client.get("/trial/phase/").status_code == 403
    client.force_login(team_lead)
    response = client.post("/trial/phase/", {"municipality": team_lead.municipality_id, "phase": "operations",
                                             "changed_on": dt.date.today().isoformat(), "note": "Drift"})
    assert response.status_code == 302
    assert Municipality.objects.get(pk=team_lead.municipality_id).phase == "operations"
    assert PhaseChange.objects.get().changed_by == team_lead
    assert AuditEvent.objects.filter(object_type="municipality", summary__contains="research -> operations").exists()


def test_researcher_sees_consort_and_balance_without_names(client, trial, caseworker, network_users):
    for i in range(10):
        participant_randomise(actor=caseworker, trial=trial, data=baseline(first_name="Navnesen", age_years=19 + i))
    client.force_login(network_users[Role.RESEARCHER])
    page = client.get(f"/trial/{trial.pk}/figures/").content.decode()
    assert "Assessed for eligibility" in page and "n = 10" in page and "Standardised difference" in page
    assert "Navnesen" not in page


def test_the_start_page_invites_caseworkers_in_the_research_phase(client, trial, caseworker, other_team):
    client.force_login(caseworker)
    assert "Enter a young person into the trial" in client.get("/").content.decode()
    Municipality.objects.filter(pk=caseworker.municipality_id).update(phase="operations")
    assert "Enter a young person into the trial" not in client.get("/").content.decode()
