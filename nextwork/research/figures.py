"""The report's figures, drawn on the server as SVG: each weekly share over time, one line per arm. The
SVG carries its own title and description; the page puts the numbers in a table beside it. No style
attributes (the content security policy forbids inline styles): colours are presentation attributes."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _

from . import outcomes as known

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 16, 64
ARM_STYLE = {"treatment": ("#0059b3", ""), "control": ("#b34700", "6 4")}  # colour, dash: not colour alone


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    description: str
    svg: str
    rows: list  # (week, treatment %, control %, treatment n, control n)


def _arm_label(arm: str) -> str:
    return _("NExTWORK") if arm == "treatment" else _("Usual services")


def _percent(value) -> float | None:
    return None if value is None else round(100 * float(value), 1)


def _path(weeks: list[int], values: list, x, y) -> str:
    parts, pen_down = [], False
    for week, value in zip(weeks, values, strict=True):
        if value is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{x(week):.1f},{y(value):.1f}")
        pen_down = True
    return " ".join(parts)


def share_figure(shares: dict, series: str, *, horizon: int | None, figure_id: str) -> Figure | None:
    weeks = list(shares.get("weeks") or [])
    by_arm = shares.get("by_arm") or {}
    if not weeks or not all(series in by_arm.get(arm, {}) for arm in ("treatment", "control")):
        return None
    values = {arm: [_percent(v) for v in by_arm[arm][series]] for arm in ("treatment", "control")}
    counts = {arm: list(by_arm[arm].get("n_observed") or [None] * len(weeks)) for arm in ("treatment", "control")}
    name = str(known.STATUS_LABELS.get(series, series))
    title = _("%(share)s: share by week after randomisation") % {"share": name}
    last = weeks[-1]
    at_end = {arm: next((v for v in reversed(values[arm]) if v is not None), None) for arm in values}
    description = _("Line chart of the weekly share, weeks 1 to %(last)d, for NExTWORK and usual services. "
                    "In week %(last)d: NExTWORK %(treatment)s %%, usual services %(control)s %%. "
                    "The numbers are in the table beside the figure.") % {
        "last": last, "treatment": at_end["treatment"], "control": at_end["control"]}
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = max([v for arm in values for v in values[arm] if v is not None] + [10])
    top = min(100, 10 * (int(top // 10) + 1))

    def x(week: int) -> float:
        return LEFT + (week - weeks[0]) / max(1, last - weeks[0]) * plot_w

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    parts = [f'<svg class="research-figure" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="{figure_id}-title {figure_id}-desc" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{figure_id}-title">{escape(title)}</title>',
             f'<desc id="{figure_id}-desc">{escape(description)}</desc>',
             f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#ffffff" stroke="#bbbbbb"/>']
    for step in range(0, top + 1, 10 if top <= 50 else 20):
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(step):.1f}" y2="{y(step):.1f}" '
                     f'stroke="#e5e5e5"/>'
                     f'<text x="{LEFT - 6}" y="{y(step) + 4:.1f}" text-anchor="end" font-size="12" '
                     f'fill="#333333">{step} %</text>')
    tick = 13 if last <= 130 else 26 if last <= 260 else 52
    for week in [w for w in weeks if w % tick == 0 or w == weeks[0]]:
        parts.append(f'<text x="{x(week):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" font-size="12" '
                     f'fill="#333333">{week}</text>')
    axis_label = escape(_("Week after randomisation"))  # outside the f-string, where makemessages finds it
    parts.append(f'<text x="{LEFT + plot_w / 2:.1f}" y="{TOP + plot_h + 34}" text-anchor="middle" font-size="12" '
                 f'fill="#333333">{axis_label}</text>')
    if horizon and weeks[0] <= horizon <= last:
        horizon_label = escape(_("horizon"))
        parts.append(f'<line x1="{x(horizon):.1f}" x2="{x(horizon):.1f}" y1="{TOP}" y2="{TOP + plot_h}" '
                     f'stroke="#555555" stroke-dasharray="2 3"/>'
                     f'<text x="{x(horizon) - 4:.1f}" y="{TOP + 12}" text-anchor="end" font-size="11" '
                     f'fill="#333333">{horizon_label}</text>')
    for index, arm in enumerate(("treatment", "control")):
        colour, dash = ARM_STYLE[arm]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<path d="{_path(weeks, values[arm], x, y)}" fill="none" stroke="{colour}" '
                     f'stroke-width="2"{dash_attr}/>')
        legend_x = LEFT + index * 220
        legend_y = HEIGHT - 10
        parts.append(f'<line x1="{legend_x}" x2="{legend_x + 28}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
                     f'stroke="{colour}" stroke-width="2"{dash_attr}/>'
                     f'<text x="{legend_x + 34}" y="{legend_y}" font-size="12" fill="#333333">'
                     f'{escape(_arm_label(arm))}</text>')
    parts.append("</svg>")
    rows = [(week, values["treatment"][i], values["control"][i], counts["treatment"][i], counts["control"][i])
            for i, week in enumerate(weeks)]
    return Figure(series, title, description, "".join(parts), rows)


def report_figures(result: dict) -> list[Figure]:
    shares = result.get("weekly_shares") or {}
    horizon = (result.get("spec") or {}).get("horizon_weeks")
    found = [share_figure(shares, series, horizon=horizon, figure_id=f"figure-{series}")
             for series in known.FIGURE_SERIES]
    return [figure for figure in found if figure is not None]
