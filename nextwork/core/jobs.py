"""Background jobs: the one way a page starts work that takes longer than a request.

A job is a `Job` row (who started it, its progress and its result) plus a task of Django's task framework
(django-tasks, queued in the database by django-tasks-db) that `manage.py db_worker` runs:

    @task()
    @job_task
    def import_companies(job, *, filename):          # the job's params arrive as keyword arguments
        job_progress(job.pk, 50, _("Checking rows"))  # outside any transaction, or nobody sees it
        if bad:
            raise JobFailed(_("The file was not imported."), result={"errors": [...]})
        return {"message": _("12 rows were imported."), "url": "/companies/"}

    job = job_start(request.user, "import_companies", import_companies, upload=content, filename=name)

The page then includes core/_job_progress.html, which polls `/jobs/<id>/` (nextwork/core/views.py).

A task whose work holds one transaction open (an all-or-nothing import, the demo builder) reports through
`SideProgress(job.pk)`, which writes on a second database connection (see its docstring).
"""

import datetime as dt
import functools
import logging

from django.conf import settings
from django.db import DatabaseError, connection, connections, transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import Job

logger = logging.getLogger(__name__)

HEARTBEAT_EVERY = dt.timedelta(seconds=30)


class JobFailed(Exception):
    """A job's task ends the job as failed with a message for its owner (and data, e.g. row errors)."""

    def __init__(self, message: str, *, result: dict | None = None):
        super().__init__(message)
        self.message = message
        self.result = result or {}


def job_start(user, kind: str, task, /, *, upload: bytes = b"", **params) -> Job:
    """Creates the job and queues `task` (a `@task() @job_task` function) with the job's id, in one transaction:
    the worker sees both or neither. `params` (JSON) are handed to the task; `upload` is a file it reads with
    `job.upload` (emptied when the job ends). The task runs in the language the page was shown in (kept in
    params as "language")."""
    params = {**params, "language": translation.get_language() or user.language or settings.LANGUAGE_CODE}
    with transaction.atomic():
        job = Job.objects.create(owner=user, municipality_id=user.municipality_id, kind=kind, params=params,
                                 upload=upload)
        result = task.enqueue(job_id=job.pk)
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def job_progress(job_id: int, percent: int, message: str = "") -> None:
    """A running job's task reports how far it is (0-100) and what it is doing. Call it outside a transaction:
    inside one, nobody else sees the row change until the transaction ends."""
    percent = max(0, min(100, int(percent)))
    Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(
        progress=percent, message=message[:300], updated_at=timezone.now())


