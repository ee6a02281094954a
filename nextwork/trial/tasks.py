"""Background jobs of the trial app (run by `manage.py db_worker`; see nextwork/core/jobs.py)."""

import dataclasses

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from nextwork.companies.services.imports import ImportRefused
from nextwork.core.errors import DomainError
from nextwork.core.jobs import JobFailed, job_progress, job_start, job_task
from nextwork.core.models import Job

from .models import Trial
from .services import batch

BATCH_JOB = "trial.batch"


@task()
@job_task
def randomise_batch(job: Job, *, trial_id: int, filename: str) -> dict:
    """A launch batch larger than a request should carry: all rows randomised or none, with row errors."""
    trial = Trial.objects.get(pk=trial_id)
    try:
        allocated = batch.batch_randomise(actor=job.owner, trial=trial, filename=filename,
                                          content=bytes(job.upload),
                                          progress=lambda percent, message: job_progress(job.pk, percent, message))
    except ImportRefused as refused:
        raise JobFailed(refused.message, result={"errors": [dataclasses.asdict(e) for e in refused.errors]}) \
            from refused
    except DomainError as error:
        raise JobFailed(error.message) from error
    except PermissionDenied as denied:
        raise JobFailed(_("You may no longer randomise a batch.")) from denied
    count = len(allocated)
    return {"count": count, "url": reverse("trial:detail", args=[trial_id]),
            "message": ngettext("%(count)d young person was randomised.", "%(count)d young people were randomised.",
                                count) % {"count": count}}


def start_batch(*, actor, trial: Trial, filename: str, content: bytes) -> Job:
    name = (filename or "").replace("\x00", "")[:200]
    return job_start(actor, BATCH_JOB, randomise_batch, upload=content, trial_id=trial.pk, filename=name)
