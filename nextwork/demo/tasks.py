"""The national demo added from a page (/demo-data/, nextwork/demo/views.py) as a background job: the scale's
municipalities that are not there yet are built on top of what the database holds (the small demo of
`make demo`), in one transaction, so a failure leaves the database as it was. Progress goes through a second
database connection (core.jobs.SideProgress): on SQLite it cannot be written while the build's transaction
is open, and the page shows the job running until the result."""

import logging

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from nextwork.core import audit
from nextwork.core.jobs import JobFailed, SideProgress, job_start, job_task
from nextwork.core.models import Job, Municipality
from nextwork.core.permissions import can
from nextwork.people.models import YoungPerson

from .builder import SCALES, DemoBuilder

logger = logging.getLogger(__name__)

BUILD_JOB = "demo.build"
OFFERED_SCALE = "national"


@task()
@job_task
def build_demo(job: Job, *, scale: str, seed: int = 2017) -> dict:
    if not can(job.owner, "demo.build"):
        raise JobFailed(_("You may no longer add demo data."))
    if scale not in SCALES:
        raise JobFailed(_("Unknown demo scale."))
    people_before = YoungPerson.objects.count()
    with SideProgress(job.pk) as progress:
        progress(0, _("Looking at what the database holds"))
        builder = DemoBuilder(scale=scale, seed=seed, add=True, progress=progress)
        try:
            builder.build()
        except Exception as error:  # the build is one transaction: nothing of it was kept
            logger.exception("Job %s: the demo build failed", job.pk)
            raise JobFailed(_("The national demo could not be added, and nothing was changed (%(error)s). Try "
                              "again; if it fails again, build the demo afresh with `manage.py demo`.")
                            % {"error": f"{type(error).__name__}: {error}"[:200]}) from error
    added = len(builder.added)
    if not added:
        return {"added_municipalities": 0, "added_young_people": 0,
                "message": _("Nothing was added: every municipality of the demo is there already.")}
    if connection.vendor == "postgresql":
        # Fresh bulk-loaded rows have no planner statistics until autovacuum gets to them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    people = YoungPerson.objects.count() - people_before
    audit.record(actor=job.owner, action="create", object_type="demo_data", object_id=job.pk,
                 summary=f"{scale} demo: {added} municipalities, {people} young people added")
    return {"added_municipalities": added, "added_young_people": people,
            "municipalities": Municipality.objects.count(),
            "message": ngettext("%(count)d municipality with %(people)d young people was added.",
                                "%(count)d municipalities with %(people)d young people were added.", added)
            % {"count": added, "people": people}}


def start_build(*, actor, scale: str = OFFERED_SCALE) -> Job:
    return job_start(actor, BUILD_JOB, build_demo, scale=scale)
