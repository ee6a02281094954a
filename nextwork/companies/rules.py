"""The rules an internship must keep. Each check returns the violations as (field, message, overridable)
triples, so a service can refuse with the first message or, with a team lead's recorded reason, override
them all, except the ones nobody may override (no internship starts uninsured)."""

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _

from .choices import AgreementStatus, InternshipStatus
from .models import Internship

MAX_HOURS_PER_WEEK = Decimal("37")


class Violation(NamedTuple):
    field: str
    message: str
    overridable: bool = True


def dates_violation(start_on: dt.date, end_on: dt.date) -> list[tuple[str, str]]:
    if end_on < start_on:
        return [Violation("planned_end_on", _("The end date is before the start date."), overridable=False)]
    return []


def _busy_hours(person_id: int, start_on: dt.date, end_on: dt.date, exclude_id: int | None):
    others = Internship.objects.filter(course__person_id=person_id).exclude(status=InternshipStatus.ENDED,
                                                                            ended_on__lt=start_on)
    if exclude_id:
        others = others.exclude(pk=exclude_id)
    return [(o.start_on, o.ended_on or o.planned_end_on, o.hours_per_week)
            for o in others.only("start_on", "planned_end_on", "ended_on", "hours_per_week")
            if o.start_on <= end_on and (o.ended_on or o.planned_end_on) >= start_on]


def peak_hours(*, person_id: int, start_on: dt.date, end_on: dt.date, hours: Decimal,
               exclude_id: int | None = None) -> Decimal:
    """The most hours a week the young person would be in internships on any day of [start_on, end_on]."""
    busy = _busy_hours(person_id, start_on, end_on, exclude_id)
    points = {start_on} | {max(start, start_on) for start, _end, _hours in busy}
    return max(hours + sum((h for s, e, h in busy if s <= day <= e), Decimal(0)) for day in points)


def hours_violation(*, person_id: int, start_on: dt.date, end_on: dt.date, hours: Decimal,
                    exclude_id: int | None = None) -> list[tuple[str, str]]:
    if hours <= 0:
        return [Violation("hours_per_week", _("The hours per week must be more than zero."))]
    peak = peak_hours(person_id=person_id, start_on=start_on, end_on=end_on, hours=hours, exclude_id=exclude_id)
    if peak > MAX_HOURS_PER_WEEK:
        return [Violation("hours_per_week", _(
            "Together with the young person's other internships in the same period this comes to %(total)s "
            "hours a week, more than the %(max)s hours allowed.") % {"total": f"{peak:g}",
                                                                      "max": f"{MAX_HOURS_PER_WEEK:g}"})]
    return []


def start_violation(internship: Internship, on: dt.date) -> list[Violation]:
    """The papers and the three-party meeting, in the order a consultant deals with them. Insurance is never
    overridable: nobody starts uninsured, and an agreement that is not signed is not insured either."""
    violations = []
    if internship.agreement_status == AgreementStatus.DRAFTED or internship.agreement_signed_on is None:
        violations.append(Violation("on", _("The internship cannot start before the agreement is signed."),
                                    overridable=False))
    elif internship.agreement_signed_on > on:
        violations.append(Violation("on", _(
            "The internship cannot start before the agreement is signed (signed on %(date)s).")
            % {"date": internship.agreement_signed_on.isoformat()}))
    if internship.agreement_status == AgreementStatus.SIGNED:
        violations.append(Violation("on", _("The internship cannot start before the insurance is in place."),
                                    overridable=False))
    elif (internship.agreement_status == AgreementStatus.INSURED and internship.insurance_confirmed_on
          and internship.insurance_confirmed_on > on):
        violations.append(Violation("on", _(
            "The internship cannot start before the insurance is in place (confirmed on %(date)s).")
            % {"date": internship.insurance_confirmed_on.isoformat()}, overridable=False))
    if internship.meeting_on is None:
        violations.append(Violation("on", _(
            "The internship cannot start before the three-party meeting with the young person and the company.")))
    elif internship.meeting_on > on:
        violations.append(Violation("on", _(
            "The internship cannot start before the three-party meeting (held on %(date)s).")
            % {"date": internship.meeting_on.isoformat()}))
    return violations
