"""The computed report as the page and the PDF show it: numbers formatted in the reader's language (decimal
comma in Danish), shares as per cent and effects on them in percentage points, the deviations described,
and the figures with the numbers beside them."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import figures
from . import outcomes as known
from .services.reports import describe

SHARE_OUTCOMES = {"employed", "in_education", "charged", "convicted"}


def _number(value, places: int = 2) -> str:
    return "—" if value is None else number_format(round(float(value), places), places)


def _p(value) -> str:
    if value is None:
        return "—"
    return "< " + number_format(0.001, 3) if value < 0.001 else number_format(round(value, 3), 3)


def _mean(name: str, value) -> str:
    if name in SHARE_OUTCOMES:
        return "—" if value is None else f"{_number(100 * value, 1)} %"
    return _number(value)


def _effect(name: str, value) -> str:
    if value is None:
        return "—"
    if name in SHARE_OUTCOMES:
        return f"{'+' if value > 0 else ''}{_number(100 * value, 1)} " + _("pp")
    return ("+" if value > 0 else "") + _number(value)


def outcome_row(row: dict) -> dict:
    name = row["name"]
    return {
        "name": name, "label": known.label(name), "control_mean": _mean(name, row.get("control_mean")),
        "treatment_mean": _mean(name, row.get("treatment_mean")), "effect": _effect(name, row.get("effect")),
        "ci": "—" if row.get("ci_low") is None else
        f"{_effect(name, row['ci_low'])} – {_effect(name, row['ci_high'])}",
        "p_value": _p(row.get("p_value")), "p_value_ri": _p(row.get("p_value_ri")),
        "p_value_holm": _p(row.get("p_value_holm")), "p_value_ri_holm": _p(row.get("p_value_ri_holm")),
        "n_treatment": row.get("n_treatment"), "n_control": row.get("n_control"), "note": row.get("note"),
    }


def report_context(run) -> dict:
    result = run.result or {}
    subgroups = [group for group in result.get("subgroups", []) if group.get("column") == "municipality"]
    other_groups = [group for group in result.get("subgroups", []) if group.get("column") != "municipality"]
    return {
        "run": run,
        "outcomes": [outcome_row(row) for row in result.get("outcomes", [])],
        "attrition": [{**row, "label": figures._arm_label(row["arm"]),
                       "share": _number(100 * (row.get("share_attrited") or 0), 1)}
                      for row in result.get("attrition", [])],
        "municipalities": [{"value": group["value"], "n_treatment": group["n_treatment"],
                            "n_control": group["n_control"],
                            "outcomes": [outcome_row(row) for row in group.get("outcomes", [])]}
                           for group in subgroups],
        "other_subgroups": [{"column": str(known.SUBGROUPS.get(group["column"], group["column"])),
                             "value": group["value"], "n_treatment": group["n_treatment"],
                             "n_control": group["n_control"],
                             "outcomes": [outcome_row(row) for row in group.get("outcomes", [])]}
                            for group in other_groups],
        "earnings": [{"label": known.label(row["name"]), "control_mean": _number(row.get("control_mean"), 0),
                      "treatment_mean": _number(row.get("treatment_mean"), 0),
                      "relative": "—" if row.get("relative_difference") is None
                      else f"{_number(100 * row['relative_difference'], 1)} %",
                      "n_treatment": row.get("n_treatment"), "n_control": row.get("n_control")}
                     for row in result.get("earnings_among_employed", [])],
        "earnings_note": result.get("earnings_note"),
        "warnings": result.get("warnings", []),
        "figures": [_with_rows(figure) for figure in figures.report_figures(result)],
        "deviations": [describe(deviation) for deviation in run.deviations],
        "spec": result.get("spec") or run.spec,
        "spec_outcomes": [known.label(name) for name in (run.spec or {}).get("outcomes", [])],
        "n_treatment": result.get("n_treatment"), "n_control": result.get("n_control"),
    }


def _with_rows(figure: figures.Figure) -> dict:
    rows = [{"week": week, "treatment": _number(t, 1), "control": _number(c, 1), "n_treatment": nt, "n_control": nc}
            for week, t, c, nt, nc in figure.rows]
    return {"key": figure.key, "title": figure.title, "description": figure.description, "svg": figure.svg,
            "rows": rows, "quarterly": [row for row in rows if row["week"] % 13 == 0 or row["week"] == 1]}
