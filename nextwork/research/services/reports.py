"""The trial report: the register data and the participants' baseline as the engine's frames, the engine run
with the frozen plan's spec, and the result kept as a ReportRun (with any deviation from the plan) so the page
is fast. Large trials compute in the background worker (tasks.py)."""

import io
import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd
from django.db import connection, transaction
from django.utils.translation import gettext as _

from nextwork import evaluation
from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require
from nextwork.evaluation import EvaluationInputError
from nextwork.trial.choices import age_band
from nextwork.trial.selectors import participants_for_analysis

from .. import outcomes as known
from ..models import STATUS_CODES, AnalysisPlan, RegisterEvent, RegisterImport, RegisterWeek, ReportRun
from . import plans

WEEKS_PER_YEAR = 52
ALWAYS_SUBGROUP = "municipality"  # the report always shows the effects by municipality

Progress = Callable[[int, str], None]


def _quiet(percent: int, message: str) -> None:
    """Nobody follows the computation."""


def people_frame(trial) -> pd.DataFrame:
    rows = participants_for_analysis(trial).values_list(
        "pk", "research_id", "arm", "stratum", "municipality__name", "age", "months_on_support", "gender",
        "benefit_type", "highest_education")
    frame = pd.DataFrame(list(rows), columns=["pk", "person_id", "arm", "stratum", "municipality", "age",
                                              "months_on_support", "gender", "benefit_type", "highest_education"])
    frame["female"] = (frame["gender"] == "female").astype(int)
    frame["age_band"] = [age_band(int(age)) for age in frame["age"]]
    return frame


def _copy_out(sql: str, params: list, columns: list[str]) -> pd.DataFrame:
    buffer = io.BytesIO()
    # psycopg's own cursor: Django's debug wrapper (DEBUG on, e.g. the demo settings on PostgreSQL) takes no params.
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)", params) as copy:
        for block in copy:
            buffer.write(block)
    buffer.seek(0)
    if not buffer.getbuffer().nbytes:
        return pd.DataFrame(columns=columns)
    return pd.read_csv(buffer, header=None, names=columns)


