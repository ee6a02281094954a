"""/health/ for load balancers: the database and the background worker, 200 only when both are ok."""

import datetime as dt

import pytest
from django.db import DatabaseError
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from nextwork.core.jobs import job_start
from nextwork.core.models import Job
from nextwork.core.tasks import heartbeat
from nextwork.core.tests.test_jobs import count_to, run_queued_tasks

pytestmark = pytest.mark.django_db
URL = "/health/"


def beats():
    return DBTaskResult.objects.filter(task_path=heartbeat.module_path)


def test_a_new_site_waits_for_its_first_heartbeat_then_is_healthy(client):
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "worker": "stale", "worker_seen_seconds_ago": None}
    assert beats().filter(status=TaskResultStatus.READY).count() == 1
    run_queued_tasks()  # the worker runs the heartbeat
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["database"] == "ok" and response.json()["worker"] == "ok"
    assert response.json()["worker_seen_seconds_ago"] <= 5


def test_it_needs_no_login_is_never_cached_and_tells_nothing_personal(client):
    response = client.get(URL)
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert set(response.json()) == {"database", "worker", "worker_seen_seconds_ago"}
    assert client.post(URL).status_code == 405


def test_probes_queue_at_most_one_heartbeat_at_a_time(client):
    for _ in range(5):
        client.get(URL)
    assert beats().count() == 1
    run_queued_tasks()
    for _ in range(5):
        client.get(URL)
    assert beats().count() == 1  # the last one is less than 30 s old


def test_a_silent_worker_is_stale_and_is_asked_again(client):
    client.get(URL)
    run_queued_tasks()
    long_ago = timezone.now() - dt.timedelta(minutes=5)
    beats().update(enqueued_at=long_ago, finished_at=long_ago)
    response = client.get(URL)
    assert response.status_code == 503 and response.json()["worker"] == "stale"
    assert response.json()["worker_seen_seconds_ago"] >= 299
    assert beats().filter(status=TaskResultStatus.READY).count() == 1


def test_a_worker_busy_with_a_long_job_that_reports_progress_is_alive(client, consultant):
    job = job_start(consultant, "test.count", count_to, steps=1)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, updated_at=timezone.now())
    response = client.get(URL)
    assert response.status_code == 200 and response.json()["worker"] == "ok"


def test_a_worker_that_cannot_run_tasks_is_an_error(client):
    client.get(URL)
    run_queued_tasks()
    beats().update(status=TaskResultStatus.FAILED, enqueued_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.get(URL)
    assert response.status_code == 503 and response.json()["worker"] == "error"


def test_old_heartbeats_are_removed(client):
    client.get(URL)
    run_queued_tasks()
    long_ago = timezone.now() - dt.timedelta(hours=1)
    beats().update(enqueued_at=long_ago, finished_at=long_ago)
    client.get(URL)
    run_queued_tasks()
    assert beats().count() == 1 and beats().get().finished_at > long_ago


def test_a_database_that_does_not_answer_is_an_error(client, monkeypatch):
    class Broken:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr("nextwork.core.views.connection", Broken())
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json() == {"database": "error", "worker": "error", "worker_seen_seconds_ago": None}
