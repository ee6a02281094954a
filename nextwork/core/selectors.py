from .models import AuditEvent


def audit_events(*, municipality_id: int):
    return AuditEvent.objects.filter(municipality_id=municipality_id).select_related("actor").order_by("-at", "-id")