def _rows(model, trial, columns: list[str]) -> pd.DataFrame:
    """Every register row of the trial (COPY out on PostgreSQL: millions of rows in seconds)."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(model._meta.db_table)
        imports = connection.ops.quote_name(RegisterImport._meta.db_table)
        cols = ", ".join(f"r.{connection.ops.quote_name(c)}" for c in columns)
        # Only the models' own table and column names are put into the text; the trial is a parameter.
        sql = (f"SELECT {cols} FROM {table} r JOIN {imports} i ON i.id = r.register_import_id "  # noqa: S608
               "WHERE i.trial_id = %s")  # nosec B608
        return _copy_out(sql, [trial.pk], columns)
    values = model.objects.filter(register_import__trial=trial).values_list(*columns)
    return pd.DataFrame(list(values), columns=columns)


def register_frames(trial, people: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """WEEKS (person_id, week, status) and EVENTS (person_id, week, event) of the people analysed."""
    ids = pd.Series(people["person_id"].to_numpy(), index=people["pk"].to_numpy())
    weeks = _rows(RegisterWeek, trial, ["participant_id", "week", "status", "earnings"])
    weeks = weeks[weeks["participant_id"].isin(ids.index)]
    weeks = pd.DataFrame({"person_id": ids.reindex(weeks["participant_id"].to_numpy()).to_numpy(),
                          "week": weeks["week"].to_numpy(dtype=np.int64),
                          "status": np.asarray(STATUS_CODES, dtype=object)[weeks["status"].to_numpy(dtype=np.int64)],
                          "earnings": pd.to_numeric(weeks["earnings"], errors="coerce").to_numpy(dtype=float)})
    events = _rows(RegisterEvent, trial, ["participant_id", "week", "event"])
    events = events[events["participant_id"].isin(ids.index)]
    events = pd.DataFrame({"person_id": ids.reindex(events["participant_id"].to_numpy()).to_numpy(),
                           "week": events["week"].to_numpy(dtype=np.int64),
                           "event": events["event"].to_numpy(dtype=object)})
    return weeks, events


def add_yearly_earnings(people: pd.DataFrame, weeks: pd.DataFrame) -> list[str]:
    """earnings_yearN on PEOPLE: the sum of the weekly earnings over weeks 52(N-1)+1 ... 52N, for people with
    every week of that year observed with an earnings value (else missing). Years without any earnings
    value in the extract get no column."""
    added = []
    if weeks.empty or not weeks["earnings"].notna().any():
        return added
    last = int(weeks["week"].max())
    for year in range(1, known.EARNINGS_YEARS + 1):
        if year * WEEKS_PER_YEAR > last:
            break
        window = weeks[(weeks["week"] > (year - 1) * WEEKS_PER_YEAR) & (weeks["week"] <= year * WEEKS_PER_YEAR)]
        grouped = window.groupby("person_id")["earnings"].agg(["sum", "count"])
        complete = grouped[grouped["count"] == WEEKS_PER_YEAR]["sum"]
        name = f"earnings_year{year}"
        people[name] = people["person_id"].map(complete).astype(float)
        added.append(name)
    return added


def run_spec(plan: AnalysisPlan, *, outcomes=None, horizon_weeks=None) -> evaluation.Spec:
    """The plan's spec, with the outcomes or horizon the researcher chose instead (each a deviation), and
    the municipality subgroup the report always shows."""
    spec = plans.spec_for(plan)
    changes = {}
    if outcomes:
        changes["outcomes"] = tuple(outcomes)
    if horizon_weeks:
        changes["horizon_weeks"] = int(horizon_weeks)
    if ALWAYS_SUBGROUP not in spec.subgroups:
        changes["subgroups"] = (ALWAYS_SUBGROUP, *spec.subgroups)
    return replace(spec, **changes) if changes else spec


def deviations(plan: AnalysisPlan | None, spec: evaluation.Spec, trial) -> list[dict]:
    """Every way the report departs from the frozen plan, as codes with their details (translated when shown)."""
    found = []
    if plan is None or not plan.is_frozen:
        return [{"code": "plan_not_frozen"}]
    if not plans.plan_intact(plan):
        found.append({"code": "plan_changed"})
    extra = [o for o in spec.outcomes if o not in plan.outcomes]
    left_out = [o for o in plan.outcomes if o not in spec.outcomes]
    if extra:
        found.append({"code": "outcome_not_in_plan", "names": extra})
    if left_out:
        found.append({"code": "outcome_left_out", "names": left_out})
    if spec.horizon_weeks != plan.horizon_weeks:
        found.append({"code": "horizon", "planned": plan.horizon_weeks, "used": spec.horizon_weeks})
    if list(spec.covariates) != list(plan.covariates):
        found.append({"code": "covariates", "planned": list(plan.covariates), "used": list(spec.covariates)})
    extra_groups = [s for s in spec.subgroups if s not in plan.subgroups]
    if extra_groups:
        found.append({"code": "subgroup_not_in_plan", "names": extra_groups})
    if (spec.ri_draws, spec.seed) != (plan.ri_draws, plan.seed):
        found.append({"code": "draws", "planned": [plan.ri_draws, plan.seed], "used": [spec.ri_draws, spec.seed]})
    early = RegisterImport.objects.filter(trial=trial, imported_at__lt=plan.frozen_at).count()
    if early:
        found.append({"code": "imported_before_freezing", "count": early})
    return found


def describe(deviation: dict) -> str:
    code = deviation.get("code")
    names = ", ".join(known.label(n) if n in known.outcome_names() else str(known.SUBGROUPS.get(n, n))
                      for n in deviation.get("names", []))
    texts = {
        "plan_not_frozen": lambda: _("There was no frozen pre-analysis plan when the report was computed."),
        "plan_changed": lambda: _("The frozen plan no longer matches its SHA-256: it has been changed after "
                                  "freezing."),
        "outcome_not_in_plan": lambda: _("Outcomes reported that the plan did not name: %(names)s.")
        % {"names": names},
        "outcome_left_out": lambda: _("Outcomes the plan named that are not reported: %(names)s.") % {"names": names},
        "horizon": lambda: _("The horizon is %(used)s weeks; the plan says %(planned)s weeks.") % deviation,
        "covariates": lambda: _("The covariates (%(used)s) differ from the plan's (%(planned)s).") % {
            "used": ", ".join(deviation["used"]) or "-", "planned": ", ".join(deviation["planned"]) or "-"},
        "subgroup_not_in_plan": lambda: _("Subgroups analysed that the plan did not name: %(names)s.")
        % {"names": names},
        "draws": lambda: _("The randomisation draws and seed differ from the plan's."),
        "imported_before_freezing": lambda: _("%(count)s register imports were made before the plan was frozen.")
        % deviation,
    }
    text = texts.get(code)
    return str(text()) if text else str(code)


def without_single_arm_strata(people: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Strata where everyone so far is in one arm (an incomplete first block) hold no comparison within the
    stratum, which the stratified estimate rests on: they are set aside and the report says how many."""
    arms = people.groupby("stratum")["arm"].nunique()
    single = set(arms[arms < 2].index)
    if not single:
        return people, {"strata": 0, "people": 0}
    aside = people["stratum"].isin(single)
    return people[~aside].reset_index(drop=True), {"strata": len(single), "people": int(aside.sum())}


