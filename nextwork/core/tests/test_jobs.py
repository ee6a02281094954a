"""Background jobs: the job's life, the progress partial and who may see it, and the real worker."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django_tasks import TaskResultStatus, task
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from nextwork.core.jobs import JobFailed, job_progress, job_start, job_task
from nextwork.core.models import Job

ROOT = Path(settings.BASE_DIR)


@task()
@job_task
def count_to(job, *, steps: int, fail: bool = False, crash: bool = False) -> dict:
    """A job for the tests: reports each step, then ends as asked."""
    for step in range(1, steps + 1):
        job_progress(job.pk, 100 * step // (steps + 1), f"Step {step} of {steps}")
    if fail:
        raise JobFailed("Row 3 is wrong.", result={"errors": [{"row": 3, "column": "cvr", "message": "Bad CVR"}]})
    if crash:
        raise RuntimeError("a bug")
    return {"message": f"Counted to {steps}.", "url": "/companies/"}


def run_queued_tasks() -> int:
    """Runs every queued task with the worker's own code, in this process and transaction (the worker's loop
    closes connections between tasks, which a test's transaction cannot survive)."""
    worker = Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="test-worker", excluded_queue_names=[])
    count = 0
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
        count += 1
    return count


def test_starting_a_job_queues_its_task_with_the_job_id(consultant):
    job = job_start(consultant, "test.count", count_to, upload=b"a;b\n", steps=2)
    assert job.status == Job.Status.QUEUED and job.owner == consultant and job.municipality == consultant.municipality
    queued = DBTaskResult.objects.get(pk=job.task_id)
    assert queued.status == TaskResultStatus.READY
    assert queued.task_path == "nextwork.core.tests.test_jobs.count_to"
    assert queued.args_kwargs == {"args": [], "kwargs": {"job_id": job.pk}}
    assert job.params == {"steps": 2, "language": "da"} and bytes(job.upload) == b"a;b\n"


def test_a_job_runs_to_done_with_its_result_and_forgets_its_upload(consultant):
    job = job_start(consultant, "test.count", count_to, upload=b"data", steps=3)
    assert run_queued_tasks() == 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.progress == 100 and job.message == "Counted to 3."
    assert job.result == {"message": "Counted to 3.", "url": "/companies/"}
    assert job.started_at <= job.finished_at and bytes(job.upload) == b"" and job.error == ""


def test_progress_is_bounded_and_only_recorded_while_running(consultant):
    job = job_start(consultant, "test.count", count_to, steps=1)
    job_progress(job.pk, 50, "too early")
    job.refresh_from_db()
    assert job.progress == 0 and job.message == ""
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    job_progress(job.pk, 250, "x" * 400)
    job.refresh_from_db()
    assert job.progress == 100 and len(job.message) == 300
    job_progress(job.pk, -5, "back")
    job.refresh_from_db()
    assert job.progress == 0


def test_a_refused_job_keeps_its_message_and_row_errors(consultant):
    job = job_start(consultant, "test.count", count_to, steps=1, fail=True)
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.error == "Row 3 is wrong."
    assert job.result["errors"][0]["row"] == 3


def test_a_crashing_job_fails_with_a_general_message_in_the_users_language(consultant, caplog):
    with translation.override("en"):  # the page the job was started from was in English
        job = job_start(consultant, "test.count", count_to, steps=1, crash=True)
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "a bug" not in job.error
    assert job.error.startswith("Something went wrong")
    assert "a bug" in caplog.text  # the traceback is logged for the operators


def test_a_job_is_run_once_only(consultant):
    job = job_start(consultant, "test.count", count_to, steps=1)
    run_queued_tasks()
    count_to.call(job_id=job.pk)  # a second delivery of the same task does nothing
    job.refresh_from_db()
    assert job.status == Job.Status.DONE


def test_a_job_whose_task_died_is_shown_as_failed(client, consultant):
    job = job_start(consultant, "test.count", count_to, steps=1)
    DBTaskResult.objects.filter(pk=job.task_id).update(status=TaskResultStatus.FAILED)
    client.force_login(consultant)
    html = client.get(reverse("core:job_status", args=[job.pk])).content.decode()
    assert 'role="alert"' in html and "hx-trigger" not in html
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED


def test_the_progress_partial_polls_while_the_job_runs(client, consultant):
    job = job_start(consultant, "test.count", count_to, steps=1)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, progress=40, message="Checking row 200")
    client.force_login(consultant)
    url = reverse("core:job_status", args=[job.pk])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="job-{job.pk}"' in html and f'hx-get="{url}"' in html and 'hx-trigger="every 2s"' in html
    assert f'<progress id="job-{job.pk}-bar" max="100"' in html
    assert 'value="40" aria-valuenow="40"' in html and 'aria-valuemin="0" aria-valuemax="100"' in html
    assert f'aria-labelledby="job-{job.pk}-label"' in html and "Checking row 200" in html
    assert '<noscript><a href="">' in html  # without JavaScript: reload the page
    assert "no-store" in response["Cache-Control"]


def test_htmx_gets_the_inside_of_the_box_and_is_told_to_stop_at_the_end(client, consultant):
    job = job_start(consultant, "test.count", count_to, steps=1)
    client.force_login(consultant)
    url = reverse("core:job_status", args=[job.pk])
    headers = {"HX-Request": "true", "HX-Target": f"job-{job.pk}"}
    running = client.get(url, headers=headers)
    assert running.status_code == 200 and f'id="job-{job.pk}"' not in running.content.decode()
    assert "<progress" in running.content.decode()
    run_queued_tasks()
    done = client.get(url, headers=headers)
    html = done.content.decode()
    assert done.status_code == 286  # htmx stops polling
    assert "Counted to 1." in html and 'href="/companies/"' in html and "<progress" not in html


def test_the_partial_lists_the_row_errors_of_a_failed_job(client, consultant):
    job = job_start(consultant, "test.count", count_to, steps=1, fail=True)
    run_queued_tasks()
    client.force_login(consultant)
    html = client.get(reverse("core:job_status", args=[job.pk])).content.decode()
    assert 'role="alert"' in html and "Row 3 is wrong." in html and "Bad CVR" in html and "hx-trigger" not in html


def test_only_the_owner_sees_a_job(client, consultant, team_lead, other_team):
    job = job_start(consultant, "test.count", count_to, steps=1)
    url = reverse("core:job_status", args=[job.pk])
    for other in (team_lead, other_team["youth_consultant"]):
        client.force_login(other)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(consultant)
    assert client.get(url).status_code == 200
    assert client.get(reverse("core:job_status", args=[job.pk + 1000])).status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker process needs a shared database")
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_process_runs_a_queued_job(consultant):
    job = job_start(consultant, "test.count", count_to, steps=3)
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "nextwork.settings.test", "DATABASE_URL": url}
    worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if not job.is_active:
                break
            time.sleep(0.2)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=20)[0].decode()
    assert job.status == Job.Status.DONE, output
    assert job.message == "Counted to 3." and job.progress == 100
    assert DBTaskResult.objects.get(pk=job.task_id).status == TaskResultStatus.SUCCESSFUL
    assert worker.returncode == 0, output  # Ctrl-C / SIGTERM stops it cleanly between tasks
