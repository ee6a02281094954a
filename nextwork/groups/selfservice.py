"""The young person's own space, reached through a personal link (no account).

Each section is a template and a function that builds its context from the link's young person. Later
features (wishes for match events, wellbeing check-ins) add their section to SECTIONS."""

import datetime as dt

from . import forms, selectors
from .models import PersonalLink


def group_section(link: PersonalLink, *, today: dt.date, propose_form=None) -> dict:
    membership = (selectors.active_memberships(today).filter(person_id=link.person_id)
                  .select_related("group").first())
    if membership is None:
        return {"membership": None}
    return {
        "membership": membership,
        "group": membership.group,
        "sessions": selectors.coming_sessions_for_member(membership, today=today),
        "names": selectors.shared_first_names(membership, today=today),
        "agenda": selectors.ranked_agenda(membership.group, voter=membership, today=today),
        "propose_form": propose_form or forms.ProposeForm(),
    }


SECTIONS = (
    ("groups/self/_group.html", group_section),
)
