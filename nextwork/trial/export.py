"""The allocation log as CSV, in the columns `python -m nextwork.randomisation verify` reads (stratum, position,
arm; factor:<name> for minimisation) plus the research ID, time, who entered and the error mark. No names."""

import csv
import io
import json

from django.utils import timezone

from . import engine
from .choices import Method

COLUMNS = ("stratum", "position", "arm", "research_id", "allocated_at", "entered_by", "in_error", "batch")


def allocation_log_csv(trial, rows) -> str:
    factor_names = engine.factor_names(trial) if trial.method == Method.MINIMISATION else []
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*COLUMNS, *(f"factor:{name}" for name in factor_names)])
    for row in rows:
        factors = row.stratum.split("|")
        writer.writerow([
            row.stratum, row.position, row.arm, row.research_id,
            timezone.localtime(row.allocated_at).isoformat(timespec="seconds"),
            row.entered_by.username if row.entered_by_id else "", "yes" if row.in_error else "no",
            "yes" if row.batch else "no", *factors[:len(factor_names)],
        ])
    return out.getvalue()


def settings_json(trial) -> str:
    """SETTINGS.json as locked at go-live: what the verifier needs beside the secret and the log."""
    return json.dumps(engine.settings_dict(trial), indent=2) + "\n"
