"""The shape every app's `access.py` follows. Each access function checks the permission matrix and the
municipality, writes the audit row itself and hands back the record or list; views never write audit rows.

- `refuse(...)`: a role without the permission: a "denied" row, then PermissionDenied (403).
- `not_found(...)`: an id outside the user's municipality (or none): a "denied" row, then Http404.
- `record_read(...)` / `record_list(...)`: a read of one record / a list of names that was shown.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from . import audit
from .permissions import can


def require_or_refuse(user, action: str, *, object_type: str, object_id: object = "") -> None:
    if not can(user, action):
        refuse(user, action, object_type=object_type, object_id=object_id)


def refuse(user, action: str, *, object_type: str, object_id: object = ""):
    if getattr(user, "is_authenticated", False):
        audit.record(actor=user, action="denied", object_type=object_type, object_id=object_id,
                     municipality_id=user.municipality_id, summary=f"{action}: role may not")
    raise PermissionDenied(action)


def not_found(user, action: str, *, object_type: str, object_id: object = ""):
    if getattr(user, "is_authenticated", False):
        audit.record(actor=user, action="denied", object_type=object_type, object_id=str(object_id)[:50],
                     municipality_id=user.municipality_id, summary=f"{action}: not found in the municipality")
    raise Http404(f"No such {object_type}.")


def record_read(user, *, object_type: str, object_id: object, municipality_id, summary: str = "",
                action: str = "view") -> None:
    audit.record(actor=user, action=action, object_type=object_type, object_id=object_id,
                 municipality_id=municipality_id, summary=summary)


def record_list(user, *, object_type: str, count: int, summary: str) -> None:
    """A list or drop-down of names was shown. `summary` names the place, never a search term."""
    audit.record(actor=user, action="list", object_type=object_type, municipality_id=user.municipality_id,
                 summary=f"{summary} ({count} shown)")


def audit_events_export(user, events, *, fmt: str) -> list:
    """The audit log as a file: reading the log is not itself logged, exporting it is."""
    from .tables import exported

    require_or_refuse(user, "audit.view", object_type="audit_event")
    return exported(user, events, object_type="audit_event", place="audit log", fmt=fmt)
