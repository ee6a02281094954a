import datetime as dt

import pytest

from nextwork.core.errors import DomainError
from nextwork.core.models import AuditEvent
from nextwork.people.choices import ReferralSource
from nextwork.people.models import YoungPerson
from nextwork.randomisation import arm_at
from nextwork.trial import engine
from nextwork.trial.models import HandoverMeeting, Participant
from nextwork.trial.services.randomise import participant_randomise

from .conftest import baseline


def test_a_caseworker_enters_a_young_person_and_gets_the_sequence_arm(trial, caseworker):
    result = participant_randomise(actor=caseworker, trial=trial, data=baseline(age_years=21))
    participant = result.participant
    assert not result.repeated
    assert participant.stratum == "roskilde|18-24|cash_benefit" and participant.position == 1
    assert participant.arm == arm_at(engine.settings_of(trial), engine.secret_of(trial), participant.stratum, 1)
    assert participant.age == 21 and participant.entered_by == caseworker and not participant.is_test
    assert AuditEvent.objects.filter(object_type="trial_participant", action="create",
                                     object_id=str(participant.pk)).exists()


def test_treatment_creates_the_programme_record_and_plans_the_handover(trial, caseworker):
    for _ in range(8):
        participant = participant_randomise(actor=caseworker, trial=trial, data=baseline()).participant
        if participant.arm == "treatment":
            break
    person = participant.person
    assert person.referral_source == ReferralSource.RANDOMISATION and person.courses.count() == 1
    meeting = HandoverMeeting.objects.get(participant=participant)
    assert meeting.meets_on > dt.date.today() and meeting.previous_caseworker


def test_control_stays_a_participant_only(trial, caseworker):
    for _ in range(8):
        participant = participant_randomise(actor=caseworker, trial=trial, data=baseline()).participant
        if participant.arm == "control":
            break
    assert participant.person is None
    assert not YoungPerson.objects.filter(cpr_lookup=participant.cpr_lookup).exists()


def test_a_second_attempt_returns_the_original_allocation_and_is_logged(trial, caseworker, team_lead):
    data = baseline()
    first = participant_randomise(actor=caseworker, trial=trial, data=data).participant
    again = participant_randomise(actor=team_lead, trial=trial, data={**data, "gender": "female"})
    assert again.repeated and again.participant.pk == first.pk
    assert Participant.objects.count() == 1
    assert AuditEvent.objects.filter(action="repeat", object_id=str(first.pk), actor=team_lead).exists()


def test_another_municipality_learns_nothing_about_an_earlier_allocation(trial, caseworker, other_team):
    data = baseline()
    participant_randomise(actor=caseworker, trial=trial, data=data)
    with pytest.raises(DomainError, match="another municipality"):
        participant_randomise(actor=other_team["caseworker"], trial=trial, data=data)


@pytest.mark.parametrize(("change", "field"), [
    ({"eligibility_confirmed": False}, "eligibility_confirmed"),
    ({"informed": ""}, "informed"),
    ({"months_on_support": 13}, "months_on_support"),
    ({"gender": "x"}, "gender"),
    ({"highest_education": ""}, "highest_education"),
])
def test_bad_baseline_allocates_nothing(trial, caseworker, change, field):
    with pytest.raises(DomainError) as error:
        participant_randomise(actor=caseworker, trial=trial, data=baseline(**change))
    assert error.value.field == field
    assert not Participant.objects.exists()


def test_age_outside_the_range_is_not_eligible(trial, caseworker):
    with pytest.raises(DomainError, match="not eligible"):
        participant_randomise(actor=caseworker, trial=trial, data=baseline(age_years=31))


def test_a_municipality_in_operations_does_not_randomise(trial, caseworker):
    caseworker.municipality.phase = "operations"
    caseworker.municipality.save()
    with pytest.raises(DomainError, match="operations"):
        participant_randomise(actor=caseworker, trial=trial, data=baseline())


def test_test_mode_allocations_are_marked_and_discarded_at_go_live(make_trial, caseworker, team_lead):
    from nextwork.trial.services.lifecycle import trial_go_live

    trial = make_trial(live=False)
    caseworker.municipality.refresh_from_db()
    tested = [participant_randomise(actor=caseworker, trial=trial, data=baseline()).participant for _ in range(4)]
    assert all(p.is_test and p.person is None for p in tested)
    sha_in_test = trial.secret_sha256
    trial = trial_go_live(actor=team_lead, trial=trial)
    assert trial.status == "live" and trial.locked_at and trial.secret_sha256 != sha_in_test
    assert not Participant.objects.filter(is_test=True).exists()
    live = participant_randomise(actor=caseworker, trial=trial, data=baseline()).participant
    assert not live.is_test and live.position == 1


def test_minimisation_draws_in_one_trial_wide_order(make_trial, caseworker):
    trial = make_trial(method="minimisation")
    caseworker.municipality.refresh_from_db()
    rows = [participant_randomise(actor=caseworker, trial=trial, data=baseline(age_years=a)).participant
            for a in (19, 26, 22, 28)]
    assert [p.position for p in rows] == [1, 2, 3, 4]
    assert {p.arm for p in rows} == {"treatment", "control"}
