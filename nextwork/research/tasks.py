"""Background jobs of the evaluation (run by `manage.py db_worker`; see nextwork/core/jobs.py): importing a
register extract, computing the report and building the pseudonymised export (kept encrypted for its owner
to download, as the large list exports are: nextwork/core/exports.py). The import writes in one transaction; its progress is reported
through a second database connection so the page sees it move while the transaction is open."""

import dataclasses
import datetime as dt

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from nextwork.core import audit, exports
from nextwork.core.errors import DomainError
from nextwork.core.jobs import JobFailed, SideProgress, job_progress, job_start, job_task
from nextwork.core.models import Job
from nextwork.trial.models import Trial

from . import access
from .services import export, imports, parsing, reports

IMPORT_JOB = "research.import"
REPORT_JOB = "research.report"
EXPORT_JOB = "research.export"


@task()
@job_task
def import_register(job: Job, *, trial_id: int, kind: str, filename: str) -> dict:
    trial = Trial.objects.get(pk=trial_id)
    progress = SideProgress(job.pk)
    try:
        record = imports.register_import(actor=job.owner, trial=trial, kind=kind, filename=filename,
                                         content=bytes(job.upload), job=job, progress=progress)
    except parsing.ImportRefused as refused:
        raise JobFailed(refused.message, result={"errors": [dataclasses.asdict(e) for e in refused.errors],
                                                 "total": refused.total}) from refused
    except DomainError as error:
        raise JobFailed(error.message) from error
    except PermissionDenied as denied:
        raise JobFailed(_("You may no longer import register data.")) from denied
    finally:
        progress.close()
    return {"import_id": record.pk, "rows": record.rows, "url": reverse("research:trial", args=[trial.pk]),
            "message": ngettext("%(count)d row was imported.", "%(count)d rows were imported.", record.rows)
            % {"count": record.rows}}


def start_import(*, actor, trial, kind: str, filename: str, content: bytes) -> Job:
    name = (filename or "").replace("\x00", "")[:200]
    return job_start(actor, IMPORT_JOB, import_register, upload=content, trial_id=trial.pk, kind=kind, filename=name)


@task()
@job_task
def compute_report(job: Job, *, trial_id: int, outcomes: list | None = None, horizon_weeks: int | None = None) -> dict:
    trial = Trial.objects.get(pk=trial_id)
    try:
        run = reports.report_compute(actor=job.owner, trial=trial, outcomes=outcomes, horizon_weeks=horizon_weeks,
                                     progress=lambda percent, message: job_progress(job.pk, percent, message))
    except DomainError as error:
        raise JobFailed(error.message) from error
    except PermissionDenied as denied:
        raise JobFailed(_("You may no longer compute the report.")) from denied
    if run.error:
        raise JobFailed(_("The evaluation engine refused the data: %(error)s") % {"error": run.error[:250]},
                        result={"report_id": run.pk})
    return {"report_id": run.pk, "url": reverse("research:report", args=[trial.pk]),
            "message": _("The report is computed.")}


def start_report(*, actor, trial, outcomes=None, horizon_weeks=None) -> Job:
    return job_start(actor, REPORT_JOB, compute_report, trial_id=trial.pk, outcomes=list(outcomes or []) or None,
                     horizon_weeks=horizon_weeks)


@task()
@job_task
def build_export(job: Job, *, trial_id: int, fmt: str, today: str, channel: str = "web") -> dict:
    """The export's audit row is written by the access function, with the channel (web or API) it was
    started from."""
    trial = Trial.objects.get(pk=trial_id)
    started_from = audit.current_channel.set(channel)
    try:
        name, content = access.research_export(job.owner, trial, fmt=fmt, today=dt.date.fromisoformat(today),
                                               progress=lambda percent, message: job_progress(job.pk, percent,
                                                                                              message))
    except PermissionDenied as denied:
        raise JobFailed(_("You may no longer export the research data.")) from denied
    finally:
        audit.current_channel.reset(started_from)
    job_progress(job.pk, 95, _("Saving the file"))
    exports.export_save(job.pk, content=content, name=name)
    return {"message": _("The export is ready. It can be downloaded for %(hours)s hours.")
            % {"hours": exports.DOWNLOAD_HOURS},
            "url": reverse("core:job_download", args=[job.pk]), "link_text": _("Download the export (zip)"),
            "download_url": f"/api/research/jobs/{job.pk}/download/", "file_name": name}


def start_export(*, actor, trial, fmt: str, today: dt.date) -> Job:
    fmt = fmt if fmt in export.FORMATS else "csv"
    return job_start(actor, EXPORT_JOB, build_export, trial_id=trial.pk, fmt=fmt, today=today.isoformat(),
                     channel=audit.current_channel.get())
