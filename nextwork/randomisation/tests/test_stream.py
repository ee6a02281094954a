"""The secret stream: HMAC-SHA256 words, rejection sampling without modulo bias."""

from __future__ import annotations

import hashlib
import hmac

from hypothesis import given
from hypothesis import strategies as st

from nextwork.randomisation._stream import Stream


class _Scripted(Stream):
    def __init__(self, words):
        super().__init__(b"k" * 16, "x")
        self._words = list(words)

    def _next_word(self):
        return self._words.pop(0)


def test_the_words_are_the_hmac_blocks_read_eight_bytes_at_a_time_big_endian():
    secret = b"0123456789abcdef"
    digests = b"".join(
        hmac.new(secret, f"block\x1fs\x1f1\x1f{c}".encode(), hashlib.sha256).digest() for c in range(2)
    )
    stream = Stream(secret, "block", "s", "1")
    words = [stream._next_word() for _ in range(8)]
    assert words == [int.from_bytes(digests[i : i + 8], "big") for i in range(0, 64, 8)]


def test_a_word_at_or_above_the_largest_multiple_is_discarded():
    n = 3 << 62  # 2**64 = 1 * n + 2**62: words from 3 * 2**62 on would favour the low results
    stream = _Scripted([(3 << 62) + 5, 2**64 - 1, 7])
    assert stream.below(n) == 7


def test_a_word_below_the_limit_is_taken_modulo_n():
    assert _Scripted([17]).below(5) == 2
    assert _Scripted([2**64 - 2]).below(3) == (2**64 - 2) % 3  # 2**64 - 1 is the limit for n = 3


@given(st.binary(min_size=1, max_size=40), st.integers(1, 10**6))
def test_draws_lie_in_range(secret, n):
    stream = Stream(secret, "t")
    assert all(0 <= stream.below(n) < n for _ in range(10))
