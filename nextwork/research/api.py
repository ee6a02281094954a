"""The trial evaluation through the JSON API, with the same permissions and audit as the pages: the
pre-analysis plan (get, write, freeze), register imports (upload -> a background job's id), the job's
status, the report (compute -> job id; the latest as JSON) and the pseudonymised export (start -> job id;
the zip from the finished job)."""

import datetime as dt
from typing import Annotated, Literal

from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from nextwork.core import exports
from nextwork.core.access import record_read
from nextwork.core.api import Id
from nextwork.core.api import text as bounded_text
from nextwork.core.errors import DomainError
from nextwork.core.jobs import access_job_by_id

from . import access, tasks
from .services import imports, plans
from .services.reports import describe

router = Router(tags=["trial evaluation"])

Names = Annotated[list[Annotated[str, Field(max_length=40)]], Field(max_length=40)]


class Error(Schema):
    detail: str


class DomainErrorOut(Schema):
    detail: str
    field: str | None = None


class TrialOut(Schema):
    id: int
    name: str
    status: str


class PlanIn(Schema):
    outcomes: Names
    horizon_weeks: int = Field(130, ge=1, le=plans.MAX_HORIZON)
    covariates: Names = []
    subgroups: Names = ["municipality"]
    ri_draws: int = Field(10_000, ge=0, le=plans.MAX_DRAWS)
    seed: int = Field(1, ge=0, le=2**31 - 1)
    text: bounded_text(plans.MAX_TEXT) = ""


class PlanOut(Schema):
    trial_id: int
    outcomes: list[str]
    horizon_weeks: int
    covariates: list[str]
    subgroups: list[str]
    ri_draws: int
    seed: int
    text: str
    frozen_at: dt.datetime | None
    sha256: str = Field(description="SHA-256 of `canonical` (empty until frozen)")
    canonical: str = Field(description="The canonical JSON that was hashed (empty until frozen)")


class JobOut(Schema):
    id: int
    kind: str
    status: str = Field(description="queued, running, done or failed")
    progress: int
    message: str
    error: str
    result: dict
    status_url: str = Field(description="where to follow the job")


class ReportIn(Schema):
    outcomes: Names = Field([], description="Empty: the plan's outcomes. Others are flagged as deviations.")
    horizon_weeks: int | None = Field(None, ge=1, le=plans.MAX_HORIZON)


class DeviationOut(Schema):
    code: str
    text: str
    details: dict


class ReportOut(Schema):
    id: int
    computed_at: dt.datetime
    plan_sha256: str
    spec: dict
    deviations: list[DeviationOut]
    data: dict
    error: str
    result: dict = Field(description="The evaluation engine's result (docs/evaluation.md)")


def _plan_out(plan) -> dict:
    return {"trial_id": plan.trial_id, **{name: getattr(plan, name) for name in plans.FIELDS},
            "frozen_at": plan.frozen_at, "sha256": plan.sha256, "canonical": plan.canonical}


def _job_out(job) -> dict:
    return {"id": job.pk, "kind": job.kind, "status": job.status, "progress": job.progress, "message": job.message,
            "error": job.error, "result": job.result, "status_url": f"/api/research/jobs/{job.pk}/"}


def _own_job(request, job_id: int):
    job = access_job_by_id(request.user, job_id)
    return job if job.kind in (tasks.IMPORT_JOB, tasks.REPORT_JOB, tasks.EXPORT_JOB) else None


@router.get("/trials/", response={200: list[TrialOut], 403: Error})
def trial_list(request):
    return [{"id": t.pk, "name": t.name, "status": t.status} for t in access.trials_for(request.user)[:200]]


@router.get("/trials/{trial_id}/plan/", response={200: PlanOut, 403: Error, 404: Error})
def plan_get(request, trial_id: Id):
    trial = access.access_trial(request.user, trial_id)
    plan = access.plan_of(trial)
    if plan is None:
        return Status(404, {"detail": "The trial has no pre-analysis plan yet."})
    return _plan_out(plan)


@router.put("/trials/{trial_id}/plan/", response={200: PlanOut, 400: DomainErrorOut, 403: Error, 404: Error,
                                                   422: Error})
def plan_put(request, trial_id: Id, body: PlanIn):
    trial = access.access_trial(request.user, trial_id, action="research.plan")
    plan = plans.plan_save(actor=request.user, trial=trial, details=body.dict())
    return _plan_out(plan)


