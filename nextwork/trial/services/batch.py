"""Randomising a municipality's existing eligible caseload at launch, in one go: every row is checked first,
and the file is randomised whole or not at all (row errors name the line and column). Rows are randomised in
the file's order with the same strata, log and verification as one at a time."""

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.companies.services.imports import ImportRefused, RowError, read_rows
from nextwork.core import audit
from nextwork.core.crypto import lookup_hash
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require

from ..models import Participant
from .baseline import already_in_programme, baseline_check
from .randomise import participant_randomise, randomisation_open

COLUMNS = ("cpr_number", "first_name", "last_name", "gender", "benefit_type", "months_on_support",
           "highest_education")
BACKGROUND_ROWS = 100
MAX_BATCH_ROWS = 5000


def _none(percent: int, message: str) -> None:
    return None


def batch_check(*, actor, trial, rows: list[dict], on: dt.date) -> list[RowError]:
    errors: list[RowError] = []
    missing = [c for c in COLUMNS if rows and c not in rows[0]]
    if missing:
        return [RowError(1, ", ".join(missing), _("The header lacks these columns."))]
    seen: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        data = {**row, "eligibility_confirmed": True, "informed": True,
                "extra_covariates": {spec["key"]: row.get(spec["key"], "") for spec in trial.extra_fields}}
        try:
            baseline = baseline_check(trial=trial, municipality=actor.municipality, data=data, on=on)
        except DomainError as error:
            errors.append(RowError(line, error.field or "", error.message))
            continue
        if baseline.cpr_lookup in seen:
            errors.append(RowError(line, "cpr_number", _("The same CPR number is on line %(line)d.")
                                   % {"line": seen[baseline.cpr_lookup]}))
        seen[baseline.cpr_lookup] = line
        if Participant.objects.filter(trial=trial, cpr_lookup=baseline.cpr_lookup, is_test=trial.status == "test"
                                      ).exists():
            errors.append(RowError(line, "cpr_number", _("This young person has already been randomised.")))
        elif already_in_programme(municipality=actor.municipality, cpr_lookup=baseline.cpr_lookup):
            errors.append(RowError(line, "cpr_number", _("This young person already has an open NExTWORK course.")))
    return errors


def batch_randomise(*, actor, trial, filename: str, content: bytes,
                    progress: Callable[[int, str], None] = _none) -> list[Participant]:
    require(actor, "trial.batch")
    closed = randomisation_open(trial=trial, municipality=actor.municipality) if actor.municipality else "-"
    if closed:
        raise DomainError(closed, field="file")
    rows = read_rows(filename=filename, content=content)
    if len(rows) > MAX_BATCH_ROWS:
        raise DomainError(_("A batch holds at most %(count)d young people.") % {"count": MAX_BATCH_ROWS},
                          field="file")
    on = dt.date.today()
    progress(5, _("Checking the rows"))
    errors = batch_check(actor=actor, trial=trial, rows=rows, on=on)
    if errors:
        raise ImportRefused(errors)
    progress(40, _("Randomising"))
    with transaction.atomic():
        allocated = []
        for row in rows:
            data = {**row, "eligibility_confirmed": True, "informed": True,
                    "extra_covariates": {spec["key"]: row.get(spec["key"], "") for spec in trial.extra_fields}}
            result = participant_randomise(actor=actor, trial=trial, data=data, batch=True, on=on)
            if result.repeated:  # entered by a colleague since the check: the whole batch waits for a new try
                raise ImportRefused([RowError(0, "cpr_number", _("A young person in the file was randomised by "
                                                                 "someone else meanwhile. Upload the file again."))])
            allocated.append(result.participant)
        audit.record(actor=actor, action="create", object_type="trial_batch", object_id=trial.pk,
                     municipality_id=actor.municipality_id,
                     summary=f"batch of {len(allocated)} randomised ({lookup_hash(filename)[:8]})")
    return allocated


def runs_in_background(*, filename: str, content: bytes) -> bool:
    return content.count(b"\n") > BACKGROUND_ROWS
