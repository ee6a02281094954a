import datetime as dt
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import exports, tables
from .access import audit_events_export, record_read
from .audit import CHANNEL_LABELS, OBJECT_TYPE_LABELS
from .decorators import permission_required
from .jobs import access_job_by_id, worker_health
from .models import Job
from .selectors import audit_events
from .tables import Column

logger = logging.getLogger(__name__)


def _object_label(event) -> str:
    return str(OBJECT_TYPE_LABELS.get(event.object_type, event.object_type))


AUDIT_COLUMNS = (
    Column("at", gettext_lazy("Time"), lambda event: event.at, sort=("at",)),
    Column("actor", gettext_lazy("User"), lambda event: str(event.actor or ""),
           sort=("actor__first_name", "actor__last_name")),
    Column("action", gettext_lazy("Action"), lambda event: event.get_action_display(), sort=("action",)),
    Column("record", pgettext_lazy("audit log column: the record that was read or changed", "Record"),
           lambda event: f"{_object_label(event)} {event.object_id}".strip(), sort=("object_type", "object_id")),
    Column("summary", gettext_lazy("Technical details"), lambda event: event.summary),
    Column("channel", gettext_lazy("Channel"), lambda event: CHANNEL_LABELS.get(event.channel, event.channel),
           sort=("channel",)),
)


@login_required
@permission_required("audit.view")
def audit_log(request):
    sort = tables.sort_params(request, AUDIT_COLUMNS, default="-at")
    events = audit_events(municipality_id=request.user.municipality_id).order_by(*tables.order_by(AUDIT_COLUMNS, sort))
    if fmt := tables.export_format(request):
        rows = audit_events_export(request.user, events, fmt=fmt)
        return tables.export_response(request, filename="audit-log", columns=AUDIT_COLUMNS, rows=rows, fmt=fmt)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    for event in page:
        event.object_label = _object_label(event)
        event.channel_label = CHANNEL_LABELS.get(event.channel, event.channel)
    table = tables.Table(request, AUDIT_COLUMNS, sort)
    return render(request, "core/audit_log.html", {"page": page, "table": table, "query_prefix": table.query_prefix})


@require_POST
def set_language(request):
    """The language button: remembered on the user (and in a cookie for the login page)."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600,
                            samesite="Lax", secure=request.is_secure())
        if request.user.is_authenticated and request.user.language != language:
            request.user.language = language
            request.user.save(update_fields=["language"])
    return response


@login_required
def job_status(request, job_id: int):
    """The progress partial of one of the user's own jobs (404 for anyone else's). htmx polls it every 2 s
    while the job waits or runs, and answers 286 (htmx: stop polling) once it has ended."""
    job = access_job_by_id(request.user, job_id)
    inner = bool(request.htmx) and request.htmx.target == f"job-{job.pk}"
    response = render(request, "core/_job_progress.html", {"job": job, "inner_only": inner})
    if inner and not job.is_active:
        response.status_code = 286
    return response


@login_required
def job_page(request, job_id: int):
    """A page of its own for a job (e.g. a large export): its progress, then its result."""
    job = access_job_by_id(request.user, job_id)
    return render(request, "core/job_page.html", {"job": job})


@login_required
def job_list(request):
    """The user's own jobs of the last week, so work started and left can be found again."""
    since = timezone.now() - dt.timedelta(days=7)
    jobs = Job.objects.filter(owner=request.user, created_at__gte=since).order_by("-created_at")[:50]
    return render(request, "core/job_list.html", {"jobs": jobs})


@login_required
@never_cache
def job_download(request, job_id: int):
    job = access_job_by_id(request.user, job_id)
    found = exports.export_file(job)
    if found is None:
        messages.error(request, _("The file is no longer there (files are kept for %(hours)s hours). Export the "
                                  "list again.") % {"hours": exports.DOWNLOAD_HOURS})
        return redirect("core:job_page", job_id=job.pk)
    content, name, content_type = found
    record_read(request.user, action="export", object_type="job", object_id=job.pk,
                municipality_id=request.user.municipality_id, summary=f"download {name}")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_GET
def health(request):
    """For load balancers and monitoring, without login: the database and the background worker, 200 only
    when both are "ok" (503 otherwise). No personal data, never cached."""
    body = {"database": "ok", "worker": "error", "worker_seen_seconds_ago": None}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        body["database"] = "error"
    else:
        try:
            body["worker"], body["worker_seen_seconds_ago"] = worker_health()
        except DatabaseError:
            logger.exception("The worker's health could not be read")
    healthy = body["database"] == "ok" and body["worker"] == "ok"
    return JsonResponse(body, status=200 if healthy else 503)
