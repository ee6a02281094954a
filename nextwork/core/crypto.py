"""Encryption at rest (Fernet, with key rotation) and keyed hashes for looking up encrypted values."""

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class DecryptionError(RuntimeError):
    """Raised loudly when a stored value cannot be decrypted: never shown as a placeholder."""


@cache
def _fernet() -> MultiFernet:
    # The first key encrypts; every key decrypts, so keys can be rotated by prepending a new one.
    return MultiFernet([Fernet(key.strip().encode()) for key in settings.NEXTWORK_ENCRYPTION_KEYS])


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise DecryptionError("A stored value could not be decrypted with the configured keys.") from error


def lookup_hash(value: str) -> str:
    """A keyed hash (HMAC-SHA256) so equal values can be found without decrypting every row."""
    key = settings.NEXTWORK_LOOKUP_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def pseudonym(kind: str, value: object) -> str:
    """A stable pseudonym for researchers: not reversible without the lookup key."""
    return lookup_hash(f"pseudonym:{kind}:{value}")[:16]
