"""The allocation log export is checked by the auditor's command line, with the secret revealed after the
trial: `python -m nextwork.randomisation verify`."""

import subprocess
import sys

from nextwork.core.models import AuditEvent
from nextwork.core.roles import Role
from nextwork.trial.models import Participant
from nextwork.trial.services.lifecycle import trial_close, trial_reveal_secret
from nextwork.trial.services.randomise import participant_randomise
from nextwork.trial.services.records import participant_mark_in_error

from .conftest import baseline


def _verify(tmp_path, client, trial) -> subprocess.CompletedProcess:
    log = client.get(f"/trial/{trial.pk}/log.csv")
    assert log.status_code == 200
    (tmp_path / "log.csv").write_bytes(log.content)
    (tmp_path / "settings.json").write_bytes(client.get(f"/trial/{trial.pk}/settings.json").content)
    secret = client.get(f"/trial/{trial.pk}/secret.bin")
    assert secret.status_code == 200
    (tmp_path / "secret.bin").write_bytes(secret.content)
    return subprocess.run([sys.executable, "-m", "nextwork.randomisation", "verify", "--log", tmp_path / "log.csv",
                           "--secret-file", tmp_path / "secret.bin", "--settings", tmp_path / "settings.json"],
                          capture_output=True, text=True, check=False)


def _fill(trial, caseworker, count=30):
    for i in range(count):
        participant_randomise(actor=caseworker, trial=trial, data=baseline(
            age_years=19 + i % 10, benefit_type=("cash_benefit", "education_benefit")[i % 2]))


def test_the_exported_log_verifies_with_the_revealed_secret(tmp_path, client, trial, caseworker, team_lead,
                                                             network_users):
    _fill(trial, caseworker)
    participant_mark_in_error(actor=team_lead, participant=Participant.objects.first(), reason="Tastefejl")
    trial_close(actor=team_lead, trial=trial)
    trial_reveal_secret(actor=team_lead, trial=trial)
    client.force_login(network_users[Role.RESEARCHER])
    result = _verify(tmp_path, client, trial)
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout
    text = (tmp_path / "log.csv").read_text()
    assert "Mads" not in text and text.count("\n") == 31 and ",yes," in text
    assert AuditEvent.objects.filter(object_type="trial_secret", action="export").exists()


def test_a_changed_arm_in_the_log_fails_verification(tmp_path, client, trial, caseworker, team_lead):
    _fill(trial, caseworker, 6)
    trial_close(actor=team_lead, trial=trial)
    trial_reveal_secret(actor=team_lead, trial=trial)
    client.force_login(team_lead)
    first = Participant.objects.order_by("stratum", "position").first()
    Participant.objects.filter(pk=first.pk).update(arm="control" if first.arm == "treatment" else "treatment")
    assert _verify(tmp_path, client, trial).returncode == 1


def test_minimisation_logs_verify_too(tmp_path, client, make_trial, caseworker, team_lead):
    trial = make_trial(method="minimisation")
    caseworker.municipality.refresh_from_db()
    _fill(trial, caseworker, 12)
    trial_close(actor=team_lead, trial=trial)
    trial_reveal_secret(actor=team_lead, trial=trial)
    client.force_login(team_lead)
    result = _verify(tmp_path, client, trial)
    assert result.returncode == 0, result.stderr


def test_the_secret_is_not_given_before_it_is_revealed(client, trial, team_lead):
    client.force_login(team_lead)
    assert client.get(f"/trial/{trial.pk}/secret.bin").status_code == 404
