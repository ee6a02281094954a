"""Large list exports in the background worker. A list's access function has already chosen and audited the
rows; the page turns them into cells in the reader's language and hands the cells (encrypted) to a job, which
writes the CSV or XLSX file (encrypted too) for its owner to download within a day."""

import base64
import datetime as dt
import json

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .crypto import decrypt, encrypt
from .jobs import job_progress, job_start, job_task
from .models import Job

DOWNLOAD_HOURS = 24
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "zip": "application/zip"}


def background_threshold() -> int:
    """Exports with more rows than this run in the worker."""
    return getattr(settings, "NEXTWORK_BACKGROUND_EXPORT_ROWS", 2000)


def _jsonable(value):
    if isinstance(value, dt.datetime | dt.date):
        return {"date": value.isoformat()} if type(value) is dt.date else {"datetime": value.isoformat()}
    if hasattr(value, "as_tuple"):
        return float(value)
    return value


def _from_json(value):
    if isinstance(value, dict):
        if "date" in value:
            return dt.date.fromisoformat(value["date"])
        return dt.datetime.fromisoformat(value["datetime"]).replace(tzinfo=None)
    return value


def export_start(user, *, filename: str, header: list, rows: list[list], fmt: str) -> Job:
    cells = json.dumps({"header": header, "rows": [[_jsonable(v) for v in row] for row in rows]})
    return job_start(user, "export", write_export, upload=encrypt(cells).encode(), filename=filename, fmt=fmt)


@task()
@job_task
def write_export(job, *, filename: str, fmt: str, **_params) -> dict:
    from .tables import write_file

    cells = json.loads(decrypt(bytes(job.upload).decode()))
    rows = [[_from_json(v) for v in row] for row in cells["rows"]]
    job_progress(job.pk, 10, _("Writing %(count)s rows") % {"count": len(rows)})
    content = write_file(cells["header"], rows, fmt)
    job_progress(job.pk, 90, _("Saving the file"))
    export_save(job.pk, content=content if isinstance(content, bytes) else content.encode("utf-8"),
                name=f"{filename}.{fmt}")
    return {"message": _("The file with %(count)s rows is ready. It can be downloaded for %(hours)s hours.")
            % {"count": len(rows), "hours": DOWNLOAD_HOURS},
            "url": f"/jobs/{job.pk}/download/", "link_text": _("Download the file")}


def export_save(job_id: int, *, content: bytes, name: str) -> None:
    """Keeps a job's output file (encrypted) for its owner to download at /jobs/<id>/download/; the name's
    ending chooses the content type (CONTENT_TYPES)."""
    Job.objects.filter(pk=job_id).update(output=encrypt(base64.b64encode(content).decode()), output_name=name)


def export_file(job: Job) -> tuple[bytes, str, str] | None:
    """The finished export's bytes, name and content type; None once it has expired or was never made."""
    if job.status != Job.Status.DONE or not job.output or job.finished_at is None:
        return None
    if timezone.now() - job.finished_at > dt.timedelta(hours=DOWNLOAD_HOURS):
        return None
    fmt = job.output_name.rsplit(".", 1)[-1]
    return base64.b64decode(decrypt(job.output)), job.output_name, CONTENT_TYPES.get(fmt, "application/octet-stream")
