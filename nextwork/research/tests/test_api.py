"""The evaluation through the JSON API: plan get/write/freeze, import (upload -> job), job status, report,
export; bad input and other roles get JSON 4xx, never a 500."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nextwork.core.models import AuditEvent
from nextwork.core.tests.test_jobs import run_queued_tasks
from nextwork.core.tokens import api_token_create

from ..models import RegisterWeek
from .conftest import PLAN
from .factories import csv_bytes, panel_frame


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)}"}


@pytest.fixture
def auth(researcher):
    return bearer(researcher)


def test_a_researcher_writes_freezes_imports_and_reads_the_report_through_the_api(client, trial, auth):
    base = f"/api/research/trials/{trial.pk}"
    assert client.get(f"{base}/plan/", **auth).status_code == 404
    response = client.put(f"{base}/plan/", PLAN, content_type="application/json", **auth)
    assert response.status_code == 200 and response.json()["sha256"] == ""
    frozen = client.post(f"{base}/plan/freeze/", **auth).json()
    assert len(frozen["sha256"]) == 64 and frozen["frozen_at"]
    assert client.put(f"{base}/plan/", PLAN, content_type="application/json", **auth).status_code == 400

    upload = SimpleUploadedFile("panel.csv", csv_bytes(panel_frame(trial, weeks=20)), content_type="text/csv")
    response = client.post(f"{base}/imports/", {"file": upload, "kind": "panel"}, **auth)
    assert response.status_code == 202 and response.json()["status"] == "queued"
    job_id = response.json()["id"]
    run_queued_tasks()
    job = client.get(f"/api/research/jobs/{job_id}/", **auth).json()
    assert job["status"] == "done" and job["result"]["rows"] == 800 and RegisterWeek.objects.count() == 800

    response = client.post(f"{base}/report/", {}, content_type="application/json", **auth)
    assert response.status_code == 202
    run_queued_tasks()
    assert client.get(f"/api/research/jobs/{response.json()['id']}/", **auth).json()["status"] == "done"
    report = client.get(f"{base}/report/", **auth).json()
    assert report["plan_sha256"] == frozen["sha256"] and report["deviations"] == []
    assert [o["name"] for o in report["result"]["outcomes"]] == PLAN["outcomes"]

    started = client.post(f"{base}/export/?format=parquet", **auth)
    assert started.status_code == 202 and started.json()["status"] == "queued"
    status_url = started.json()["status_url"]
    run_queued_tasks()
    job = client.get(status_url, **auth).json()
    assert job["status"] == "done" and job["result"]["file_name"].endswith("-parquet.zip")
    export = client.get(job["result"]["download_url"], **auth)
    assert export.status_code == 200 and export["Content-Type"] == "application/zip"
    assert "participants.parquet" in zipfile.ZipFile(io.BytesIO(export.content)).namelist()
    assert AuditEvent.objects.filter(object_type="research_export", action="export", channel="api").exists()


def test_a_refused_file_fails_its_job_with_the_row_errors(client, trial, auth, frozen_plan):
    frame = panel_frame(trial, weeks=2)
    frame.loc[3, "status"] = "on_mars"
    upload = SimpleUploadedFile("panel.csv", csv_bytes(frame), content_type="text/csv")
    job_id = client.post(f"/api/research/trials/{trial.pk}/imports/", {"file": upload, "kind": "panel"}, **auth).json()["id"]
    run_queued_tasks()
    job = client.get(f"/api/research/jobs/{job_id}/", **auth).json()
    assert job["status"] == "failed" and job["result"]["errors"] == [
        {"row": 5, "column": "status", "message": job["result"]["errors"][0]["message"]}]
    assert "on_mars" in job["result"]["errors"][0]["message"] and not RegisterWeek.objects.exists()


def _refused(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json") and response.json()["detail"]


def test_bad_input_and_other_roles_get_json_4xx(client, trial, auth, network_users, team_lead, plan):
    base = f"/api/research/trials/{trial.pk}"
    _refused(client.put(f"{base}/plan/", {**PLAN, "outcomes": ["luck"]}, content_type="application/json", **auth), 400)
    _refused(client.put(f"{base}/plan/", {**PLAN, "horizon_weeks": "x"}, content_type="application/json", **auth), 422)
    _refused(client.put(f"{base}/plan/", {**PLAN, "text": "a\x00b"}, content_type="application/json", **auth), 422)
    upload = SimpleUploadedFile("panel.csv", b"person_id,week,status\n", content_type="text/csv")
    _refused(client.post(f"{base}/imports/", {"file": upload, "kind": "panel"}, **auth), 400)  # plan not frozen
    _refused(client.post(f"{base}/report/", {}, content_type="application/json", **auth), 400)
    _refused(client.get(f"{base}/report/", **auth), 404)
    _refused(client.get("/api/research/trials/99999/plan/", **auth), 404)
    _refused(client.get("/api/research/jobs/99999/", **auth), 404)
    _refused(client.post(f"{base}/export/?format=xlsx", **auth), 422)
    _refused(client.get(f"/api/research/jobs/{job_of_someone_else(network_users)}/download/", **auth), 404)
    for user, status in ((network_users["secretariat"], 403), (team_lead, 403)):
        _refused(client.put(f"{base}/plan/", PLAN, content_type="application/json", **bearer(user)), status)
        _refused(client.post(f"{base}/export/", **bearer(user)), status)
    _refused(client.get(f"{base}/plan/", **bearer(team_lead)), 403)
    assert client.get(f"{base}/plan/", **bearer(network_users["secretariat"])).status_code == 200


def job_of_someone_else(network_users) -> int:
    from nextwork.core.jobs import job_start

    from ..tasks import build_export

    return job_start(network_users["secretariat"], "research.export", build_export, trial_id=1, fmt="csv",
                     today="2026-11-18").pk


def test_an_unfinished_export_has_no_file_yet(client, trial, auth, frozen_plan):
    job = client.post(f"/api/research/trials/{trial.pk}/export/", **auth).json()
    _refused(client.get(f"/api/research/jobs/{job['id']}/download/", **auth), 404)
