"""What the facilitators saw in a session: one observation per session, changed in place (audit-logged)."""

from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError

from ..choices import SessionStatus, Sign, TookPart
from ..models import Session, SessionObservation


def _clean_signs(signs) -> list[str]:
    chosen = set(signs or ())
    unknown = chosen - set(Sign.values)
    if unknown:
        raise DomainError(_("Choose signs from the list."), field="signs")
    return [code for code in Sign.values if code in chosen]  # a fixed order: the pattern reads it as is


@transaction.atomic
def session_observation_save(*, actor, session: Session, signs, took_part: str, today) -> SessionObservation:
    """Records (or changes) what the facilitators saw. Only for a session that has been held."""
    if took_part not in TookPart.values:
        raise DomainError(_("Choose whether most, some or few of the young people took part."), field="took_part")
    signs = _clean_signs(signs)
    if session.status == SessionStatus.CANCELLED:
        raise DomainError(_("The session is cancelled."), field="took_part")
    if session.date > today:
        raise DomainError(_("What you saw can be recorded from the day of the session."), field="took_part")
    observation, created = SessionObservation.objects.select_for_update().get_or_create(
        session=session, defaults={"signs": signs, "took_part": took_part, "recorded_by": actor})
    before = (observation.signs, observation.took_part)
    if not created:
        if before == (signs, took_part):
            return observation
        observation.signs, observation.took_part, observation.recorded_by = signs, took_part, actor
        observation.save(update_fields=["signs", "took_part", "recorded_by", "recorded_at"])
    changes = {"signs": (None if created else ", ".join(before[0]), ", ".join(signs)),
               "took_part": (None if created else before[1], took_part)}
    audit.record_change(actor=actor, object_type="session_observation", object_id=session.pk,
                        municipality_id=session.group.municipality_id,
                        changes={field: values for field, values in changes.items() if values[0] != values[1]})
    return observation
