"""Turns a panel list into what a page renders: only the panels the user's roles allow, each with its
own context."""

from nextwork.core.panels import Rendered
from nextwork.core.permissions import can


def compose(panels, request, subject, **extra) -> dict[str, list[Rendered]]:
    columns: dict[str, list[Rendered]] = {"top": [], "main": [], "aside": []}
    for panel in panels:
        if can(request.user, panel.permission):
            columns[panel.column].append(Rendered(panel.template, panel.context(request, subject, **extra)))
    return columns
