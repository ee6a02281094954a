"""Reading the trial's evaluation. The shape of core/access.py: a refused role is audited as such, an unknown
trial answers 404, and every export of person-level data writes an export row. The report itself holds no
person-level data (aggregates only); its reads are logged as views of the report."""

import datetime as dt

from nextwork.core import audit
from nextwork.core.access import not_found, record_read, require_or_refuse
from nextwork.trial.models import Trial

from .models import AnalysisPlan, RegisterImport, ReportRun
from .services import export


def trials_for(user):
    require_or_refuse(user, "research.view", object_type="trial")
    return Trial.objects.all()


def access_trial(user, trial_id, *, action: str = "research.view") -> Trial:
    require_or_refuse(user, action, object_type="trial", object_id=trial_id)
    trial = Trial.objects.filter(pk=trial_id).first() if str(trial_id).isdigit() and len(str(trial_id)) < 12 else None
    if trial is None:
        not_found(user, action, object_type="trial", object_id=trial_id)
    return trial


def plan_of(trial) -> AnalysisPlan | None:
    return AnalysisPlan.objects.filter(trial=trial).select_related("frozen_by").first()


def imports_of(trial) -> list[RegisterImport]:
    return list(RegisterImport.objects.filter(trial=trial).select_related("imported_by")[:50])


def latest_report(user, trial) -> ReportRun | None:
    """The newest computed report of the trial (aggregates), logged as a view."""
    run = ReportRun.objects.filter(trial=trial).select_related("created_by").first()
    if run is not None:
        record_read(user, object_type="trial_report", object_id=run.pk, municipality_id=None,
                    summary=f"trial {trial.pk}")
    return run


def report_by_id(user, trial, report_id) -> ReportRun:
    run = ReportRun.objects.filter(trial=trial, pk=report_id).first() if str(report_id).isdigit() else None
    if run is None:
        not_found(user, "research.view", object_type="trial_report", object_id=report_id)
    record_read(user, object_type="trial_report", object_id=run.pk, municipality_id=None, summary=f"trial {trial.pk}")
    return run


def research_export(user, trial, *, fmt: str, today: dt.date | None = None, progress=export.silent
                    ) -> tuple[str, bytes]:
    """The pseudonymised export as a zip (researchers only), with one audit row naming what went out. It runs
    in the background worker (tasks.build_export); `progress(percent, message)` moves the job's bar."""
    require_or_refuse(user, "research.export", object_type="research_export", object_id=trial.pk)
    if fmt not in export.FORMATS:
        fmt = "csv"
    frames = export.tables(trial, today=today, progress=progress)
    content = export.export_zip(frames, fmt, progress=progress)
    audit.record(actor=user, action="export", object_type="research_export", object_id=trial.pk,
                 summary=f"trial {trial.pk} {fmt}: {len(frames['participants'])} participants, "
                         f"{len(frames['weeks'])} person-weeks, {len(frames['events'])} events")
    name = f"nextwork-trial-{trial.pk}-research-{(today or dt.date.today()).isoformat()}-{fmt}.zip"
    return name, content
