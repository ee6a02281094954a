"""Background jobs of the events app (run by `manage.py db_worker`; see nextwork/core/jobs.py): a large
allocation run (a whole municipality's pool, many young people) runs here with a progress bar."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from nextwork.core.errors import DomainError
from nextwork.core.jobs import JobFailed, job_progress, job_start, job_task
from nextwork.core.models import Job

from .models import MatchEvent
from .services import allocation

ALLOCATION_JOB = "events.allocation"
LARGE_RUN = 200  # young people who came: above this, the run goes to the background


@task()
@job_task
def run_allocation(job: Job, *, event_id: int) -> dict:
    event = MatchEvent.objects.get(pk=event_id, municipality_id=job.municipality_id)
    job_progress(job.pk, 10, _("Reading the wishes"))
    try:
        run = allocation.allocation_run(actor=job.owner, event=event)
    except DomainError as error:
        raise JobFailed(error.message) from error
    placed = len(run.result.get("placements", []))
    return {"url": reverse("events:detail", args=[event.pk]) + "#allocation-heading",
            "message": _("%(count)d young people placed; check the proposal before you confirm.") % {
                "count": placed}}


def is_large(event) -> bool:
    return event.invitations.filter(attended=True).count() > LARGE_RUN


def start_allocation(*, actor, event) -> Job:
    return job_start(actor, ALLOCATION_JOB, run_allocation, event_id=event.pk)
