"""The secret-derived random stream: HMAC-SHA256 blocks, read 8 bytes at a time, unbiased integers.

``Stream(secret, "block", stratum, "3")`` yields the bytes
HMAC-SHA256(secret, "block\\x1f<stratum>\\x1f3\\x1f0") || HMAC-SHA256(secret, "...\\x1f1") || ...
(messages UTF-8 encoded, 0x1f = the unit separator). ``below(n)`` reads the next 8 bytes as an unsigned
big-endian integer ``u`` and returns ``u mod n`` if ``u`` is below the largest multiple of ``n`` that fits
in 64 bits; otherwise it discards them and reads the next 8 (rejection sampling: no modulo bias).
"""

from __future__ import annotations

import hashlib
import hmac

SEPARATOR = "\x1f"
_TWO_64 = 1 << 64


class Stream:
    __slots__ = ("_buffer", "_counter", "_offset", "_prefix", "_secret")

    def __init__(self, secret: bytes, *context: str) -> None:
        self._secret = secret
        self._prefix = SEPARATOR.join(context) + SEPARATOR
        self._counter = 0
        self._buffer = b""
        self._offset = 0

    def _next_word(self) -> int:
        if self._offset == len(self._buffer):
            message = (self._prefix + str(self._counter)).encode("utf-8")
            self._buffer = hmac.new(self._secret, message, hashlib.sha256).digest()
            self._counter += 1
            self._offset = 0
        word = int.from_bytes(self._buffer[self._offset : self._offset + 8], "big")
        self._offset += 8
        return word

    def below(self, n: int) -> int:
        """A uniform integer in [0, n)."""
        limit = _TWO_64 - _TWO_64 % n
        while True:
            u = self._next_word()
            if u < limit:
                return u % n