@router.post("/trials/{trial_id}/plan/freeze/", response={200: PlanOut, 400: DomainErrorOut, 403: Error, 404: Error})
def plan_freeze(request, trial_id: Id):
    trial = access.access_trial(request.user, trial_id, action="research.plan")
    plan = access.plan_of(trial)
    if plan is None:
        raise DomainError("Write the plan first.")
    return _plan_out(plans.plan_freeze(actor=request.user, plan=plan))


@router.post("/trials/{trial_id}/imports/", response={202: JobOut, 400: DomainErrorOut, 403: Error, 404: Error,
                                                       422: Error})
def import_start(request, trial_id: Id, file: File[UploadedFile], kind: Form[Literal["panel", "events"]] = "panel"):
    """Upload a register extract (multipart: `file`, `kind`); it is checked and imported by a background job.
    Follow the job at /api/research/jobs/{id}/: a refused file fails the job with the rows' errors in
    `result.errors`."""
    trial = access.access_trial(request.user, trial_id, action="research.import")
    plan = access.plan_of(trial)
    if plan is None or not plan.is_frozen:
        raise DomainError("Freeze the pre-analysis plan before you import outcome data.", field="file")
    if file.size > imports.MAX_FILE_BYTES:
        raise DomainError("The file is too large.", field="file")
    job = tasks.start_import(actor=request.user, trial=trial, kind=kind, filename=file.name or "",
                             content=file.read())
    return Status(202, _job_out(job))


@router.get("/jobs/{job_id}/", response={200: JobOut, 404: Error})
def job_status(request, job_id: Id):
    """A background job you started (an import, a report or an export)."""
    job = _own_job(request, job_id)
    if job is None:
        return Status(404, {"detail": "Not found."})
    return _job_out(job)


@router.get("/jobs/{job_id}/download/", response={200: None, 404: Error}, url_name="research_export_download")
def export_download(request, job_id: Id):
    """The file of a finished export job you started (a zip), for 24 hours after it finished."""
    job = _own_job(request, job_id)
    found = exports.export_file(job) if job is not None and job.kind == tasks.EXPORT_JOB else None
    if found is None:
        return Status(404, {"detail": "No file: the export has not finished, failed, or finished more than "
                                      f"{exports.DOWNLOAD_HOURS} hours ago."})
    content, name, content_type = found
    record_read(request.user, action="export", object_type="job", object_id=job.pk,
                municipality_id=request.user.municipality_id, summary=f"download {name}")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@router.post("/trials/{trial_id}/report/", response={202: JobOut, 400: DomainErrorOut, 403: Error, 404: Error,
                                                      422: Error})
def report_start(request, trial_id: Id, body: ReportIn):
    trial = access.access_trial(request.user, trial_id, action="research.report")
    plan = access.plan_of(trial)
    if plan is None or not plan.is_frozen:
        raise DomainError("Freeze the pre-analysis plan before you compute the report.")
    from . import outcomes as known

    unknown = [name for name in body.outcomes if name not in known.outcome_names()]
    if unknown:
        raise DomainError(f"Unknown outcomes: {', '.join(unknown)[:200]}.", field="outcomes")
    job = tasks.start_report(actor=request.user, trial=trial, outcomes=body.outcomes,
                             horizon_weeks=body.horizon_weeks)
    return Status(202, _job_out(job))


@router.get("/trials/{trial_id}/report/", response={200: ReportOut, 403: Error, 404: Error})
def report_get(request, trial_id: Id):
    trial = access.access_trial(request.user, trial_id)
    run = access.latest_report(request.user, trial)
    if run is None:
        return Status(404, {"detail": "No report has been computed yet."})
    return {"id": run.pk, "computed_at": run.created_at, "plan_sha256": run.plan_sha256, "spec": run.spec,
            "deviations": [{"code": d.get("code", ""), "text": describe(d),
                            "details": {k: v for k, v in d.items() if k != "code"}} for d in run.deviations],
            "data": run.data, "error": run.error, "result": run.result}


@router.post("/trials/{trial_id}/export/", response={202: JobOut, 403: Error, 404: Error, 422: Error})
def export(request, trial_id: Id, format: Literal["csv", "parquet"] = "csv"):  # noqa: A002 - the query name
    """Starts the pseudonymised research export (researchers only; audit-logged) in the background worker.
    Follow it at `status_url`; when it is done, `result.download_url` gives the zip for 24 hours."""
    trial = access.access_trial(request.user, trial_id, action="research.export")
    job = tasks.start_export(actor=request.user, trial=trial, fmt=format, today=timezone.localdate())
    return Status(202, _job_out(job))
