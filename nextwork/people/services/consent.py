"""Recording a young person's consent and its withdrawal, each with a date. A withdrawal keeps the date the
consent was given; from the withdrawal on, the young person is left out of research data
(`stats.pseudonymised_courses`)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require

from ..choices import TimelineKind
from ..models import YoungPerson
from .timeline import timeline_add


def _check_date(on: dt.date) -> None:
    if on > dt.date.today():
        raise DomainError(_("The date cannot be in the future."), field="on")


@transaction.atomic
def consent_withdraw(*, actor, person: YoungPerson, on: dt.date) -> YoungPerson:
    require(actor, "person.edit")
    _check_date(on)
    person = YoungPerson.objects.select_for_update().get(pk=person.pk)
    if person.consent_withdrawn_on is not None:
        raise DomainError(_("The consent is already withdrawn."), field="on")
    if person.consent_date and on < person.consent_date:
        raise DomainError(_("The withdrawal cannot be before the consent was given."), field="on")
    before = (person.consent_given, person.consent_withdrawn_on)
    person.consent_given, person.consent_withdrawn_on = False, on
    person.save(update_fields=["consent_given", "consent_withdrawn_on"])
    _record(actor=actor, person=person, before=before, message=gettext_noop("Consent withdrawn."), on=on)
    return person


@transaction.atomic
def consent_give(*, actor, person: YoungPerson, on: dt.date) -> YoungPerson:
    """Consent given (again): a new date, and any earlier withdrawal no longer applies."""
    require(actor, "person.edit")
    _check_date(on)
    person = YoungPerson.objects.select_for_update().get(pk=person.pk)
    before = (person.consent_given, person.consent_withdrawn_on)
    person.consent_given, person.consent_date, person.consent_withdrawn_on = True, on, None
    person.save(update_fields=["consent_given", "consent_date", "consent_withdrawn_on"])
    _record(actor=actor, person=person, before=before, message=gettext_noop("Consent given."), on=on)
    return person


def _record(*, actor, person: YoungPerson, before: tuple, message: str, on: dt.date) -> None:
    audit.record_change(actor=actor, object_type="young_person", object_id=person.pk,
                        municipality_id=person.municipality_id, changes={
                            "consent_given": (before[0], person.consent_given),
                            "consent_withdrawn_on": (before[1], person.consent_withdrawn_on)})
    course = person.courses.order_by("-referred_on", "-id").first()
    if course is not None:
        timeline_add(course=course, kind=TimelineKind.EDITED, actor=actor, message=message, on=on)
