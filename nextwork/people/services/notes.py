import datetime as dt

from django.db import transaction
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require

from ..choices import ConversationKind, TimelineKind
from ..models import Conversation, Course, PsychologistConversation
from .timeline import timeline_add

CONVERSATION_LINE = "%(conversation_kind)s"  # the kind's label, in the reader's language


def _check_date(course: Course, on: dt.date) -> None:
    if on > dt.date.today():
        raise DomainError(_("The date cannot be in the future."), field="occurred_on")
    if on < course.referred_on:
        raise DomainError(_("The date cannot be before the referral date."), field="occurred_on")


def _touch_last_contact(course: Course, on: dt.date) -> None:
    if course.last_contact_on is None:
        Course.objects.filter(pk=course.pk).update(last_contact_on=on)
    else:
        Course.objects.filter(pk=course.pk).update(last_contact_on=Greatest("last_contact_on", on))


@transaction.atomic
def conversation_add(*, actor, course: Course, kind: str, occurred_on: dt.date, text: str) -> Conversation:
    require(actor, "note.create")
    _check_date(course, occurred_on)
    if not text.strip():
        raise DomainError(_("Write what the conversation was about."), field="text")
    conversation = Conversation.objects.create(course=course, kind=kind, occurred_on=occurred_on,
                                               author=actor, text=text.strip())
    if kind != ConversationKind.NOTE:
        _touch_last_contact(course, occurred_on)
    audit.record(actor=actor, action="create", object_type="conversation", object_id=conversation.pk,
                 municipality_id=course.municipality_id, summary=f"{kind} on course {course.pk}")
    # The line says what kind of conversation and when, and points to the note; never the note's text.
    timeline_add(course=course, kind=TimelineKind.CONVERSATION, actor=actor, on=occurred_on,
                 message=CONVERSATION_LINE, params={"conversation_kind": kind, "conversation": conversation.pk})
    return conversation


@transaction.atomic
def psychologist_conversation_add(*, actor, course: Course, occurred_on: dt.date, note: str) -> PsychologistConversation:
    require(actor, "psychologist_note.write")
    _check_date(course, occurred_on)
    if not note.strip():
        raise DomainError(_("Write a note for the conversation."), field="note")
    conversation = PsychologistConversation.objects.create(course=course, occurred_on=occurred_on,
                                                           author=actor, note=note.strip())
    _touch_last_contact(course, occurred_on)
    timeline_add(course=course, kind=TimelineKind.PSYCHOLOGIST, actor=actor, on=occurred_on,
                 message=gettext_noop("Conversation with the psychologist."))
    audit.record(actor=actor, action="create", object_type="psychologist_note", object_id=conversation.pk,
                 municipality_id=course.municipality_id)
    return conversation
