"""The life of an internship: creation under the rules, the agreement, the three-party meeting, the start,
and every change until it ends or turns into paid hours or a job. Each step is kept as an InternshipEvent
with the values before and after, and audit-logged.

Every step locks the internship's row first and reads it again (`_lock`), so of two simultaneous requests
the second sees what the first did: it is refused with a DomainError or records the right value before.
Steps that check the 37-hour rule lock the young person's row before that (always person, then internship),
so two internships of one young person cannot pass the rule side by side."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import can, require
from nextwork.people.choices import CourseStatus
from nextwork.people.models import YoungPerson
from nextwork.people.services.courses import course_internship_started

from .. import rules
from ..choices import (
    CONVERSIONS,
    AgreementStatus,
    EventKind,
    Initiative,
    InternshipKind,
    InternshipStatus,
    Outcome,
)
from ..models import Company, Internship, InternshipEvent, Offer
from .history import snapshot

AGREEMENT_ORDER = [AgreementStatus.DRAFTED, AgreementStatus.SIGNED, AgreementStatus.INSURED]


def _today(today):
    return today or dt.date.today()


def _lock(internship: Internship) -> Internship:
    """Locks the internship's row until the transaction ends and reloads it in place."""
    internship.refresh_from_db(from_queryset=Internship.objects.select_for_update())
    return internship


def _lock_person(person_id: int) -> None:
    """Serialises the 37-hour check for one young person (their internships are counted together)."""
    list(YoungPerson.objects.select_for_update().filter(pk=person_id).values_list("pk", flat=True))


def _apply_rules(*, actor, violations: list[rules.Violation], override_reason: str) -> str:
    """Refuses on the first violation unless a team lead gives a reason, and always on one nobody may
    override; returns the override text to log."""
    if not violations:
        return ""
    reason = (override_reason or "").strip()
    if not reason:
        raise DomainError(violations[0].message, field=violations[0].field)
    fixed = [violation for violation in violations if not violation.overridable]
    if fixed:
        raise DomainError(fixed[0].message + " " + _("Nobody can override this rule."), field=fixed[0].field)
    if not can(actor, "internship.override"):
        raise DomainError(_("Only a team lead can override this rule.") + " " + violations[0].message,
                          field="override_reason")
    return "; ".join(violation.message for violation in violations) + " — " + _("Reason: %(reason)s") % {
        "reason": reason}


def _event(*, actor, internship, kind, on, summary, changes=None, override=""):
    InternshipEvent.objects.create(internship=internship, kind=kind, occurred_on=on, actor=actor,
                                   summary=summary[:300], changes=changes or {})
    if override:
        InternshipEvent.objects.create(internship=internship, kind=EventKind.OVERRIDE, occurred_on=on, actor=actor,
                                       summary=override[:300], changes={})
    audit.record(actor=actor, action="create" if kind == EventKind.CREATED else "change",
                 object_type="internship", object_id=internship.pk, municipality_id=internship.municipality_id,
                 summary=f"{kind}: {summary}" + (" (override)" if override else "")
                 + (f" | {audit.describe_changes(changes)}" if changes else ""))


@transaction.atomic
def internship_create(*, actor, course, company: Company, offer: Offer | None = None, function: str = "",
                      start_on: dt.date, planned_end_on: dt.date, hours_per_week: Decimal, kind: str,
                      paid_hours: bool = False, override_reason: str = "",
                      wished_on: dt.date | None = None, youth_note: str = "") -> Internship:
    require(actor, "internship.manage")
    if course.municipality_id != actor.municipality_id or company.municipality_id != actor.municipality_id:
        raise DomainError(_("The young person and the company must be in your municipality."), field="company")
    if course.status == CourseStatus.ENDED:
        raise DomainError(_("The young person's course has ended."), field="course")
    if offer is not None and offer.company_id != company.pk:
        raise DomainError(_("Choose one of this company's offers."), field="offer")
    function = (function or (offer.function if offer else "")).strip()
    if not function:
        raise DomainError(_("Describe the function."), field="function")
    if kind not in InternshipKind.values:
        raise DomainError(_("Choose the kind of internship."), field="kind")
    hours_per_week = Decimal(hours_per_week)
    wished_on = wished_on or dt.date.today()
    if wished_on > dt.date.today():
        raise DomainError(_("The wish cannot be in the future."), field="wished_on")
    if wished_on < course.referred_on:
        raise DomainError(_("The wish cannot be before the referral."), field="wished_on")
    rules_broken = rules.dates_violation(start_on, planned_end_on)
    if rules_broken:  # the hours check needs a sane period, and no override makes a negative period sane
        raise DomainError(rules_broken[0].message, field=rules_broken[0].field)
    _lock_person(course.person_id)
    override = _apply_rules(actor=actor, override_reason=override_reason, violations=rules.hours_violation(
        person_id=course.person_id, start_on=start_on, end_on=planned_end_on, hours=hours_per_week))
    internship = Internship.objects.create(
        municipality_id=course.municipality_id, course=course, company=company, offer=offer, function=function,
        wished_on=wished_on, youth_note=(youth_note or "").strip()[:1000], start_on=start_on, planned_end_on=planned_end_on, hours_per_week=hours_per_week, kind=kind,
        paid_hours=paid_hours)
    _event(actor=actor, internship=internship, kind=EventKind.CREATED, on=dt.date.today(),
           summary=f"{company.name}: {function}, {hours_per_week:g} h", override=override,
           changes=snapshot(internship, ("start_on", "planned_end_on", "hours_per_week", "function", "kind")))
    return internship


