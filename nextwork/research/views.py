"""The trial's evaluation for researchers (and the report for the secretariat): the pre-analysis plan, the
register imports, the report as a page and a PDF, and the pseudonymised export. Thin: access.py reads,
services/ change, tasks.py runs the long work in the background."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nextwork.core.confirm import confirmation_page, confirmed
from nextwork.core.errors import DomainError
from nextwork.core.exports import DOWNLOAD_HOURS
from nextwork.core.forms import add_domain_error
from nextwork.core.jobs import access_job_by_id, recent_jobs
from nextwork.core.panels import Rendered
from nextwork.core.permissions import can
from nextwork.trial.selectors import consort_counts

from . import access, forms, pdf, presentation, tasks
from .services import plans


def _job(request):
    job_id = request.GET.get("job", "")
    return access_job_by_id(request.user, int(job_id)) if job_id.isdigit() and len(job_id) < 10 else None


def consort(request, trial):
    """B's CONSORT panel of the trial, when the trial app has it and the user may see it."""
    try:
        from nextwork.trial.panels import CONSORT_PANEL
    except ImportError:
        return None
    if not can(request.user, CONSORT_PANEL.permission):
        return None
    return Rendered(CONSORT_PANEL.template, CONSORT_PANEL.context(request, trial))


@login_required
def home(request):
    trials = list(access.trials_for(request.user).order_by("-created_at"))
    return render(request, "research/home.html", {"trials": trials})


@login_required
def trial_page(request, trial_id):
    trial = access.access_trial(request.user, trial_id)
    may_import = can(request.user, "research.import")
    may_export = can(request.user, "research.export")
    plan = access.plan_of(trial)
    job = _job(request)
    export_job = job if job is not None and job.kind == tasks.EXPORT_JOB else None
    return render(request, "research/trial.html", {
        "trial": trial, "plan": plan, "imports": access.imports_of(trial),
        "job": None if export_job else job, "export_job": export_job,
        "form": forms.ImportForm() if may_import and plan and plan.is_frozen else None,
        "recent_jobs": recent_jobs(request.user, kinds=[tasks.IMPORT_JOB]) if may_import else [],
        "recent_exports": _recent_exports(request.user, trial) if may_export else [],
        "may_export": may_export, "may_import": may_import, "download_hours": DOWNLOAD_HOURS,
    })


def _recent_exports(user, trial) -> list:
    return [job for job in recent_jobs(user, kinds=[tasks.EXPORT_JOB], limit=20)
            if job.params.get("trial_id") == trial.pk][:5]


