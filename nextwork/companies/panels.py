"""The companies app's pieces of the composed pages (listed in nextwork/portal/panels.py)."""

import datetime as dt

from nextwork.core.panels import Panel
from nextwork.core.permissions import can

from . import figures, selectors


def person_internships_context(request, person) -> dict:
    return {"person_internships": selectors.internships_of_person(person),
            "may_create_internship": can(request.user, "internship.manage")}


def start_figures_context(request, today: dt.date) -> dict:
    return {"internship_figures": figures.start_figures(municipality_id=request.user.municipality_id, today=today)}


PERSON_INTERNSHIPS = Panel("companies/_person_internships.html", person_internships_context, "internship.view")
START_INTERNSHIP_FIGURES = Panel("companies/_start_figures.html", start_figures_context, "internship.figures")
