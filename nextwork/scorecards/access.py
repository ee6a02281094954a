"""Reading scorecards, the records behind a number, and fidelity reviews.

The scorecard and the comparison carry no names; the records behind a number do, so that list is
audited here (one list row with the count) and scoped to the user's own municipality."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from nextwork import fidelity
from nextwork.companies.models import Internship
from nextwork.core.access import not_found, record_list, require_or_refuse
from nextwork.core.models import Municipality
from nextwork.core.roles import CROSS_MUNICIPAL_ROLES
from nextwork.devising.models import DevisingMeeting
from nextwork.events.models import MatchEvent, Placement
from nextwork.groups.models import AgendaItem, Session
from nextwork.people.models import Course, Exit

from . import selectors
from .collect import collect
from .models import FidelityReview


def scorecard_for(user, month: dt.date, *, months: int = 12) -> selectors.Scorecard:
    require_or_refuse(user, "fidelity.scorecard", object_type="scorecard")
    return selectors.scorecard(user.municipality, month, months=months)


def comparison_for(user, month: dt.date) -> selectors.Comparison:
    require_or_refuse(user, "fidelity.compare", object_type="scorecard")
    return selectors.comparison(month)


def records_behind(user, key: str, month: dt.date) -> tuple[fidelity.Result, list[dict]]:
    """The indicator's figure for the user's municipality and month, and the records behind it as rows
    ({"cells": [...], "person": YoungPerson | None}). Names are shown: one audited list row."""
    require_or_refuse(user, "fidelity.records", object_type="scorecard", object_id=key)
    try:
        ind = fidelity.indicator(key)
    except KeyError:
        not_found(user, "fidelity.records", object_type="scorecard", object_id=key)
    records = collect([user.municipality_id], month, month)[user.municipality_id]
    result = fidelity.compute_one(key, records.inputs(month))
    ids = [int(i) for i in result.figure.records]
    rows = _ROWS[ind.record_kind](user.municipality_id, ids)
    if rows:
        record_list(user, object_type=_AUDIT_TYPE.get(ind.record_kind, ind.record_kind), count=len(rows),
                    summary=f"fidelity {key} {month:%Y-%m}: records behind the number")
    return result, rows


def _courses(municipality_id, ids):
    courses = (Course.objects.filter(pk__in=ids, municipality_id=municipality_id).select_related("person")
               .defer("person__cpr").order_by("person__first_name", "person__last_name", "pk"))
    return [{"person": c.person, "cells": [c.started_on, c.ended_on or "", c.get_status_display()]}
            for c in courses]


def _internships(municipality_id, ids):
    rows = (Internship.objects.filter(pk__in=ids, municipality_id=municipality_id)
            .select_related("course__person", "company").defer("course__person__cpr").order_by("start_on", "pk"))
    return [{"person": i.course.person, "cells": [i.company.name, i.wished_on or "", i.start_on, i.ended_on or "",
                                                  i.get_initiative_display()]} for i in rows]


def _exits(municipality_id, ids):
    rows = (Exit.objects.filter(pk__in=ids, course__municipality_id=municipality_id)
            .select_related("course__person").defer("course__person__cpr").order_by("exit_date", "pk"))
    return [{"person": e.course.person, "cells": [e.exit_date, e.get_exit_type_display()]} for e in rows]


def _sessions(municipality_id, ids):
    from django.db.models import Count, Q

    from nextwork.groups.choices import ATTENDED

    rows = (Session.objects.filter(pk__in=ids, group__municipality_id=municipality_id).select_related("group")
            .annotate(came=Count("attendance", filter=Q(attendance__status__in=ATTENDED)),
                      expected=Count("attendance")).order_by("date", "pk"))
    return [{"person": None, "cells": [s.group.name, s.date, f"{s.came} / {s.expected}"]} for s in rows]


def _events(municipality_id, ids):
    rows = MatchEvent.objects.filter(pk__in=ids, municipality_id=municipality_id).order_by("held_on", "pk")
    return [{"person": None, "cells": [e.held_on, e.place, e.get_status_display()]} for e in rows]


def _placements(municipality_id, ids):
    rows = (Placement.objects.filter(pk__in=ids, run__event__municipality_id=municipality_id)
            .select_related("person", "offer__company", "run__event").defer("person__cpr")
            .order_by("run__event__held_on", "pk"))
    return [{"person": p.person, "cells": [p.run.event.held_on, p.offer.company.name,
                                           p.rank if p.rank else _("not among the wishes")]} for p in rows]


def _agenda_items(municipality_id, ids):
    rows = (AgendaItem.objects.filter(pk__in=ids, group__municipality_id=municipality_id)
            .select_related("group").order_by("created_at", "pk"))
    return [{"person": None, "cells": [a.group.name, a.title,
                                       _("a young person") if a.proposed_by_member_id else _("staff")]}
            for a in rows]


def _devising_meetings(municipality_id, ids):
    rows = DevisingMeeting.objects.filter(pk__in=ids, municipality_id=municipality_id).order_by("held_on", "pk")
    return [{"person": None, "cells": [m.held_on]} for m in rows]


_ROWS = {"course": _courses, "internship": _internships, "exit": _exits, "session": _sessions,
         "event": _events, "placement": _placements, "agenda_item": _agenda_items,
         "devising_meeting": _devising_meetings}
_AUDIT_TYPE = {"course": "young_person", "internship": "young_person", "exit": "young_person",
               "placement": "young_person"}


def reviewable_municipality(user, municipality_id=None, *, action: str = "fidelity.review_view") -> Municipality:
    """The municipality whose reviews the user may read: their own, or any for the network's roles."""
    require_or_refuse(user, action, object_type="fidelity_review", object_id=municipality_id or "")
    if user.roles & CROSS_MUNICIPAL_ROLES:
        found = Municipality.objects.filter(pk=municipality_id).first() if municipality_id else None
        if found is None and municipality_id:
            not_found(user, action, object_type="municipality", object_id=municipality_id)
        return found
    if municipality_id and str(municipality_id) != str(user.municipality_id):
        not_found(user, action, object_type="municipality", object_id=municipality_id)
    return user.municipality


def reviews_for(user, municipality: Municipality) -> list[FidelityReview]:
    return list(FidelityReview.objects.filter(municipality=municipality).select_related("created_by")
                .prefetch_related("scores"))
