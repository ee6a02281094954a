"""Importing register extracts for a trial's participants: all rows or none. The plan must be frozen first.
On PostgreSQL the rows go in with COPY (5 million person-weeks in well under a minute); elsewhere (the SQLite
demo) with bulk_create."""

import hashlib
import io
from collections.abc import Callable

import numpy as np
import pandas as pd
from django.db import connection, transaction
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require
from nextwork.trial.models import Participant

from ..models import AnalysisPlan, RegisterEvent, RegisterImport, RegisterWeek
from . import parsing

MAX_FILE_BYTES = 400 * 1024 * 1024
COPY_CHUNK = 500_000
BULK_CHUNK = 5_000

Progress = Callable[[int, str], None]


def _quiet(percent: int, message: str) -> None:
    """Nobody follows an import run directly (tests, the demo)."""


def research_ids(trial) -> dict[str, int]:
    """Research ID -> participant, for the participants whose register data can be imported (test
    allocations are not people)."""
    return dict(Participant.objects.filter(trial=trial, is_test=False).values_list("research_id", "pk"))


def register_import(*, actor, trial, kind: str, filename: str, content: bytes, job=None,
                    progress: Progress = _quiet) -> RegisterImport:
    require(actor, "research.import")
    if kind not in RegisterImport.Kind.values:
        raise DomainError(_("Choose what the file holds: the weekly panel or register events."), field="kind")
    plan = AnalysisPlan.objects.filter(trial=trial).first()
    if plan is None or not plan.is_frozen:
        raise DomainError(_("Freeze the pre-analysis plan before you import outcome data."), field="file")
    if len(content) > MAX_FILE_BYTES:
        raise DomainError(_("The file is too large (at most %(mb)d MB).") % {"mb": MAX_FILE_BYTES // 2**20},
                          field="file")
    fmt = parsing.file_format(filename, content)
    progress(5, _("Reading the file"))
    frame = parsing.read_frame(content, fmt)
    progress(15, _("Checking %(count)d rows") % {"count": len(frame)})
    ids = research_ids(trial)
    check = parsing.check_panel if kind == RegisterImport.Kind.PANEL else parsing.check_events
    checked = check(frame, ids, fmt)
    del frame
    if not len(checked):
        raise DomainError(_("The file has no rows."), field="file")
    progress(30, _("Writing %(count)d rows") % {"count": len(checked)})
    with transaction.atomic():
        # One import of a trial at a time: the check against earlier imports then holds until the commit.
        AnalysisPlan.objects.select_for_update().get(pk=plan.pk)
        parsing.refuse_existing(checked, _existing(trial, checked))
        record = RegisterImport.objects.create(
            trial=trial, kind=kind, file_name=(filename or "")[:200].replace("\x00", ""), file_format=fmt,
            file_sha256=hashlib.sha256(content).hexdigest(), rows=len(checked),
            people=len(np.unique(checked.participant)), imported_by=actor, job=job)
        _write(record, checked, progress)
        audit.record(actor=actor, action="create", object_type="register_import", object_id=record.pk,
                     summary=f"{kind} {fmt}: {record.rows} rows, {record.people} people, sha256 {record.file_sha256[:16]}")
    return record


def _existing(trial, checked: parsing.Checked) -> pd.DataFrame:
    model = RegisterWeek if checked.kind == "panel" else RegisterEvent
    rows = model.objects.filter(register_import__trial=trial)
    if not rows.exists():
        return pd.DataFrame()
    fields = ["participant", "week"] + (["event"] if checked.kind == "events" else [])
    values = rows.filter(participant__in=np.unique(checked.participant).tolist()).values_list(
        *[f + "_id" if f == "participant" else f for f in fields])
    return pd.DataFrame(list(values), columns=fields)


def _columns(record: RegisterImport, checked: parsing.Checked) -> pd.DataFrame:
    frame = pd.DataFrame({"register_import_id": np.full(len(checked), record.pk), "participant_id": checked.participant,
                          "week": checked.week})
    if checked.kind == "panel":
        frame["status"] = checked.status
        earnings = checked.earnings if checked.earnings is not None else np.full(len(checked), np.nan)
        frame["earnings"] = pd.array(np.round(earnings), dtype="Int64")
    else:
        frame["event"] = checked.event
    return frame


def _write(record: RegisterImport, checked: parsing.Checked, progress: Progress) -> None:
    frame = _columns(record, checked)
    model = RegisterWeek if checked.kind == "panel" else RegisterEvent
    chunk = COPY_CHUNK if connection.vendor == "postgresql" else BULK_CHUNK
    for start in range(0, len(frame), chunk):
        part = frame.iloc[start:start + chunk]
        if connection.vendor == "postgresql":
            _copy(model, part)
        else:
            model.objects.bulk_create([model(**row) for row in part.astype(object).where(part.notna(), None)
                                       .to_dict("records")])
        progress(30 + 65 * min(len(frame), start + chunk) // len(frame),
                 _("%(done)d of %(count)d rows written") % {"done": min(len(frame), start + chunk), "count": len(frame)})


def _copy(model, part: pd.DataFrame) -> None:
    import pyarrow as pa
    from pyarrow import csv as pa_csv

    buffer = io.BytesIO()  # pyarrow writes CSV many times faster than pandas; nulls as empty fields
    pa_csv.write_csv(pa.Table.from_pandas(part, preserve_index=False), buffer,
                     write_options=pa_csv.WriteOptions(include_header=False, quoting_style="needed"))
    columns = ", ".join(connection.ops.quote_name(c) for c in part.columns)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN (FORMAT csv)"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        copy.write(buffer.getvalue())


@transaction.atomic
def register_import_withdraw(*, actor, record: RegisterImport) -> int:
    """Deletes an import's rows (a wrong extract): the register tables then are as before it."""
    require(actor, "research.import")
    rows = record.weeks.all() if record.kind == RegisterImport.Kind.PANEL else record.events.all()
    weeks, _counts = rows.delete()
    audit.record(actor=actor, action="change", object_type="register_import", object_id=record.pk,
                 summary=f"withdrawn: {weeks} rows deleted ({record.file_name[:80]})")
    record.delete()
    return weeks
