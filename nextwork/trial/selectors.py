"""Reads for the trial's figures. Counts are grouped in the database (flat query counts as data grows);
nothing here names a young person."""

import datetime as dt
import math
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from nextwork.people.choices import BenefitType
from nextwork.people.models import Course, YoungPerson

from .choices import Arm, Education, ExclusionReason, Gender, PostExclusionReason
from .models import Participant, ScreeningRecord, Trial, TrialSite


def participants_for_analysis(trial: Trial, *, municipality=None):
    """The intention-to-treat population: every real allocation, those randomised in error included, less
    those excluded after randomisation with a recorded reason (CONSORT's "analysed")."""
    rows = Participant.objects.filter(trial=trial, is_test=False, excluded_after_randomisation_reason="")
    if municipality is not None:
        rows = rows.filter(municipality=municipality)
    return rows.order_by("pk")


def real_participants(trial: Trial, *, municipality=None):
    rows = Participant.objects.filter(trial=trial, is_test=False)
    return rows.filter(municipality=municipality) if municipality is not None else rows


def _activity():
    """A NExTWORK activity for the participant's CPR number in their municipality: a course or a group."""
    return Exists(YoungPerson.objects.filter(
        municipality=OuterRef("municipality"), cpr_lookup=OuterRef("cpr_lookup"), merged_into=None,
    ).filter(Q(courses__isnull=False) | Q(group_memberships__isnull=False)))


def _received():
    return Exists(Course.objects.filter(person=OuterRef("person")).filter(
        Q(started_on__isnull=False) | Q(status__in=["active", "paused"])))


def with_flags(rows):
    """Each row with `crossover` (control, yet in a NExTWORK activity) and `received` (treatment, course begun)."""
    return rows.annotate(in_activity=_activity(), received=_received())


def crossovers(trial: Trial, *, municipality=None):
    return (with_flags(real_participants(trial, municipality=municipality))
            .filter(arm=Arm.CONTROL, in_activity=True))


def consort_counts(trial: Trial, municipality=None) -> dict:
    """The CONSORT 2025 flow: enrolment, allocation, follow-up and analysis, per arm."""
    screened = ScreeningRecord.objects.filter(trial=trial)
    if municipality is not None:
        screened = screened.filter(municipality=municipality)
    excluded = {reason: 0 for reason in ExclusionReason.values}
    for reason, total in _sum_by(screened, "reason"):
        excluded[reason] = total
    rows = with_flags(real_participants(trial, municipality=municipality))
    per_arm = {}
    for arm in Arm.values:
        per_arm[arm] = {"allocated": 0, "received": 0, "not_received": 0, "in_error": 0, "crossovers": 0,
                        "lost_to_follow_up": 0, "excluded_from_analysis": 0, "analysed": 0,
                        "excluded_reasons": {reason: 0 for reason in PostExclusionReason.values}}
    counted = rows.values("arm").annotate(
        allocated=Count("pk"),
        received_n=Count("pk", filter=Q(received=True)),
        in_error_n=Count("pk", filter=Q(in_error=True)),
        crossover_n=Count("pk", filter=Q(in_activity=True)),
        lost=Count("pk", filter=Q(lost_to_follow_up=True)),
        excluded=Count("pk", filter=~Q(excluded_after_randomisation_reason="")),
    ).order_by()
    for row in counted:
        box = per_arm.setdefault(row["arm"], {})
        received = row["received_n"] if row["arm"] == Arm.TREATMENT else 0
        box.update(allocated=row["allocated"], received=received, not_received=row["allocated"] - received,
                   in_error=row["in_error_n"],
                   crossovers=row["crossover_n"] if row["arm"] == Arm.CONTROL else 0,
                   lost_to_follow_up=row["lost"], excluded_from_analysis=row["excluded"],
                   analysed=row["allocated"] - row["excluded"])
    for row in (real_participants(trial, municipality=municipality).exclude(excluded_after_randomisation_reason="")
                .values("arm", "excluded_after_randomisation_reason").annotate(n=Count("pk")).order_by()):
        per_arm[row["arm"]]["excluded_reasons"][row["excluded_after_randomisation_reason"]] = row["n"]
    randomised = sum(box["allocated"] for box in per_arm.values())
    excluded_total = sum(excluded.values())
    return {"assessed": randomised + excluded_total, "excluded": excluded_total, "excluded_reasons": excluded,
            "randomised": randomised, "arms": per_arm}


def _sum_by(rows, field: str):
    from django.db.models import Sum
    return [(row[field], row["total"]) for row in rows.values(field).annotate(total=Sum("count")).order_by()]


# The balance table ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BalanceRow:
    label: str
    kind: str  # "mean" or "share"
    treatment: float | None
    control: float | None
    std_difference: float | None

    @property
    def imbalanced(self) -> bool:
        return self.std_difference is not None and abs(self.std_difference) > 0.1


def _mean_sd(values: list[float]) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    mean = sum(values) / len(values)
    variance = sum((v - mean) ** 2 for v in values) / (len(values) - 1) if len(values) > 1 else 0.0
    return mean, math.sqrt(variance)


