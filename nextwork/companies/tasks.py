"""Background jobs of the companies app (run by `manage.py db_worker`; see nextwork/core/jobs.py)."""

import dataclasses

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from nextwork.core.errors import DomainError
from nextwork.core.jobs import JobFailed, job_progress, job_start, job_task
from nextwork.core.models import Job

from .services import imports

IMPORT_JOB = "companies.import"


@task()
@job_task
def import_rows(job: Job, *, kind: str, filename: str) -> dict:
    """A large company or offer file (the import page starts it): all rows or none, with the row errors."""
    try:
        count = imports.import_file(actor=job.owner, kind=kind, filename=filename, content=bytes(job.upload),
                                    progress=lambda percent, message: job_progress(job.pk, percent, message))
    except imports.ImportRefused as refused:
        raise JobFailed(refused.message, result={"errors": [dataclasses.asdict(e) for e in refused.errors]}) \
            from refused
    except DomainError as error:
        raise JobFailed(error.message) from error
    except PermissionDenied as denied:
        raise JobFailed(_("You may no longer import companies or offers.")) from denied
    return {"count": count, "url": reverse("companies:list" if kind == "companies" else "companies:offers"),
            "message": ngettext("%(count)d row was imported.", "%(count)d rows were imported.", count)
            % {"count": count}}


def start_import(*, actor, kind: str, filename: str, content: bytes) -> Job:
    """Queues the import of a large file; the import page follows the job."""
    name = (filename or "").replace("\x00", "")[:200]
    return job_start(actor, IMPORT_JOB, import_rows, upload=content, kind=kind, filename=name)
