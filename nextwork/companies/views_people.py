"""Context the people app's pages take from this app: the young person's internships and the two
numbers on the team's start page. Kept here so the people views need one line each."""

import datetime as dt

from nextwork.core.permissions import can

from . import figures, selectors


def internship_context(user, person) -> dict:
    if not can(user, "company.view"):
        return {"person_internships": None}
    return {"person_internships": selectors.internships_of_person(person),
            "may_create_internship": can(user, "internship.manage")}


def start_page_figures(user, *, today: dt.date) -> dict:
    if not (can(user, "company.view") or can(user, "stats.municipality")) or not user.municipality_id:
        return {}
    return {"internship_figures": figures.start_figures(municipality_id=user.municipality_id, today=today)}
