"""A list export with more rows than the page should write runs in the background worker: the page shows its
progress, the owner downloads the file when it is ready (for a day), nobody else can, and the file is stored
encrypted."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.utils import timezone

from nextwork.core.models import AuditEvent, Job
from nextwork.core.tests.test_jobs import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_people(make_person):
    return [make_person(first_name=name) for name in ("Asta", "Bo", "Cille")]


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.NEXTWORK_BACKGROUND_EXPORT_ROWS = 2


def test_a_large_export_runs_in_the_worker_and_the_owner_downloads_it(client, team_lead, three_people):
    client.force_login(team_lead)
    client.cookies["django_language"] = "en"
    response = client.get("/young-people/?export=csv")
    job = Job.objects.get(owner=team_lead, kind="export")
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/page/"
    assert "Waiting to start" in client.get(response["Location"]).content.decode()
    assert run_queued_tasks() == 1
    page = client.get(f"/jobs/{job.pk}/page/").content.decode()
    assert "The file with 3 rows is ready" in page and f"/jobs/{job.pk}/download/" in page
    download = client.get(f"/jobs/{job.pk}/download/")
    assert download.status_code == 200 and "no-store" in download["Cache-Control"]
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert len(rows) == 4 and {"Asta", "Bo", "Cille"} <= {cell for row in rows for cell in " ".join(row).split()}
    job.refresh_from_db()
    assert "Asta" not in job.output and bytes(job.upload) == b""
    assert AuditEvent.objects.filter(actor=team_lead, action="export", object_type="job").count() == 1
    assert f"/jobs/{job.pk}/page/" in client.get("/jobs/").content.decode()


def test_nobody_else_can_download_it(client, team_lead, consultant, three_people):
    client.force_login(team_lead)
    client.get("/young-people/?export=xlsx")
    run_queued_tasks()
    job = Job.objects.get(owner=team_lead)
    client.force_login(consultant)
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 404
    assert client.get(f"/jobs/{job.pk}/page/").status_code == 404


def test_the_file_is_gone_after_a_day(client, team_lead, three_people):
    client.force_login(team_lead)
    client.get("/young-people/?export=csv")
    run_queued_tasks()
    job = Job.objects.get(owner=team_lead)
    with time_machine.travel(timezone.now() + dt.timedelta(hours=25)):
        client.force_login(team_lead)  # the session itself has long expired
        response = client.get(f"/jobs/{job.pk}/download/")
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/page/"


def test_a_small_export_is_still_downloaded_at_once(client, team_lead, make_person, settings):
    settings.NEXTWORK_BACKGROUND_EXPORT_ROWS = 100
    make_person(first_name="Asta")
    client.force_login(team_lead)
    response = client.get("/young-people/?export=csv")
    assert response.status_code == 200 and "Asta" in response.content.decode("utf-8-sig")
    assert not Job.objects.exists()