class SideProgress:
    """Progress for a job whose work holds a transaction open: `progress(percent, message)`, then `close()`
    (or use it in a `with` block). On PostgreSQL a second connection writes it, committed at once, so the page
    sees it move while the work's transaction is open. SQLite allows one writer at a time: a second connection
    would wait for the open transaction and then fail, so there progress is written only outside a
    transaction and otherwise skipped (the page shows the job running, then its result). A progress write
    that fails is skipped too: progress never stops the work."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.side = connections.create_connection("default") if connection.vendor == "postgresql" else None

    def __call__(self, percent: int, message: str = "") -> None:
        if self.side is None:
            if not connection.in_atomic_block:
                job_progress(self.job_id, percent, message)
            return
        # Only the model's own table name is put into the text.
        sql = (f"UPDATE {Job._meta.db_table} SET progress = %s, message = %s, updated_at = %s "  # noqa: S608
               "WHERE id = %s AND status = %s")  # nosec B608
        try:
            with self.side.cursor() as cursor:
                cursor.execute(sql, [max(0, min(100, int(percent))), message[:300], timezone.now(), self.job_id,
                                     Job.Status.RUNNING])
        except DatabaseError:
            logger.warning("Job %s: progress not recorded", self.job_id, exc_info=True)

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None

    def __enter__(self) -> "SideProgress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _finish(job_id: int, status: str, *, message: str = "", result: dict | None = None, error: str = "") -> None:
    now = timezone.now()
    changes = {"status": status, "message": message[:300], "result": result or {}, "error": error,
               "finished_at": now, "updated_at": now, "upload": b""}
    if status == Job.Status.DONE:
        changes["progress"] = 100
    Job.objects.filter(pk=job_id).update(**changes)


def job_task(func):
    """Turns `func(job, **params)` into the body of a task that takes the job's id: it marks the job running,
    runs `func` in the starting page's language and records the result (`func` returns a dict; "message" and "url" are
    shown to the owner), a `JobFailed`, or an unexpected error (logged; the owner gets a general message)."""

    @functools.wraps(func)
    def run(job_id: int) -> None:
        now = timezone.now()
        if not Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
                status=Job.Status.RUNNING, started_at=now, updated_at=now):
            logger.warning("Job %s is not waiting to start; nothing done", job_id)
            return
        job = Job.objects.select_related("owner").get(pk=job_id)
        params = dict(job.params)
        with translation.override(params.pop("language", "") or job.owner.language or settings.LANGUAGE_CODE):
            try:
                result = func(job, **params) or {}
            except JobFailed as failed:
                _finish(job_id, Job.Status.FAILED, error=failed.message, result=failed.result)
            except Exception:
                logger.exception("Job %s (%s) failed", job_id, job.kind)
                _finish(job_id, Job.Status.FAILED, error=_(
                    "Something went wrong and the job was stopped. Try again; if it happens again, contact "
                    "support."))
            except BaseException:  # the worker was stopped in the middle of the job
                _finish(job_id, Job.Status.FAILED, error=_("The job was interrupted. Start it again."))
                raise
            else:
                _finish(job_id, Job.Status.DONE, message=str(result.get("message", "")), result=result)

    return run


def access_job_by_id(user, job_id: int) -> Job:
    """The job, for its owner only: anyone else gets a 404, as for a record of another municipality."""
    job = Job.objects.filter(pk=job_id, owner_id=user.pk).first()
    if job is None:
        raise Http404
    _notice_lost_task(job)
    return job


def _notice_lost_task(job: Job) -> None:
    """A job whose task ended without the job hearing of it (the worker died between the two) is failed."""
    if not job.is_active or not job.task_id:
        return
    task_status = DBTaskResult.objects.filter(pk=job.task_id).values_list("status", flat=True).first()
    if task_status in (TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL):
        _finish(job.pk, Job.Status.FAILED, error=_("The job was interrupted. Start it again."))
        job.refresh_from_db()


def recent_jobs(user, *, kinds: list[str], limit: int = 5) -> list[Job]:
    """The user's newest jobs of these kinds, for the page that starts them."""
    return list(Job.objects.filter(owner_id=user.pk, kind__in=kinds).defer("upload")[:limit])


def worker_health(*, now: dt.datetime | None = None) -> tuple[str, int | None]:
    """("ok" | "stale" | "error", seconds since the worker was last seen). The worker is seen when it runs a
    heartbeat task (queued here at most every 30 s, while none waits) or a job reports progress. "error": the
    newest heartbeat failed (the worker runs but cannot run tasks)."""
    from .tasks import heartbeat

    now = now or timezone.now()
    beats = DBTaskResult.objects.filter(task_path=heartbeat.module_path)
    last_beat = beats.filter(status=TaskResultStatus.SUCCESSFUL).aggregate(at=Max("finished_at"))["at"]
    last_failure = beats.filter(status=TaskResultStatus.FAILED).aggregate(at=Max("finished_at"))["at"]
    last_progress = Job.objects.filter(status=Job.Status.RUNNING).aggregate(at=Max("updated_at"))["at"]
    waiting = beats.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).exists()
    last_queued = beats.aggregate(at=Max("enqueued_at"))["at"]
    if not waiting and (last_queued is None or now - last_queued >= HEARTBEAT_EVERY):
        heartbeat.enqueue()
    seen = max((at for at in (last_beat, last_progress) if at is not None), default=None)
    seconds = None if seen is None else max(0, int((now - seen).total_seconds()))
    if last_failure is not None and (last_beat is None or last_failure > last_beat):
        return "error", seconds
    if seconds is None or seconds > settings.NEXTWORK_WORKER_MAX_SILENCE:
        return "stale", seconds
    return "ok", seconds
