"""Writing the append-only audit log. Called from the access functions and services, never from views."""

from contextvars import ContextVar

from .models import AuditEvent

# Set per request by AuditChannelMiddleware: "web" or "api".
current_channel: ContextVar[str] = ContextVar("audit_channel", default="web")


def record(
    *, actor, action: str, object_type: str, object_id: object = "", municipality_id=None,
    summary: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor,
        municipality_id=municipality_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=summary[:300],
        channel=current_channel.get(),
    )
