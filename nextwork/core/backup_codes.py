"""Backup codes for two-factor login: ten one-time codes, shown once, stored as keyed hashes. A new set replaces
the old one."""

import secrets

from django.db import transaction

from . import audit
from .crypto import lookup_hash
from .models import BackupCode, BackupCodeDevice

CODE_COUNT = 10
# No 0/O or 1/l/I: the codes are read off paper.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def normalise(code: str) -> str:
    return "".join(code.lower().split()).replace("-", "")


def code_hash(code: str) -> str:
    return lookup_hash(f"backup-code:{normalise(code)}")


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def backup_codes_make(*, user) -> list[str]:
    """A fresh set for the user (the old codes stop working); the plain codes exist only in the return value."""
    codes = [_new_code() for _ in range(CODE_COUNT)]
    with transaction.atomic():
        device, _created = BackupCodeDevice.objects.get_or_create(user=user, defaults={"name": "backup codes"})
        device.codes.all().delete()
        BackupCode.objects.bulk_create(BackupCode(device=device, code_hash=code_hash(c)) for c in codes)
        audit.record(actor=user, action="change", object_type="user", object_id=user.pk,
                     municipality_id=user.municipality_id, summary="two-factor backup codes made")
    return codes


def backup_device(user) -> BackupCodeDevice | None:
    return BackupCodeDevice.objects.filter(user=user).first()


def codes_left(user) -> int:
    return BackupCode.objects.filter(device__user=user, used_at__isnull=True).count()
