"""Concern flags: any staff member who sees a young person can raise one (homelessness, a crisis, thoughts of
suicide, other); it reaches the psychologist and the team lead at once (the top of their start page and the
young person's page) with the municipality's procedure and crisis numbers, and is followed until someone
closes it with a note. Every action is kept with who and when; notes are encrypted."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require
from nextwork.people.models import YoungPerson

from ..models import ConcernAction, ConcernFlag, ConcernKind, ConcernProcedure

MAX_NOTE = 4000


def _note(text: str, *, required_message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(required_message, field="note")
    if len(text) > MAX_NOTE or "\x00" in text:
        raise DomainError(_("Keep the note to %(count)d characters.") % {"count": MAX_NOTE}, field="note")
    return text


@transaction.atomic
def concern_raise(*, actor, person: YoungPerson, kind: str, note: str) -> ConcernFlag:
    require(actor, "concern.raise")
    if kind not in ConcernKind.values:
        raise DomainError(_("Choose what the concern is about."), field="kind")
    note = _note(note, required_message=_("Write what happened and what you did."))
    flag = ConcernFlag.objects.create(municipality_id=person.municipality_id, person=person, kind=kind,
                                      note=note, raised_by=actor)
    audit.record(actor=actor, action="create", object_type="concern_flag", object_id=flag.pk,
                 municipality_id=person.municipality_id, summary=f"{kind} for young person {person.pk}")
    return flag


def _locked_open(flag: ConcernFlag) -> ConcernFlag:
    flag = ConcernFlag.objects.select_for_update().get(pk=flag.pk)
    if flag.status != ConcernFlag.Status.OPEN:
        raise DomainError(_("This concern is closed."), field="note")
    return flag


@transaction.atomic
def concern_add_action(*, actor, flag: ConcernFlag, note: str) -> ConcernAction:
    require(actor, "concern.view")
    flag = _locked_open(flag)
    action = ConcernAction.objects.create(
        flag=flag, text=_note(note, required_message=_("Write what was done.")), by=actor)
    audit.record(actor=actor, action="change", object_type="concern_flag", object_id=flag.pk,
                 municipality_id=flag.municipality_id, summary="action noted")
    return action


@transaction.atomic
def concern_close(*, actor, flag: ConcernFlag, note: str) -> ConcernFlag:
    require(actor, "concern.follow")
    flag = _locked_open(flag)
    text = _note(note, required_message=_("Closing needs a note: what was done, and why it can be closed."))
    ConcernAction.objects.create(flag=flag, kind=ConcernAction.Kind.CLOSED, text=text, by=actor)
    flag.status, flag.closed_by, flag.closed_at = ConcernFlag.Status.CLOSED, actor, timezone.now()
    flag.save(update_fields=["status", "closed_by", "closed_at"])
    audit.record_change(actor=actor, object_type="concern_flag", object_id=flag.pk,
                        municipality_id=flag.municipality_id, changes={"status": ("open", "closed")})
    return flag


@transaction.atomic
def concern_procedure_set(*, actor, text: str, crisis_numbers: str) -> ConcernProcedure:
    require(actor, "concern.procedure_edit")
    text, crisis_numbers = (text or "").strip(), (crisis_numbers or "").strip()
    if not text:
        raise DomainError(_("Write the procedure staff follow."), field="text")
    if not crisis_numbers:
        raise DomainError(_("Give at least one crisis number."), field="crisis_numbers")
    if len(text) > 5000 or len(crisis_numbers) > 2000 or "\x00" in text + crisis_numbers:
        raise DomainError(_("The text is too long."), field="text")
    procedure, _created = ConcernProcedure.objects.update_or_create(
        municipality_id=actor.municipality_id,
        defaults={"text": text, "crisis_numbers": crisis_numbers, "updated_by": actor})
    audit.record(actor=actor, action="change", object_type="concern_procedure", object_id=procedure.pk,
                 municipality_id=actor.municipality_id, summary="procedure and crisis numbers")
    return procedure
