"""Tasks of the core app, run by `manage.py db_worker`."""

import datetime as dt

from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

KEEP_HEARTBEATS = dt.timedelta(minutes=10)


@task(priority=100)
def heartbeat() -> None:
    """Proves that the worker picks up and runs tasks (/health/ queues it, nextwork/core/jobs.py); first in line
    so that a queue of jobs does not hide a live worker. Removes the heartbeats of more than 10 minutes ago."""
    DBTaskResult.objects.filter(task_path=heartbeat.module_path, status=TaskResultStatus.SUCCESSFUL,
                                finished_at__lt=timezone.now() - KEEP_HEARTBEATS).delete()
