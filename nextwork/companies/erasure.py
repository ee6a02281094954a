"""The companies app's part in erasure after the retention period (nextwork/portal/erasure.py): the
internships of an erased course lose their free text (the expectations agreed at the three-party meeting,
the young person's words to the company, the reason for an interruption) and their history's lines, which
repeat those texts. Company, function, dates, hours and outcome stay: the figures still count them."""

from django.db.models import Exists, OuterRef, Q

from nextwork.core.erasure import ErasureStep
from nextwork.people.models import YoungPerson

from .models import Internship, InternshipEvent


def _internships(person):
    return Internship.objects.filter(course__person=person, course__erased_on__isnull=False).filter(
        ~Q(meeting_notes="") | ~Q(youth_note="") | ~Q(interruption_reason=""))


def _history(person):
    return InternshipEvent.objects.filter(internship__course__person=person,
                                          internship__course__erased_on__isnull=False).exclude(summary="")


def _pending():
    person = OuterRef("pk")
    return YoungPerson.objects.filter(Exists(_internships(person)) | Exists(_history(person))).values("pk")


def _erase(person) -> str:
    internships = _internships(person).update(meeting_notes="", youth_note="", interruption_reason="")
    lines = _history(person).update(summary="")
    if not (internships or lines):
        return ""
    return (f"{internships} internships' meeting notes, words to the company and interruption reasons, and "
            f"{lines} lines of their history blanked")


INTERNSHIPS = ErasureStep(label="internships", covers=(("companies.Internship", "course"),),
                          pending=_pending, erase=_erase)
