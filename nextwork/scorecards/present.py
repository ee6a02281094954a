"""Words and small server-rendered charts for indicator values (no JavaScript, no inline style)."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

LIGHT_LABELS = {"green": "On track", "yellow": "Watch", "red": "Off track", "none": "No data"}


def light_label(light: str) -> str:
    return {"green": _("On track"), "yellow": _("Watch"), "red": _("Off track"), "none": _("No data")}[light]


def value_text(value, unit: str) -> str:
    """An indicator value in words: "67 %", "14.5 days", "1.5"."""
    if value is None:
        return _("no data")
    if unit == "share":
        return f"{number_format(round(100 * value))} %"
    if unit == "days":
        return _("%(n)s days") % {"n": number_format(round(value, 1))}
    if unit == "weeks":
        return _("%(n)s weeks") % {"n": number_format(round(value, 1))}
    if unit == "count" and float(value).is_integer():
        return number_format(int(value))
    return number_format(round(value, 1))


def unit_label(unit: str) -> str:
    return {"share": _("share"), "days": _("days"), "weeks": _("weeks"), "count": _("number"),
            "ratio": _("ratio")}[unit]


def sparkline(values: list, *, width: int = 144, height: int = 32, pad: int = 4) -> dict:
    """Points for an SVG polyline over the months (gaps where there is no value) and the last point."""
    known = [v for v in values if v is not None]
    if not known:
        return {"segments": [], "dots": [], "width": width, "height": height}
    low, high = min(known), max(known)
    span = (high - low) or 1
    step = (width - 2 * pad) / max(1, len(values) - 1)
    segments, current, dots = [], [], []
    for i, v in enumerate(values):
        if v is None:
            if current:
                segments.append(current)
            current = []
            continue
        x = pad + i * step
        y = height - pad - (v - low) / span * (height - 2 * pad) if high != low else height / 2
        current.append(f"{x:.1f},{y:.1f}")
        dots.append({"x": f"{x:.1f}", "y": f"{y:.1f}"})
    if current:
        segments.append(current)
    return {"segments": [" ".join(s) for s in segments], "dots": dots[-1:], "width": width, "height": height}


def bars(values: list[tuple[str, float | int | None]], *, width: int = 320, bar: int = 18, gap: int = 6) -> dict:
    """Horizontal bars for a small labelled series (the leader's dashboard); the numbers go beside them."""
    top = max([v for _label, v in values if v] or [1])
    rows = []
    for i, (label, v) in enumerate(values):
        length = 0 if not v else max(2, round((width - 10) * v / top))
        rows.append({"label": label, "value": v, "y": i * (bar + gap), "width": length})
    # Nothing to draw (every count 0 or too small to show): the table alone, no empty picture.
    return {"rows": rows, "width": width, "height": len(values) * (bar + gap), "bar": bar,
            "drawn": any(r["width"] for r in rows)}


def comparison_rows(comparison) -> list[dict]:
    """The comparison's cells as words, worked out once here rather than by template filters in a loop of
    up to 100 municipalities x 18 indicators. A cell: {"state": "hidden" | "none" | "value", "text", "light",
    "label", "n"}."""
    labels = {light: light_label(light) for light in LIGHT_LABELS}

    def cell(c, unit: str, *, with_n: bool = True) -> dict:
        if c.suppressed:
            return {"state": "hidden"}
        if c.value is None:
            return {"state": "none", "light": "none", "label": labels["none"]}
        return {"state": "value", "text": value_text(c.value, unit), "light": c.light, "label": labels[c.light],
                "n": c.n if with_n else None}

    return [{"indicator": row.indicator, "name": _(row.indicator.name),
             "cells": [cell(c, row.indicator.unit) for c in row.cells],
             "network": cell(row.network, row.indicator.unit, with_n=False)} for row in comparison.rows]
