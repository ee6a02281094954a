"""The trial's administration and figures: create, test, go live, close, reveal; the municipality's phase;
the launch batch; screening counts; CONSORT, balance and recruitment; the log and the auditor's files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from nextwork.companies.services.imports import ImportRefused
from nextwork.core.access import require_or_refuse
from nextwork.core.confirm import confirmation_page, confirmed
from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.core.jobs import access_job_by_id, recent_jobs
from nextwork.core.models import Municipality

from . import access, forms, tasks
from .export import allocation_log_csv, settings_json
from .models import PhaseChange
from .panels import consort_html
from .services import batch, lifecycle, records

LIFECYCLE = {
    "test": (lifecycle.trial_start_test, gettext_lazy("Start test mode?"),
             gettext_lazy("Allocations made now are marked as tests. They are deleted when the trial goes live.")),
    "live": (lifecycle.trial_go_live, gettext_lazy("Go live and lock the settings?"),
             gettext_lazy("The settings are locked, test allocations are deleted, and a new secret is drawn. Its SHA-256 is "
               "published on this page. This cannot be undone.")),
    "close": (lifecycle.trial_close, gettext_lazy("Close the trial?"),
              gettext_lazy("No more young people can be entered. This cannot be undone.")),
    "reveal": (lifecycle.trial_reveal_secret, gettext_lazy("Reveal the secret?"),
               gettext_lazy("Anyone with the log can then recompute every allocation. This cannot be undone.")),
}


@login_required
def trial_create(request):
    require_or_refuse(request.user, "trial.manage", object_type="trial")
    form = forms.TrialForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            trial = lifecycle.trial_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("trial:detail", trial_id=trial.pk)
    return render(request, "trial/form.html", {"form": form, "title": _("New trial")},
                  status=400 if form.errors else 200)


@login_required
def site_add(request, trial_id):
    trial = access.trial_for(request.user, trial_id, "trial.manage")
    form = forms.SiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        lifecycle.trial_site_add(actor=request.user, trial=trial, **form.cleaned_data)
        return redirect("trial:detail", trial_id=trial.pk)
    return render(request, "trial/form.html", {"form": form, "title": _("Add a municipality"), "trial": trial},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def trial_lifecycle(request, trial_id, step):
    trial = access.trial_for(request.user, trial_id, "trial.lock")
    if step not in LIFECYCLE:
        return redirect("trial:detail", trial_id=trial.pk)
    service, title, line = LIFECYCLE[step]
    back = reverse("trial:detail", args=[trial.pk])
    if not confirmed(request):
        return confirmation_page(request, title=str(title), lines=[str(line)], button=str(title).rstrip("?"),
                                 cancel_url=back)
    try:
        service(actor=request.user, trial=trial)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Done."))
    return redirect(back)


@login_required
def phase(request):
    user = request.user
    require_or_refuse(user, "trial.phase", object_type="municipality")
    form = forms.PhaseForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            records.municipality_change_phase(actor=user, municipality=data["municipality"], phase=data["phase"],
                                              changed_on=data["changed_on"], note=data["note"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The phase is changed."))
            return redirect("trial:phase")
    municipalities = Municipality.objects.all() if user.municipality_id is None else \
        Municipality.objects.filter(pk=user.municipality_id)
    history = PhaseChange.objects.filter(municipality__in=municipalities).select_related(
        "municipality", "changed_by")[:100]
    return render(request, "trial/phase.html", {"form": form, "municipalities": municipalities,
                                                "history": history}, status=400 if form.errors else 200)


@login_required
def batch_view(request, trial_id):
    user = request.user
    trial = access.trial_for(user, trial_id, "trial.batch")
    form = forms.BatchForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            if batch.runs_in_background(filename=upload.name, content=content):
                job = tasks.start_batch(actor=user, trial=trial, filename=upload.name, content=content)
                return redirect(f"{reverse('trial:batch', args=[trial.pk])}?job={job.pk}")
            allocated = batch.batch_randomise(actor=user, trial=trial, filename=upload.name, content=content)
        except ImportRefused as refused:
            form.add_error("file", refused.message)
            row_errors = refused.errors
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, ngettext("%(count)d young person was randomised.",
                                               "%(count)d young people were randomised.", len(allocated))
                             % {"count": len(allocated)})
            return redirect("trial:detail", trial_id=trial.pk)
    job_id = request.GET.get("job", "")
    job = access_job_by_id(user, int(job_id)) if job_id.isdigit() and len(job_id) < 10 else None
    return render(request, "trial/batch.html", {
        "trial": trial, "form": form, "row_errors": row_errors, "job": job, "columns": batch.COLUMNS,
        "background_rows": batch.BACKGROUND_ROWS, "recent_jobs": recent_jobs(user, kinds=[tasks.BATCH_JOB])},
        status=400 if row_errors or form.errors else 200)


@login_required
def screening(request, trial_id):
    user = request.user
    trial = access.trial_for(user, trial_id, "trial.randomise")
    form = forms.ScreeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            records.screening_record(actor=user, trial=trial, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Recorded. Thank you: the flow diagram counts everyone assessed."))
            return redirect("trial:detail", trial_id=trial.pk)
    return render(request, "trial/form.html", {"form": form, "trial": trial,
                                               "title": _("Assessed, not randomised"),
                                               "intro": _("Count young people you assessed for the trial who were "
                                                          "not randomised, by reason. No names.")},
                  status=400 if form.errors else 200)


@login_required
def figures(request, trial_id):
    user = request.user
    trial = access.trial_for(user, trial_id, "trial.figures")
    return render(request, "trial/figures.html", {
        "trial": trial, "consort_html": consort_html(request, trial),
        "balance": access.figures_for(user, trial, "balance"),
        "recruitment": access.figures_for(user, trial, "recruitment")})


@login_required
def log_csv(request, trial_id):
    user = request.user
    trial = access.trial_for_view(user, trial_id)
    rows = access.allocation_log_for(user, trial)
    response = HttpResponse(allocation_log_csv(trial, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="allocation-log-trial-{trial.pk}.csv"'
    return response


@login_required
def settings_file(request, trial_id):
    trial = access.trial_for(request.user, trial_id, "trial.view")
    response = HttpResponse(settings_json(trial), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="settings-trial-{trial.pk}.json"'
    return response


@login_required
def secret_file(request, trial_id):
    trial = access.trial_for_view(request.user, trial_id)
    response = HttpResponse(access.secret_for(request.user, trial), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="secret-trial-{trial.pk}.bin"'
    return response