def _std_mean(label, treated: list[float], control: list[float]) -> BalanceRow:
    (m1, s1), (m0, s0) = _mean_sd(treated), _mean_sd(control)
    diff = None
    if m1 is not None and m0 is not None:
        pooled = math.sqrt((s1 ** 2 + s0 ** 2) / 2)
        diff = (m1 - m0) / pooled if pooled else 0.0
    return BalanceRow(label, "mean", m1, m0, diff)


def _std_share(label, treated: list[bool], control: list[bool]) -> BalanceRow:
    p1 = sum(treated) / len(treated) if treated else None
    p0 = sum(control) / len(control) if control else None
    diff = None
    if p1 is not None and p0 is not None:
        pooled = math.sqrt((p1 * (1 - p1) + p0 * (1 - p0)) / 2)
        diff = (p1 - p0) / pooled if pooled else 0.0
    return BalanceRow(label, "share", p1, p0, diff)


def balance_table(trial: Trial, municipality=None) -> dict:
    """Baseline covariates by arm (intention to treat): means and shares with standardised differences
    (|d| above 0.1 is usually read as imbalance)."""
    rows = list(participants_for_analysis(trial, municipality=municipality).values(
        "arm", "age", "gender", "benefit_type", "months_on_support", "highest_education", "extra_covariates"))
    by_arm = {arm: [row for row in rows if row["arm"] == arm] for arm in Arm.values}
    treated, control = by_arm[Arm.TREATMENT], by_arm[Arm.CONTROL]

    def mean(label, key):
        return _std_mean(label, [r[key] for r in treated], [r[key] for r in control])

    def share(label, test):
        return _std_share(label, [test(r) for r in treated], [test(r) for r in control])

    table = [mean(_("Age (years)"), "age"), mean(_("Months on public support in the last year"), "months_on_support")]
    table += [share(_("Gender: %(value)s") % {"value": label}, lambda r, v=value: r["gender"] == v)
              for value, label in Gender.choices]
    table += [share(_("Benefit: %(value)s") % {"value": label}, lambda r, v=value: r["benefit_type"] == v)
              for value, label in BenefitType.choices if any(r["benefit_type"] == value for r in rows)]
    table += [share(_("Education: %(value)s") % {"value": label}, lambda r, v=value: r["highest_education"] == v)
              for value, label in Education.choices]
    for spec in trial.extra_fields:
        key, label = spec["key"], spec.get("label", spec["key"])
        if spec.get("kind") == "int":
            table.append(_std_mean(label, [r["extra_covariates"].get(key, 0) for r in treated],
                                   [r["extra_covariates"].get(key, 0) for r in control]))
        elif spec.get("kind") == "bool":
            table.append(share(label, lambda r, k=key: bool(r["extra_covariates"].get(k))))
    return {"rows": table, "treatment_n": len(treated), "control_n": len(control)}


# Recruitment against the target --------------------------------------------------------------------------

@dataclass(frozen=True)
class SiteRecruitment:
    name: str
    municipality_id: int | None
    target: int
    treated: int
    control: int
    per_week_needed: float | None
    per_month_needed: float | None

    @property
    def share(self) -> int:
        return round(100 * self.treated / self.target) if self.target else 0


def _pace(remaining: int, ends_on: dt.date | None) -> tuple[float | None, float | None]:
    if ends_on is None:
        return None, None
    days = (ends_on - dt.date.today()).days
    if remaining <= 0:
        return 0.0, 0.0
    if days <= 0:
        return None, None
    return round(remaining / (days / 7), 1), round(remaining / (days / 30.44), 1)


def recruitment(trial: Trial) -> dict:
    """Treated young people per municipality and in total, against the targets, with the pace still needed
    (per week and per month) to reach them by the end of recruitment."""
    counts = {(row["municipality"], row["arm"]): row["n"] for row in
              real_participants(trial).exclude(in_error=True).values("municipality", "arm")
              .annotate(n=Count("pk")).order_by()}
    sites = []
    for site in TrialSite.objects.filter(trial=trial).select_related("municipality"):
        treated = counts.get((site.municipality_id, Arm.TREATMENT), 0)
        week, month = _pace(site.recruitment_target_treated - treated, trial.ends_on)
        sites.append(SiteRecruitment(site.municipality.name, site.municipality_id, site.recruitment_target_treated,
                                     treated, counts.get((site.municipality_id, Arm.CONTROL), 0), week, month))
    treated = sum(s.treated for s in sites)
    week, month = _pace(trial.recruitment_target_treated - treated, trial.ends_on)
    total = SiteRecruitment(_("All municipalities"), None, trial.recruitment_target_treated, treated,
                            sum(s.control for s in sites), week, month)
    return {"sites": sites, "total": total, "ends_on": trial.ends_on}


def allocation_log(trial: Trial, *, include_tests: bool = False):
    rows = Participant.objects.filter(trial=trial)
    if not include_tests:
        rows = rows.filter(is_test=False)
    return rows.select_related("entered_by").order_by("stratum", "position")


def trials_for(municipality):
    return Trial.objects.filter(sites__municipality=municipality).order_by("-created_at")


def current_trial(municipality) -> Trial | None:
    """The trial a municipality in the research phase enters young people into: its newest open one."""
    return (Trial.objects.filter(sites__municipality=municipality, status__in=["test", "live"])
            .order_by("-created_at").first())