def _require_open(internship: Internship) -> None:
    if internship.status == InternshipStatus.ENDED:
        raise DomainError(_("This internship has ended."), field="on")


def _not_future(on: dt.date, today) -> None:
    if on > _today(today):
        raise DomainError(_("The date cannot be in the future."), field="on")


@transaction.atomic
def internship_agreement(*, actor, internship: Internship, status: str, on: dt.date, today=None) -> Internship:
    require(actor, "internship.manage")
    _lock(internship)
    _require_open(internship)
    _not_future(on, today)
    if status not in AgreementStatus.values or AGREEMENT_ORDER.index(status) <= AGREEMENT_ORDER.index(
            internship.agreement_status):
        raise DomainError(_("The agreement is already %(status)s.") % {
            "status": internship.get_agreement_status_display().lower()}, field="status")
    before = internship.agreement_status
    if internship.agreement_signed_on is None:
        internship.agreement_signed_on = on
    if status == AgreementStatus.INSURED:
        internship.insurance_confirmed_on = on
    internship.agreement_status = status
    internship.save(update_fields=["agreement_status", "agreement_signed_on", "insurance_confirmed_on"])
    _event(actor=actor, internship=internship, kind=EventKind.AGREEMENT, on=on,
           summary=str(AgreementStatus(status).label), changes={"agreement_status": [before, status]})
    return internship


@transaction.atomic
def internship_meeting(*, actor, internship: Internship, on: dt.date, notes: str = "") -> Internship:
    require(actor, "internship.manage")
    _lock(internship)
    _require_open(internship)
    internship.meeting_on, internship.meeting_notes = on, notes
    internship.save(update_fields=["meeting_on", "meeting_notes"])
    _event(actor=actor, internship=internship, kind=EventKind.MEETING, on=on,
           summary=notes or _("Three-party meeting held."))
    return internship


@transaction.atomic
def internship_start(*, actor, internship: Internship, on: dt.date, override_reason: str = "",
                     today=None) -> Internship:
    """Starts the internship once the papers and the three-party meeting are in place; the first start of a
    referred course makes the course active (from the internship's first day)."""
    require(actor, "internship.manage")
    _lock(internship)
    if internship.status != InternshipStatus.PLANNED:
        raise DomainError(_("This internship has already started."), field="on")
    _not_future(on, today)
    if on > internship.planned_end_on:
        raise DomainError(_("The start cannot be after the planned end."), field="on")
    override = _apply_rules(actor=actor, override_reason=override_reason,
                            violations=rules.start_violation(internship, on))
    before = internship.start_on
    internship.start_on, internship.status = on, InternshipStatus.ACTIVE
    internship.save(update_fields=["start_on", "status"])
    _event(actor=actor, internship=internship, kind=EventKind.STARTED, on=on, summary=_("Started."),
           changes={"start_on": [str(before), str(on)]}, override=override)
    course_internship_started(actor=actor, course=internship.course, on=on)
    return internship


@transaction.atomic
def internship_change_function(*, actor, internship: Internship, on: dt.date, function: str) -> Internship:
    require(actor, "internship.manage")
    _lock(internship)
    _require_open(internship)
    if not function.strip():
        raise DomainError(_("Describe the new function."), field="function")
    before, internship.function = internship.function, function.strip()
    internship.save(update_fields=["function"])
    _event(actor=actor, internship=internship, kind=EventKind.FUNCTION, on=on,
           summary=f"{before} → {internship.function}", changes={"function": [before, internship.function]})
    return internship


