import datetime as dt

from django.utils import timezone

from .models import AuditEvent


def audit_events(*, municipality_id: int):
    return AuditEvent.objects.filter(municipality_id=municipality_id).select_related("actor").order_by("-at", "-id")


def audit_events_filtered(
    *, municipality_id: int, person_id: int | None = None, actor_id: int | None = None, action: str = "",
    since: dt.date | None = None, until: dt.date | None = None,
):
    """The municipality's audit log, narrowed to one young person, one user, one action and days (local time,
    both ends included)."""
    events = audit_events(municipality_id=municipality_id)
    if person_id is not None:
        events = events.filter(object_type="young_person", object_id=str(person_id))
    if actor_id is not None:
        events = events.filter(actor_id=actor_id)
    if action:
        events = events.filter(action=action)
    if since is not None:
        events = events.filter(at__gte=_start_of(since))
    if until is not None:
        events = events.filter(at__lt=_start_of(until + dt.timedelta(days=1)))
    return events


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
