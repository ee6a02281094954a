import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require

from ..choices import Attendance
from ..models import Company, MeetingInvitation, NetworkMeeting


@transaction.atomic
def meeting_plan(*, actor, title: str, held_on: dt.date, place: str = "", agenda: str = "") -> NetworkMeeting:
    require(actor, "company.manage")
    if not title.strip():
        raise DomainError(_("Give the meeting a title."), field="title")
    meeting = NetworkMeeting.objects.create(municipality_id=actor.municipality_id, title=title.strip(),
                                            held_on=held_on, place=place, agenda=agenda)
    audit.record(actor=actor, action="create", object_type="network_meeting", object_id=meeting.pk,
                 municipality_id=meeting.municipality_id, summary=meeting.title)
    return meeting


@transaction.atomic
def meeting_invite(*, actor, meeting: NetworkMeeting, companies: list[Company]) -> int:
    require(actor, "company.manage")
    if any(company.municipality_id != meeting.municipality_id for company in companies):
        raise DomainError(_("Invite companies from your own municipality."), field="companies")
    already = set(meeting.invitations.values_list("company_id", flat=True))
    new = [MeetingInvitation(meeting=meeting, company=c) for c in companies if c.pk not in already]
    MeetingInvitation.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def meeting_record(*, actor, meeting: NetworkMeeting, attended_company_ids: set[int], notes: str,
                   today: dt.date | None = None) -> NetworkMeeting:
    """Records who came and the notes; attendance can only be recorded once the meeting has been held."""
    require(actor, "company.manage")
    if meeting.held_on > (today or dt.date.today()):
        raise DomainError(_("Attendance can be recorded once the meeting has been held."), field="attended")
    for invitation in meeting.invitations.all():
        invitation.attendance = Attendance.ATTENDED if invitation.company_id in attended_company_ids \
            else Attendance.ABSENT
        invitation.save(update_fields=["attendance"])
    meeting.notes = notes
    meeting.save(update_fields=["notes"])
    audit.record(actor=actor, action="change", object_type="network_meeting", object_id=meeting.pk,
                 municipality_id=meeting.municipality_id, summary=f"attendance: {len(attended_company_ids)}")
    return meeting
