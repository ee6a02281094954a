"""Background recomputation of the stored monthly figures, run by `manage.py db_worker`."""

from __future__ import annotations

import datetime as dt

from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from .figures import figures_store


@task(priority=-10)
def refresh_figures(month: str) -> int:
    """Recomputes one month's figures for every municipality ("YYYY-MM-DD", the month's first day)."""
    return figures_store([dt.date.fromisoformat(month)])


def refresh_queue(month: dt.date) -> bool:
    """Queues a recomputation of the month unless one is already waiting or running; True when queued."""
    waiting = DBTaskResult.objects.filter(task_path=refresh_figures.module_path,
                                          status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
                                          args_kwargs__kwargs__month=month.isoformat())
    if waiting.exists():
        return False
    refresh_figures.enqueue(month=month.isoformat())
    return True
