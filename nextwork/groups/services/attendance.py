import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError

from ..choices import AttendanceStatus, SessionStatus
from ..models import Attendance, Membership, Session


@transaction.atomic
def attendance_record(*, actor, session: Session, membership: Membership, status: str,
                      today: dt.date | None = None) -> Attendance:
    """Records one member's attendance. Changing attendance of a session before today is audit-logged."""
    today = today or dt.date.today()
    if status not in AttendanceStatus.values:
        raise DomainError(_("Choose present, late, absent or absent with notice."), field="status")
    if membership.group_id != session.group_id or not membership.is_member_on(session.date):
        raise DomainError(_("This young person was not a member of the group on the session's date."),
                          field="membership")
    if session.status == SessionStatus.CANCELLED:
        raise DomainError(_("The session is cancelled."), field="status")
    if session.date > today:
        raise DomainError(_("Attendance can only be taken on or after the session's date."), field="status")
    attendance = Attendance.objects.select_for_update().filter(session=session, membership=membership).first()
    previous = attendance.status if attendance else ""
    if attendance is None:
        attendance = Attendance(session=session, membership=membership)
    attendance.status = status
    attendance.recorded_by = actor
    attendance.save()
    if session.status == SessionStatus.PLANNED:
        session.status = SessionStatus.HELD
        session.save(update_fields=["status"])
    if session.date < today and previous != status:
        audit.record(actor=actor, action="change", object_type="young_person", object_id=membership.person_id,
                     municipality_id=session.group.municipality_id,
                     summary=f"attendance {session.date.isoformat()} {previous or '-'} -> {status}")
    return attendance


@transaction.atomic
def attendance_mark_rest_present(*, actor, session: Session, memberships: list[Membership],
                                 today: dt.date | None = None) -> int:
    """One tap for the common case: everyone without a status yet came."""
    done = set(Attendance.objects.filter(session=session).values_list("membership_id", flat=True))
    count = 0
    for membership in memberships:
        if membership.pk not in done:
            attendance_record(actor=actor, session=session, membership=membership,
                              status=AttendanceStatus.PRESENT, today=today)
            count += 1
    return count
