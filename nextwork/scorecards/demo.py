"""Demo fidelity reviews: the secretariat's visit to the first two municipalities last month, so the review
page shows scores beside the computed figures. The scorecards themselves differ between municipalities
because the data does: Fredericia's single consultant holds every course (caseload red), Fredericia and every
third municipality are in the research phase (no voluntary entries measured), routines differ by norm."""

from __future__ import annotations

from nextwork.core.models import User
from nextwork.core.roles import Role

from .collect import add_months, month_start
from .services.reviews import review_record

SCORES = {
    "Roskilde": {"work_identity": (4, "Most young people were in an internship; starts were quick."),
                 "many_to_many": (4, "Two lively groups; the match event had many companies."),
                 "power_shift": (5, "The young people set the agenda and chose their places."),
                 "team": (4, "Regular devising meetings.")},
    "Fredericia": {"work_identity": (3, "Long waits from the wish to the start."),
                   "many_to_many": (3, "One group is near-empty."),
                   "power_shift": (3, "Staff still propose most topics."),
                   "team": (2, "One consultant carries the whole caseload.")},
}


def build(context) -> None:
    reviewer = User.objects.filter(role=Role.SECRETARIAT).order_by("pk").first()
    if reviewer is None:
        return
    month = add_months(month_start(context.today), -1)
    for item in context.municipalities:
        scores = SCORES.get(item.municipality.name)
        if scores:
            review_record(by=reviewer, municipality=item.municipality, month=month,
                          reviewed_on=context.today.replace(day=1), reviewers="The network secretariat",
                          summary="A visit: a network group, a match event and a talk with the team.",
                          scores=scores)


def store_figures(context) -> None:
    """The network comparison reads stored monthly figures: compute them once for the demo's two years and its
    municipalities (the builder calls this last, when every app's records are in)."""
    from .figures import figures_store, recent_months

    figures_store(recent_months(24, today=context.today),
                  municipality_ids=[item.municipality.pk for item in context.municipalities])
