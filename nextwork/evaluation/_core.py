"""The analysis on checked inputs: outcomes, estimates, randomisation inference, subgroups, descriptions."""

from __future__ import annotations

import numpy as np

from .estimators import Design, compact_cells, demean, holm, independent_columns
from .model import (
    EARNINGS_OUTCOME,
    Analysis,
    EvaluationInputError,
    OutcomeResult,
    Spec,
    SubgroupResult,
    uses_panel,
)
from .outcomes import attrition, earnings_among_employed, person_outcome, status_matrix, weekly_shares
from .validate import Prepared


def _family(
    spec: Spec,
    members: np.ndarray,
    values: dict[str, np.ndarray],
    prep: Prepared,
    covariates: np.ndarray,
    seed: np.random.SeedSequence,
) -> list[OutcomeResult]:
    """Estimates for every outcome among `members`; outcomes missing for the same people share one design
    and one set of randomisation draws."""
    groups: dict[bytes, list[str]] = {}
    for name in spec.outcomes:
        sample = members & ~np.isnan(values[name])
        groups.setdefault(np.packbits(sample).tobytes() + sample.sum().tobytes(), []).append(name)
    results: dict[str, OutcomeResult] = {}
    seeds = seed.spawn(len(groups))
    for (_, names), group_seed in zip(groups.items(), seeds, strict=True):
        sample = members & ~np.isnan(values[names[0]])
        d = prep.treat[sample]
        y = np.column_stack([values[n][sample] for n in names])
        design = Design(d, compact_cells(prep.stratum[sample]), covariates[sample])
        estimates = design.fit(y, spec.ci_level)
        ri = design.ri_pvalues(y, spec.ri_draws, group_seed)
        for j, (name, est) in enumerate(zip(names, estimates, strict=True)):
            t, c = y[d, j], y[~d, j]
            note = est.note
            if not sample.any():
                note = _nobody_note(name, whole=bool(members.all()))
            results[name] = OutcomeResult(
                name=name,
                control_mean=float(c.mean()) if len(c) else float("nan"),
                treatment_mean=float(t.mean()) if len(t) else float("nan"),
                effect=est.effect,
                se=est.se,
                ci_low=est.ci_low,
                ci_high=est.ci_high,
                p_value=est.p_value,
                p_value_ri=float(ri[j]) if spec.ri_draws else None,
                p_value_holm=float("nan"),
                p_value_ri_holm=None,
                n_treatment=len(t),
                n_control=len(c),
                note=note,
            )
    ordered = [results[name] for name in spec.outcomes]
    adjusted = holm([r.p_value for r in ordered])
    adjusted_ri = holm([np.nan if r.p_value_ri is None else r.p_value_ri for r in ordered])
    return [
        OutcomeResult(
            **{
                **r.__dict__,
                "p_value_holm": float(a),
                "p_value_ri_holm": float(b) if spec.ri_draws else None,
            }
        )
        for r, a, b in zip(ordered, adjusted, adjusted_ri, strict=True)
    ]


def _nobody_note(name: str, whole: bool) -> str:
    where = "" if whole else " in this subgroup"
    if EARNINGS_OUTCOME.match(name):
        return f"every value of {name} is missing{where}, so there is no estimate"
    return f"no one{where} is observed in every week up to the horizon, so there is no estimate"


def _check_covariates(spec: Spec, prep: Prepared, members: np.ndarray) -> None:
    if not spec.covariates:
        return
    cells = compact_cells(prep.stratum[members])
    kept = independent_columns(demean(prep.covariates[members], cells))
    dropped = [c for j, c in enumerate(spec.covariates) if j not in kept]
    if dropped:
        raise EvaluationInputError(
            f"the covariates {', '.join(dropped)} are constant within strata or collinear with the "
            "covariates before them, so they cannot be estimated; leave them out of SPEC"
        )


def run(prep: Prepared, spec: Spec) -> Analysis:
    matrix = status_matrix(prep)
    values = {name: person_outcome(name, matrix, spec.horizon_weeks, prep) for name in spec.outcomes}
    everyone = np.ones(len(prep.person_ids), dtype=bool)
    _check_covariates(spec, prep, everyone)
    root = np.random.SeedSequence(spec.seed)
    main_seed, subgroup_seed = root.spawn(2)
    outcomes = _family(spec, everyone, values, prep, prep.covariates, main_seed)

    subgroups = []
    seeds = iter(subgroup_seed.spawn(sum(len(labels) for _, labels in prep.subgroups.values())))
    for column, (codes, labels) in prep.subgroups.items():
        for code, label in enumerate(labels):
            members = codes == code
            cells = compact_cells(prep.stratum[members])
            kept = independent_columns(demean(prep.covariates[members], cells))
            dropped = tuple(c for j, c in enumerate(spec.covariates) if j not in kept)
            results = _family(spec, members, values, prep, prep.covariates[:, kept], next(seeds))
            subgroups.append(
                SubgroupResult(
                    column=column,
                    value=label,
                    n_treatment=int((members & prep.treat).sum()),
                    n_control=int((members & ~prep.treat).sum()),
                    outcomes=tuple(results),
                    covariates_dropped=dropped,
                )
            )

    warnings = []
    if matrix.shape[1] >= spec.horizon_weeks:
        employed = person_outcome("employed", matrix, spec.horizon_weeks, prep)
    else:
        employed = np.full(len(prep.person_ids), np.nan)
        warnings.append("the panel does not reach the horizon week, so nobody counts as employed in it")
    named = [o for o in spec.outcomes if EARNINGS_OUTCOME.match(o)]
    if not named and prep.earnings:
        named = [max(prep.earnings, key=lambda c: int(EARNINGS_OUTCOME.match(c).group(1)))]
    if any(uses_panel(o) for o in spec.outcomes):
        short = sum(1 for r in outcomes if r.n_treatment + r.n_control < len(prep.person_ids))
        if short:
            warnings.append("outcomes are analysed for the people observed; see attrition for those left out")
    return Analysis(
        spec=spec,
        n_treatment=int(prep.treat.sum()),
        n_control=int((~prep.treat).sum()),
        outcomes=tuple(outcomes),
        attrition=attrition(matrix, spec.horizon_weeks, prep.treat),
        earnings_among_employed=earnings_among_employed(named, employed, prep),
        subgroups=tuple(subgroups),
        weekly_shares=weekly_shares(matrix, prep.treat),
        warnings=tuple(warnings),
    )
