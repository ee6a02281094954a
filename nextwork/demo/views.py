"""/demo-data/: an administrator sees what the database holds and adds the national demo's municipalities in
the background (nextwork/demo/tasks.py). The page exists only where NEXTWORK_DEMO_TOOLS is on (the demo
settings); elsewhere it answers 404, whoever asks."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from nextwork.core.decorators import permission_required
from nextwork.core.jobs import access_job_by_id, recent_jobs
from nextwork.core.models import Job, Municipality
from nextwork.people.models import YoungPerson

from . import tasks
from .builder import SCALES


def demo_tools_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.NEXTWORK_DEMO_TOOLS:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@demo_tools_only
@login_required
@permission_required("demo.build")
def demo_data(request):
    if request.method == "POST":
        running = Job.objects.filter(owner_id=request.user.pk, kind=tasks.BUILD_JOB,
                                     status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).first()
        job = running or tasks.start_build(actor=request.user)
        return redirect(f"{reverse('demo:page')}?job={job.pk}#job-heading")
    job_id = request.GET.get("job", "")
    job = access_job_by_id(request.user, int(job_id)) if job_id.isdigit() and len(job_id) < 10 else None
    recent = recent_jobs(request.user, kinds=[tasks.BUILD_JOB])
    if job is None:  # coming back without the link: the build still running is shown
        job = next((access_job_by_id(request.user, r.pk) for r in recent if r.is_active), None)
    scale = SCALES[tasks.OFFERED_SCALE]
    return render(request, "demo/demo_data.html", {
        "job": job,
        "recent_jobs": recent,
        "municipalities": Municipality.objects.count(),
        "young_people": YoungPerson.objects.count(),
        "national": scale,
    })
