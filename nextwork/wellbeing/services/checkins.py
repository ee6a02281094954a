"""Recording a check-in, by the young person on their own page or with a consultant. Scores are computed
here from the answers (scales.py); a check-in with a flag reaches the consultant (and, at 28 or below, the
psychologist) on the young person's page and the start page."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require
from nextwork.people.models import YoungPerson

from .. import scales
from ..models import CheckIn, CheckInBy

EVERY_MONTHS = 3  # a check-in at the start and every 3 months
MIN_DAYS_BETWEEN = 14  # a second check-in sooner than this is a mistake (a double tap, two people at once)


def next_due(*, anchor: dt.date | None, last_taken_on: dt.date | None) -> dt.date | None:
    """At the start of the course (its start, or the referral until it starts), then 3 months after the last
    check-in. None without an open course."""
    if anchor is None:
        return None
    if last_taken_on is None or last_taken_on < anchor - dt.timedelta(days=MIN_DAYS_BETWEEN):
        return anchor
    return last_taken_on + relativedelta(months=EVERY_MONTHS)


def _answers(values, name: str, field: str) -> list[int]:
    try:
        return [int(v) for v in values]
    except (TypeError, ValueError):
        raise DomainError(_("Answer every question in %(part)s.") % {"part": name}, field=field) from None


@transaction.atomic
def checkin_record(*, person: YoungPerson, who5, loneliness, work_identity, taken_on: dt.date,
                   actor=None) -> CheckIn:
    """`actor` None: the young person on their own page; else the staff member doing it with them."""
    if actor is not None:
        require(actor, "wellbeing.checkin_record")
    today = dt.date.today()
    if taken_on > today:
        raise DomainError(_("The date cannot be in the future."), field="taken_on")
    if taken_on < today - dt.timedelta(days=366):
        raise DomainError(_("The date cannot be more than a year ago."), field="taken_on")
    parts = {"who5": _answers(who5, _("the first part"), "who5"),
             "loneliness": _answers(loneliness, _("the second part"), "loneliness"),
             "work_identity": _answers(work_identity, _("the third part"), "work_identity")}
    try:
        scores = scales.score(**parts)
    except ValueError:
        raise DomainError(_("Answer every question with one of the choices given."), field="who5") from None
    # Locked, so two taps at once make one check-in.
    YoungPerson.objects.select_for_update().filter(pk=person.pk).first()
    recent = (CheckIn.objects.filter(person=person, taken_on__gt=taken_on - dt.timedelta(days=MIN_DAYS_BETWEEN),
                                     taken_on__lte=taken_on + dt.timedelta(days=MIN_DAYS_BETWEEN))
              .order_by("-taken_on").first())
    if recent is not None:
        raise DomainError(_("There is already a check-in from %(date)s. The next one can be made two weeks "
                            "after it.") % {"date": recent.taken_on.strftime("%d.%m.%Y")}, field="taken_on")
    checkin = CheckIn.objects.create(
        person=person, municipality_id=person.municipality_id, taken_on=taken_on,
        by=CheckInBy.SELF if actor is None else CheckInBy.CONSULTANT, recorded_by=actor,
        who5_answers=parts["who5"], loneliness_answers=parts["loneliness"],
        work_identity_answers=parts["work_identity"], who5_raw=scores.who5_raw, who5_percent=scores.who5_percent,
        loneliness_score=scores.loneliness_score, severe_loneliness=scores.severe_loneliness,
        work_identity_mean=scores.work_identity_mean, flag=scores.flag)
    if actor is not None:
        audit.record(actor=actor, action="create", object_type="wellbeing_checkin", object_id=checkin.pk,
                     municipality_id=person.municipality_id, summary=f"check-in with young person {person.pk}")
    return checkin
