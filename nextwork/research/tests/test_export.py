"""The pseudonymised research export: research IDs only, no CPR numbers or names; baseline, allocation,
exposure and outcomes with a codebook, as CSV and Parquet; researchers only; every export audit-logged. It is
built in the background worker: the trial page shows its progress, then the download (or the error)."""

import io
import zipfile

import pandas as pd
import pytest
from django.urls import reverse

from nextwork.core.models import AuditEvent, Job
from nextwork.core.roles import Role
from nextwork.core.tests.test_jobs import run_queued_tasks
from nextwork.trial.models import Participant

from ..services import imports
from .factories import csv_bytes, panel_frame


@pytest.fixture
def client(client):
    """The pages in English, the language the assertions are written in."""
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def panel(frozen_plan, trial, researcher):
    frame = panel_frame(trial, weeks=3)
    imports.register_import(actor=researcher, trial=trial, kind="panel", filename="panel.csv", content=csv_bytes(frame))
    return frame


def _tables(content: bytes, fmt: str) -> dict[str, pd.DataFrame]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    read = pd.read_parquet if fmt == "parquet" else pd.read_csv
    return {name.split(".")[0]: (pd.read_csv if name == "codebook.csv" else read)(io.BytesIO(archive.read(name)))
            for name in archive.namelist()}


def _exported(client, trial, fmt: str):
    """Starts the export from the trial page, runs the worker, and downloads the file the page links to."""
    started = client.post(reverse("research:export", args=[trial.pk]), {"format": fmt})
    assert started.status_code == 302 and "?job=" in started["Location"]
    job = Job.objects.get(kind="research.export")
    run_queued_tasks()
    page = client.get(started["Location"]).content.decode()
    download = f"/jobs/{job.pk}/download/"
    assert "The export is ready" in page and download in page
    return client.get(download)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_the_export_has_research_ids_and_no_cpr_numbers_or_names(client, panel, trial, researcher, fmt):
    client.force_login(researcher)
    response = _exported(client, trial, fmt)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].endswith(f'-{fmt}.zip"') and "no-store" in response["Cache-Control"]
    tables = _tables(response.content, fmt)
    assert set(tables) == {"participants", "weeks", "events", "codebook"}
    participants = tables["participants"]
    assert len(participants) == 40 and len(tables["weeks"]) == len(panel)
    assert set(participants.research_id) == set(Participant.objects.values_list("research_id", flat=True))
    raw = zipfile.ZipFile(io.BytesIO(response.content))
    everything = b"".join(raw.read(name) for name in raw.namelist())
    for participant in Participant.objects.all():
        assert participant.cpr.encode() not in everything and participant.cpr[:6].encode() + b"-" not in everything
        assert participant.first_name.encode() not in everything
    assert b"Efternavnsen" not in everything
    assert not {"cpr", "first_name", "last_name", "name", "birth_date"} & set(participants.columns)
    assert {"arm", "stratum", "group_sessions_attended", "internship_weeks", "age"} <= set(participants.columns)
    book = tables["codebook"]
    assert set(zip(book.table, book.variable, strict=True)) >= {("weeks", "status"), ("participants", "arm")}
    audit = AuditEvent.objects.get(object_type="research_export", actor=researcher)
    assert audit.action == "export" and f"{fmt}: 40 participants" in audit.summary


def test_exposure_counts_group_sessions_and_internship_weeks(panel, trial, researcher, make_person, team_lead):
    import datetime as dt

    from nextwork.groups.models import Attendance, Membership, NetworkGroup, Session

    from ..services import export

    participant = Participant.objects.filter(trial=trial, arm="treatment").first()
    person = make_person().person
    Participant.objects.filter(pk=participant.pk).update(person=person)
    group = NetworkGroup.objects.create(municipality=person.municipality, name="Mandag", weekday="mon",
                                        starts_at=dt.time(10), ends_at=dt.time(12), place="Huset",
                                        active_from=dt.date.today() - dt.timedelta(days=60))
    membership = Membership.objects.create(group=group, person=person, joined_on=dt.date.today() - dt.timedelta(days=50))
    for weeks_ago, status in ((3, "present"), (2, "late"), (1, "absent")):
        session = Session.objects.create(group=group, date=dt.date.today() - dt.timedelta(weeks=weeks_ago),
                                         starts_at=dt.time(10), status="held")
        Attendance.objects.create(session=session, membership=membership, status=status)
    row = export.tables(trial)["participants"].set_index("research_id").loc[participant.research_id]
    assert row.group_sessions_attended == 2 and row.internship_weeks == 0


def test_only_researchers_may_export_and_a_refusal_is_logged(client, panel, trial, network_users, team):
    for user in [network_users["secretariat"], network_users["admin"], *team.values()]:
        client.force_login(user)
        assert client.post(reverse("research:export", args=[trial.pk]), {"format": "csv"}).status_code == 403
    assert not AuditEvent.objects.filter(object_type="research_export", action="export").exists()
    assert AuditEvent.objects.filter(action="denied", summary__startswith="research.export").count() == 8


def test_the_page_shows_the_export_waiting_and_the_researcher_can_leave_and_come_back(client, panel, trial,
                                                                                   researcher):
    client.force_login(researcher)
    started = client.post(reverse("research:export", args=[trial.pk]), {"format": "csv"})
    page = client.get(started["Location"]).content.decode()
    assert "Export as CSV" in page and 'class="job-progress"' in page and "You can leave this page" in page
    # Nothing is built or logged before the worker runs it.
    assert not AuditEvent.objects.filter(object_type="research_export", action="export").exists()
    # Back later from the trial page: the recent export is listed and leads to its result.
    run_queued_tasks()
    job = Job.objects.get(kind="research.export")
    trial_page = client.get(reverse("research:trial", args=[trial.pk])).content.decode()
    assert f"?job={job.pk}#export-job-heading" in trial_page and "Done" in trial_page


def test_an_export_whose_researcher_lost_the_role_fails_with_a_clear_message(client, panel, trial, researcher):
    client.force_login(researcher)
    started = client.post(reverse("research:export", args=[trial.pk]), {"format": "csv"})
    type(researcher).objects.filter(pk=researcher.pk).update(role=Role.SECRETARIAT)
    run_queued_tasks()
    job = Job.objects.get(kind="research.export")
    assert job.status == Job.Status.FAILED and job.error == "You may no longer export the research data."
    assert not job.output
    client.force_login(type(researcher).objects.get(pk=researcher.pk))
    assert "You may no longer export the research data." in client.get(started["Location"]).content.decode()
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 302  # no file: back to the job's page


def test_another_users_export_cannot_be_downloaded(client, panel, trial, researcher, network_users):
    client.force_login(researcher)
    _exported(client, trial, "csv")
    job = Job.objects.get(kind="research.export")
    client.force_login(network_users[Role.SECRETARIAT])
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 404