@login_required
def plan_page(request, trial_id):
    trial = access.access_trial(request.user, trial_id)
    plan = access.plan_of(trial)
    may_edit = can(request.user, "research.plan") and not (plan and plan.is_frozen)
    form = None
    if may_edit:
        initial = {name: getattr(plan, name) for name in plans.FIELDS} if plan else None
        form = forms.PlanForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                plans.plan_save(actor=request.user, trial=trial, details=form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The plan is saved. Freeze it before you import outcome data."))
                return redirect("research:plan", trial_id=trial.pk)
    elif request.method == "POST":
        return redirect("research:plan", trial_id=trial.pk)
    return render(request, "research/plan.html", {
        "trial": trial, "plan": plan, "form": form, "intact": plan is not None and plans.plan_intact(plan),
        "may_freeze": plan is not None and not plan.is_frozen and can(request.user, "research.plan"),
    }, status=400 if form is not None and form.errors else 200)


@login_required
@require_POST
def plan_freeze(request, trial_id):
    trial = access.access_trial(request.user, trial_id, action="research.plan")
    plan = access.plan_of(trial)
    if plan is None:
        messages.error(request, _("Write the plan first."))
        return redirect("research:plan", trial_id=trial.pk)
    if not confirmed(request):
        return confirmation_page(request, title=_("Freeze the pre-analysis plan?"), lines=[
            _("The plan gets a timestamp and a SHA-256 of its content, and can never change afterwards."),
            _("Outcome data can be imported only once the plan is frozen."),
        ], button=_("Freeze the plan"), cancel_url=reverse("research:plan", args=[trial.pk]), danger=False)
    try:
        plan = plans.plan_freeze(actor=request.user, plan=plan)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The plan is frozen. SHA-256: %(hash)s") % {"hash": plan.sha256})
    return redirect("research:plan", trial_id=trial.pk)


@login_required
@require_POST
def import_start(request, trial_id):
    trial = access.access_trial(request.user, trial_id, action="research.import")
    form = forms.ImportForm(request.POST, request.FILES)
    plan = access.plan_of(trial)
    if not (plan and plan.is_frozen):
        messages.error(request, _("Freeze the pre-analysis plan before you import outcome data."))
        return redirect("research:trial", trial_id=trial.pk)
    if not form.is_valid():
        return render(request, "research/trial.html", {
            "trial": trial, "plan": plan, "imports": access.imports_of(trial), "form": form, "may_import": True,
            "recent_jobs": recent_jobs(request.user, kinds=[tasks.IMPORT_JOB]),
            "may_export": can(request.user, "research.export"),
            "recent_exports": _recent_exports(request.user, trial), "download_hours": DOWNLOAD_HOURS}, status=400)
    upload = form.cleaned_data["file"]
    job = tasks.start_import(actor=request.user, trial=trial, kind=form.cleaned_data["kind"], filename=upload.name,
                             content=upload.read())
    return redirect(f"{reverse('research:trial', args=[trial.pk])}?job={job.pk}#job-heading")


@login_required
@require_POST
def import_withdraw(request, trial_id, import_id):
    from .services import imports

    trial = access.access_trial(request.user, trial_id, action="research.import")
    record = next((r for r in access.imports_of(trial) if str(r.pk) == str(import_id)), None)
    if record is None:
        return redirect("research:trial", trial_id=trial.pk)
    if not confirmed(request):
        return confirmation_page(request, title=_("Withdraw this import?"), lines=[
            _("All %(rows)d rows of %(file)s are deleted. Reports already computed keep their numbers.")
            % {"rows": record.rows, "file": record.file_name}],
            button=_("Withdraw the import"), cancel_url=reverse("research:trial", args=[trial.pk]))
    rows = imports.register_import_withdraw(actor=request.user, record=record)
    messages.success(request, _("The import is withdrawn; %(rows)d rows were deleted.") % {"rows": rows})
    return redirect("research:trial", trial_id=trial.pk)


def _report_page_context(request, trial) -> dict:
    run = access.latest_report(request.user, trial)
    panel = consort(request, trial)
    context = {"trial": trial, "plan": access.plan_of(trial), "consort": panel,
               "consort_counts": None if panel else consort_counts(trial),
               "report": presentation.report_context(run) if run and not run.error else None, "failed": run
               if run and run.error else None}
    # New or withdrawn imports since the report was computed: the page says so.
    context["stale"] = run is not None and sorted(r.pk for r in access.imports_of(trial)) != sorted(
        run.data.get("imports", []))
    return context


@login_required
def report_page(request, trial_id):
    trial = access.access_trial(request.user, trial_id)
    context = _report_page_context(request, trial)
    may_compute = can(request.user, "research.report")
    form = forms.ReportForm(request.POST or None) if may_compute else None
    if request.method == "POST" and form is not None and form.is_valid():
        plan = context["plan"]
        if not (plan and plan.is_frozen):
            form.add_error(None, _("Freeze the pre-analysis plan before you compute the report."))
        else:
            job = tasks.start_report(actor=request.user, trial=trial, outcomes=form.cleaned_data["outcomes"],
                                     horizon_weeks=form.cleaned_data["horizon_weeks"])
            return redirect(f"{reverse('research:report', args=[trial.pk])}?job={job.pk}#job-heading")
    context.update(form=form, job=_job(request),
                   recent_jobs=recent_jobs(request.user, kinds=[tasks.REPORT_JOB]) if may_compute else [])
    return render(request, "research/report.html", context, status=400 if form is not None and form.errors else 200)


@login_required
def report_pdf(request, trial_id):
    trial = access.access_trial(request.user, trial_id)
    context = _report_page_context(request, trial)
    if context["report"] is None:
        messages.error(request, _("There is no computed report yet."))
        return redirect("research:report", trial_id=trial.pk)
    response = HttpResponse(pdf.report_pdf(trial, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="nextwork-trial-{trial.pk}-report.pdf"'
    return response


@login_required
@require_POST
def export(request, trial_id):
    """Starts the export in the background worker; the trial page follows it and offers the file at the end."""
    trial = access.access_trial(request.user, trial_id, action="research.export")
    job = tasks.start_export(actor=request.user, trial=trial, fmt=request.POST.get("format", "csv"),
                             today=timezone.localdate())
    return redirect(f"{reverse('research:trial', args=[trial.pk])}?job={job.pk}#export-job-heading")
