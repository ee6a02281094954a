from django.core.files.uploadedfile import SimpleUploadedFile

from nextwork.core.models import AuditEvent
from nextwork.trial.models import Participant

from .conftest import baseline

HEADER = "cpr_number;first_name;last_name;gender;benefit_type;months_on_support;highest_education\n"


def _row(**overrides) -> str:
    data = baseline(**overrides)
    return ";".join(str(data[c]) for c in ("cpr_number", "first_name", "last_name", "gender", "benefit_type",
                                           "months_on_support", "highest_education")) + "\n"


def _upload(client, trial, text):
    return client.post(f"/trial/{trial.pk}/batch/", {
        "file": SimpleUploadedFile("caseload.csv", text.encode(), content_type="text/csv"),
        "confirm_informed": "on"})


def test_a_caseload_is_randomised_in_one_go_with_the_same_strata(client, trial, team_lead):
    client.force_login(team_lead)
    rows = "".join(_row(age_years=19 + i % 10) for i in range(12))
    response = _upload(client, trial, HEADER + rows)
    assert response.status_code == 302, response.content.decode()[:2000]
    participants = Participant.objects.filter(trial=trial)
    assert participants.count() == 12 and all(p.batch for p in participants)
    assert {p.stratum for p in participants} == {"roskilde|18-24|cash_benefit", "roskilde|25-29|cash_benefit"}
    assert AuditEvent.objects.filter(object_type="trial_batch").exists()


def test_one_bad_row_randomises_nobody_and_names_the_row(client, trial, team_lead):
    client.force_login(team_lead)
    good = _row()
    text = HEADER + good + _row(months_on_support=14) + good
    response = _upload(client, trial, text)
    assert response.status_code == 400
    page = response.content.decode()
    assert "months_on_support" in page and "<td>3</td>" in page and "<td>4</td>" in page
    assert not Participant.objects.exists()


def test_only_a_team_lead_randomises_a_batch(client, trial, caseworker):
    client.force_login(caseworker)
    assert _upload(client, trial, HEADER + _row()).status_code == 403
    assert not Participant.objects.exists()
