"""Demo data for the evaluation, called by nextwork.demo.builder after the trial demo: a frozen pre-analysis
plan, a simulated register extract for the demo trial's participants (weekly panel with earnings, and crime
events) with a real effect of the offer, imported through the same service as a researcher's file, and a
computed report, so the report page shows real tables and figures. Simulated data: not a model of the real
programme (nextwork/evaluation/simulate.py)."""

import numpy as np
import pandas as pd

from nextwork.core.models import User
from nextwork.core.roles import Role
from nextwork.evaluation.simulate import synthetic_trial
from nextwork.trial.models import Participant, Trial

from .models import AnalysisPlan, RegisterWeek
from .services import imports, plans, reports

PANEL_WEEKS = 78  # a register extract a year and a half after each participant's randomisation
HORIZON = 52
PLAN = {
    "outcomes": ["employed", "in_education", "weeks_public_support", "weeks_internship", "charged",
                 "earnings_year1"],
    "horizon_weeks": HORIZON, "covariates": ["age", "months_on_support"], "subgroups": ["municipality"],
    "ri_draws": 2000, "seed": 2017,
    "text": ("Primary outcome: employed in week 52 after randomisation. Secondary: in education with SU, weeks on "
             "public support and in company internships up to week 52, any charge, earnings in year 1. "
             "Intention to treat with strata fixed effects and HC2 standard errors; Holm across the outcomes; "
             "randomisation inference with 2,000 draws. People randomised in error stay in their arm. "
             "(Demo: simulated register data.)"),
}


def build(context) -> None:
    trial = Trial.objects.order_by("pk").first()
    researcher = User.objects.filter(role=Role.RESEARCHER).first()
    if trial is None or researcher is None:
        return
    # Municipalities added to an existing demo (nextwork/demo/tasks.py): register data for the new participants.
    imported = RegisterWeek.objects.filter(register_import__trial=trial).values("participant_id")
    participants = list(Participant.objects.filter(trial=trial, is_test=False).exclude(pk__in=imported)
                        .order_by("pk").values_list("research_id", "arm"))
    if not participants:
        return
    if not AnalysisPlan.objects.filter(trial=trial).exists():
        plan = plans.plan_save(actor=researcher, trial=trial, details=dict(PLAN))
        plans.plan_freeze(actor=researcher, plan=plan)
    weeks, events = register_extract(participants, seed=context.random.randrange(2**31))
    imports.register_import(actor=researcher, trial=trial, kind="panel", filename="dst-register-panel.csv",
                            content=weeks.to_csv(index=False).encode())
    imports.register_import(actor=researcher, trial=trial, kind="events", filename="dst-crime-events.csv",
                            content=events.to_csv(index=False).encode())
    reports.report_compute(actor=researcher, trial=trial)


def register_extract(participants: list[tuple[str, str]], *, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The simulated weekly panel and crime events, each participant given a simulated person of their arm."""
    rng = np.random.default_rng(seed)
    people, weeks = synthetic_trial(2 * len(participants) + 200, PANEL_WEEKS, seed=seed % 10_000,
                                    internship_boost=0.3, attrition=0.03)
    pools = {arm: list(people.loc[people.arm == arm, "person_id"]) for arm in ("treatment", "control")}
    simulated = {pools[arm].pop(): research_id for research_id, arm in participants}
    weeks = weeks[weeks.person_id.isin(simulated)].copy()
    weeks["person_id"] = weeks.person_id.map(simulated)
    treated = weeks.person_id.isin({rid for rid, arm in participants if arm == "treatment"}).to_numpy()
    employed = (weeks.status == "employment").to_numpy()
    wage = rng.normal(6200, 1400, len(weeks)).clip(1500) * np.where(treated, 1.06, 1.0)
    weeks["earnings"] = np.where(employed, np.round(wage), 0).astype(int)
    charged = [(rid, int(rng.integers(1, PANEL_WEEKS + 1)), "charge") for rid, arm in participants
               if rng.random() < (0.06 if arm == "treatment" else 0.09)]
    convicted = [(rid, min(PANEL_WEEKS, week + int(rng.integers(8, 30))), "conviction")
                 for rid, week, _event in charged if rng.random() < 0.5]
    events = pd.DataFrame(charged + convicted, columns=["person_id", "week", "event"])
    return weeks.sort_values(["person_id", "week"]).reset_index(drop=True), events