@transaction.atomic
def internship_change_hours(*, actor, internship: Internship, on: dt.date, hours_per_week: Decimal,
                            override_reason: str = "") -> Internship:
    require(actor, "internship.manage")
    _lock_person(internship.course.person_id)
    _lock(internship)
    _require_open(internship)
    hours_per_week = Decimal(hours_per_week)
    override = _apply_rules(actor=actor, override_reason=override_reason, violations=rules.hours_violation(
        person_id=internship.course.person_id, start_on=max(on, internship.start_on),
        end_on=internship.planned_end_on, hours=hours_per_week, exclude_id=internship.pk))
    before, internship.hours_per_week = internship.hours_per_week, hours_per_week
    internship.save(update_fields=["hours_per_week"])
    _event(actor=actor, internship=internship, kind=EventKind.HOURS, on=on,
           summary=f"{before:g} → {hours_per_week:g} h", changes={"hours_per_week": [str(before),
                                                                                      str(hours_per_week)]},
           override=override)
    return internship


@transaction.atomic
def internship_pause(*, actor, internship: Internship, on: dt.date, reason: str = "", today=None) -> Internship:
    require(actor, "internship.manage")
    _lock(internship)
    if internship.status != InternshipStatus.ACTIVE:
        raise DomainError(_("Only an active internship can be paused."), field="on")
    _not_future(on, today)
    internship.status = InternshipStatus.PAUSED
    internship.save(update_fields=["status"])
    _event(actor=actor, internship=internship, kind=EventKind.PAUSED, on=on, summary=reason or _("Paused."))
    return internship


@transaction.atomic
def internship_resume(*, actor, internship: Internship, on: dt.date, today=None) -> Internship:
    require(actor, "internship.manage")
    _lock(internship)
    if internship.status != InternshipStatus.PAUSED:
        raise DomainError(_("Only a paused internship can be resumed."), field="on")
    _not_future(on, today)
    internship.status = InternshipStatus.ACTIVE
    internship.save(update_fields=["status"])
    _event(actor=actor, internship=internship, kind=EventKind.RESUMED, on=on, summary=_("Resumed."))
    return internship


@transaction.atomic
def internship_extend(*, actor, internship: Internship, planned_end_on: dt.date,
                      override_reason: str = "") -> Internship:
    require(actor, "internship.manage")
    _lock_person(internship.course.person_id)
    _lock(internship)
    _require_open(internship)
    if planned_end_on <= internship.planned_end_on:
        raise DomainError(_("An extension must end after the current planned end."), field="planned_end_on")
    override = _apply_rules(actor=actor, override_reason=override_reason, violations=rules.hours_violation(
        person_id=internship.course.person_id, start_on=internship.planned_end_on, end_on=planned_end_on,
        hours=internship.hours_per_week, exclude_id=internship.pk))
    before, internship.planned_end_on = internship.planned_end_on, planned_end_on
    internship.save(update_fields=["planned_end_on"])
    _event(actor=actor, internship=internship, kind=EventKind.EXTENDED, on=dt.date.today(),
           summary=f"{before.isoformat()} → {planned_end_on.isoformat()}",
           changes={"planned_end_on": [str(before), str(planned_end_on)]}, override=override)
    return internship


def _finish(*, actor, internship, on, outcome, kind, summary, today, **extra) -> Internship:
    require(actor, "internship.manage")
    _lock(internship)
    _require_open(internship)
    _not_future(on, today)
    if on < internship.start_on:
        raise DomainError(_("The end date is before the start date."), field="on")
    internship.status, internship.ended_on, internship.outcome = InternshipStatus.ENDED, on, outcome
    for name, value in extra.items():
        setattr(internship, name, value)
    internship.save(update_fields=["status", "ended_on", "outcome", *extra])
    _event(actor=actor, internship=internship, kind=kind, on=on, summary=summary,
           changes={"outcome": ["", str(outcome)], "ended_on": [None, on.isoformat()]})
    return internship


@transaction.atomic
def internship_interrupt(*, actor, internship: Internship, on: dt.date, reason: str, initiative: str,
                         today=None) -> Internship:
    if not reason.strip():
        raise DomainError(_("Give the reason for the interruption."), field="reason")
    if initiative not in Initiative.values:
        raise DomainError(_("Say who took the initiative."), field="initiative")
    return _finish(actor=actor, internship=internship, on=on, outcome=Outcome.INTERRUPTED,
                   kind=EventKind.INTERRUPTED, today=today,
                   summary=f"{Initiative(initiative).label}: {reason.strip()}",
                   interruption_reason=reason.strip(), initiative=initiative)


@transaction.atomic
def internship_end(*, actor, internship: Internship, on: dt.date, today=None) -> Internship:
    return _finish(actor=actor, internship=internship, on=on, outcome=Outcome.COMPLETED, kind=EventKind.ENDED,
                   summary=_("Completed."), today=today)


@transaction.atomic
def internship_convert(*, actor, internship: Internship, on: dt.date, to: str, today=None) -> Internship:
    if to not in CONVERSIONS:
        raise DomainError(_("Choose paid hours or a job."), field="to")
    return _finish(actor=actor, internship=internship, on=on, outcome=to, kind=EventKind.CONVERTED,
                   summary=str(Outcome(to).label), today=today)