def report_compute(*, actor, trial, outcomes=None, horizon_weeks=None, progress: Progress = _quiet) -> ReportRun:
    """Runs the engine on the trial's register data and keeps the result; an input the engine refuses is kept
    as a failed run with the engine's message, so the page can say why."""
    require(actor, "research.report")
    plan = AnalysisPlan.objects.filter(trial=trial).select_related("trial").first()
    if plan is None or not plan.is_frozen:
        raise DomainError(_("Freeze the pre-analysis plan before you compute the report."))
    for name in outcomes or ():
        if name not in known.outcome_names():
            raise DomainError(_("Unknown outcome: %(name)s.") % {"name": str(name)[:40]}, field="outcomes")
    if horizon_weeks is not None and not 1 <= int(horizon_weeks) <= plans.MAX_HORIZON:
        raise DomainError(_("Give the horizon as a whole number of weeks from 1 to %(max)d.")
                          % {"max": plans.MAX_HORIZON}, field="horizon_weeks")
    started = time.monotonic()
    spec = run_spec(plan, outcomes=outcomes, horizon_weeks=horizon_weeks)
    progress(10, _("Reading the register data"))
    people, set_aside = without_single_arm_strata(people_frame(trial))
    weeks, events = register_frames(trial, people)
    earnings_years = add_yearly_earnings(people, weeks)
    data = {"people": len(people), "panel_rows": len(weeks), "event_rows": len(events),
            "max_week": int(weeks["week"].max()) if len(weeks) else 0, "earnings_years": earnings_years,
            "single_arm_strata": set_aside,
            "imports": list(RegisterImport.objects.filter(trial=trial).order_by("pk").values_list("pk", flat=True))}
    progress(40, _("Estimating the effects (%(count)d people)") % {"count": len(people)})
    result, error = {}, ""
    try:
        result = analyse(people, weeks, events, spec).to_dict()
    except EvaluationInputError as refused:
        error = str(refused)[:2000]
    progress(95, _("Saving the report"))
    with transaction.atomic():
        run = ReportRun.objects.create(trial=trial, spec=spec.to_dict(), plan_sha256=plan.sha256, result=result,
                                       deviations=deviations(plan, spec, trial), data=data, error=error,
                                       created_by=actor, seconds=round(time.monotonic() - started, 2))
        audit.record(actor=actor, action="create", object_type="trial_report", object_id=run.pk,
                     summary=f"trial {trial.pk}: {len(people)} people, {len(weeks)} person-weeks"
                             + (" (refused by the engine)" if error else ""))
    return run


def analyse(people: pd.DataFrame, weeks: pd.DataFrame, events: pd.DataFrame, spec: evaluation.Spec):
    """The engine's analyse, with the events when it takes them (the crime outcomes need them)."""
    people = people.drop(columns=["pk"], errors="ignore")
    weeks = weeks[["person_id", "week", "status"]]
    wants_events = any(known.is_event_outcome(o) for o in spec.outcomes)
    if known.engine_takes_events() and (wants_events or len(events)):
        return evaluation.analyse(people, weeks, spec, events=events[["person_id", "week", "event"]])
    if wants_events:
        raise EvaluationInputError("the evaluation engine does not take register events yet")
    return evaluation.analyse(people, weeks, spec)
