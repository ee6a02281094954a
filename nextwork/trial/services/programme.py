"""Treatment: the young person gets a NExTWORK course (referral source: randomisation) and a hand-over
meeting with the previous caseworker is planned, so a plan or internship already under way carries across."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require
from nextwork.people.choices import ReferralSource
from nextwork.people.models import YoungPerson
from nextwork.people.services.courses import course_start_new
from nextwork.people.services.intake import young_person_register

from ..models import HandoverMeeting, Participant

HANDOVER_WITHIN_DAYS = 7


def programme_record_create(*, actor, participant: Participant) -> YoungPerson:
    existing = YoungPerson.objects.filter(municipality=participant.municipality_id,
                                          cpr_lookup=participant.cpr_lookup, merged_into=None).first()
    if existing is not None:
        course_start_new(actor=actor, person=existing, referred_on=participant.allocated_at.date())
        person = existing
    else:
        details = {"first_name": participant.first_name, "last_name": participant.last_name,
                   "referral_source": ReferralSource.RANDOMISATION, "benefit_type": participant.benefit_type,
                   "in_employment": False, "in_education": False, "in_internship": False}
        person = young_person_register(actor=actor, details=details, cpr_number=participant.cpr,
                                       referred_on=participant.allocated_at.date(), not_a_duplicate=True).person
    participant.person = person
    participant.save(update_fields=["person"])
    HandoverMeeting.objects.create(
        participant=participant, meets_on=_next_working_day(participant.allocated_at.date(), HANDOVER_WITHIN_DAYS),
        previous_caseworker=actor.get_full_name() or actor.username)
    return person


def _next_working_day(start: dt.date, days: int) -> dt.date:
    day = start + dt.timedelta(days=days)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


@transaction.atomic
def handover_update(*, actor, meeting: HandoverMeeting, meets_on: dt.date, previous_caseworker: str,
                    consultant=None, carries_across: str = "", held: bool = False) -> HandoverMeeting:
    require(actor, "trial.randomise")
    if meeting.participant.municipality_id != actor.municipality_id:
        raise DomainError(_("The meeting belongs to another municipality."))
    today = dt.date.today()
    if not held and not today - dt.timedelta(days=31) <= meets_on <= today + dt.timedelta(days=180):
        raise DomainError(_("Choose a date within the next six months."), field="meets_on")
    previous_caseworker = previous_caseworker.strip()
    if not previous_caseworker:
        raise DomainError(_("Fill in who the previous caseworker is."), field="previous_caseworker")
    if consultant is not None and consultant.municipality_id != actor.municipality_id:
        raise DomainError(_("The consultant must belong to your municipality."), field="consultant")
    before = {"meets_on": meeting.meets_on, "previous_caseworker": meeting.previous_caseworker,
              "consultant": meeting.consultant_id, "held": meeting.held}
    meeting.meets_on, meeting.previous_caseworker = meets_on, previous_caseworker[:200]
    meeting.consultant, meeting.carries_across, meeting.held = consultant, carries_across.strip()[:2000], held
    meeting.save()
    after = {"meets_on": meets_on, "previous_caseworker": meeting.previous_caseworker,
             "consultant": meeting.consultant_id, "held": held}
    changes = {name: (before[name], after[name]) for name in before if before[name] != after[name]}
    changes["carries_across"] = None
    audit.record_change(actor=actor, object_type="handover_meeting", object_id=meeting.pk,
                        municipality_id=actor.municipality_id, changes=changes)
    return meeting
