"""Taking attendance. Two simultaneous taps for one member (two facilitators, or a double tap on a phone) meet
at the database's unique (session, membership) constraint: the second waits for the first and then changes
that row, so both get the normal answer and the last tap wins; never a 500."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError

from ..choices import AttendanceStatus, SessionStatus
from ..models import Attendance, Membership, Session


def _record(*, actor, session: Session, membership: Membership, status: str, today: dt.date,
            overwrite: bool) -> tuple[Attendance, bool]:
    if status not in AttendanceStatus.values:
        raise DomainError(_("Choose present, late, absent or absent with notice."), field="status")
    if membership.group_id != session.group_id or not membership.is_member_on(session.date):
        raise DomainError(_("This young person was not a member of the group on the session's date."),
                          field="membership")
    if session.status == SessionStatus.CANCELLED:
        raise DomainError(_("The session is cancelled."), field="status")
    if session.date > today:
        raise DomainError(_("Attendance can only be taken on or after the session's date."), field="status")
    # get_or_create inserts in a savepoint and, when a simultaneous request inserted first, waits for it and
    # then reads (and locks) that row instead of failing with an IntegrityError.
    attendance, created = Attendance.objects.select_for_update().get_or_create(
        session=session, membership=membership, defaults={"status": status, "recorded_by": actor})
    previous = "" if created else attendance.status
    if not created:
        if not overwrite:
            return attendance, False
        attendance.status = status
        attendance.recorded_by = actor
        attendance.save(update_fields=["status", "recorded_by", "recorded_at"])
    if session.status == SessionStatus.PLANNED:  # a conditional update: never undoes a simultaneous cancel
        Session.objects.filter(pk=session.pk, status=SessionStatus.PLANNED).update(status=SessionStatus.HELD)
        session.status = SessionStatus.HELD
    if session.date < today and previous != status:
        audit.record(actor=actor, action="change", object_type="young_person", object_id=membership.person_id,
                     municipality_id=session.group.municipality_id,
                     summary=f"attendance {session.date.isoformat()} {previous or '-'} -> {status}")
    return attendance, True


@transaction.atomic
def attendance_record(*, actor, session: Session, membership: Membership, status: str,
                      today: dt.date | None = None) -> Attendance:
    """Records one member's attendance. Changing attendance of a session before today is audit-logged."""
    return _record(actor=actor, session=session, membership=membership, status=status,
                   today=today or dt.date.today(), overwrite=True)[0]


@transaction.atomic
def attendance_mark_rest_present(*, actor, session: Session, memberships: list[Membership],
                                 today: dt.date | None = None) -> int:
    """One tap for the common case: everyone without a status yet came. A status someone recorded in the
    meantime (a simultaneous tap) is kept."""
    done = set(Attendance.objects.filter(session=session).values_list("membership_id", flat=True))
    count = 0
    for membership in memberships:
        if membership.pk not in done:
            count += _record(actor=actor, session=session, membership=membership, status=AttendanceStatus.PRESENT,
                             today=today or dt.date.today(), overwrite=False)[1]
    return count
