"""Keeping what an edit changed: a ChangeRecord with before/after per field, and an audit row."""

import datetime as dt
from decimal import Decimal

from nextwork.core import audit

from ..models import ChangeRecord


def _plain(value):
    if isinstance(value, dt.date | Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return value.pk
    return value


def snapshot(instance, fields) -> dict:
    return {name: _plain(getattr(instance, name)) for name in fields}


def diff(before: dict, after: dict) -> dict:
    return {name: [before[name], after[name]] for name in before if before[name] != after[name]}


def record_change(*, actor, instance, object_type: str, municipality_id: int, changes: dict) -> None:
    if not changes:
        return
    ChangeRecord.objects.create(municipality_id=municipality_id, object_type=object_type, object_id=instance.pk,
                                actor=actor, changes=changes)
    audit.record_change(actor=actor, object_type=object_type, object_id=instance.pk,
                        municipality_id=municipality_id,
                        changes=dict(sorted(changes.items())))
