"""Permuted blocks with randomly varying sizes, each block derived from (secret, stratum, block index) only."""

from __future__ import annotations

from functools import lru_cache

from ._stream import Stream

Arms = tuple[tuple[str, int], ...]


def make_block(
    secret: bytes, stratum: str, arms: Arms, multiples: tuple[int, ...], index: int
) -> tuple[str, ...]:
    """Block ``index`` (from 1): a multiple m drawn from ``multiples``, m x each arm's ratio cards in the
    arms' order, shuffled by Fisher-Yates (Durstenfeld: i from the last card down to 1, swap with j < i+1)."""
    stream = Stream(secret, "block", stratum, str(index))
    m = multiples[stream.below(len(multiples))]
    cards = [name for name, ratio in arms for _ in range(m * ratio)]
    for i in range(len(cards) - 1, 0, -1):
        j = stream.below(i + 1)
        cards[i], cards[j] = cards[j], cards[i]
    return tuple(cards)


_cached_block = lru_cache(maxsize=8192)(make_block)


def arm_at(secret: bytes, stratum: str, arms: Arms, multiples: tuple[int, ...], position: int) -> str:
    """Walk the blocks from block 1 to the one holding ``position`` (blocks are cached across calls)."""
    start, index = 0, 1
    while True:
        block = _cached_block(secret, stratum, arms, multiples, index)
        if position <= start + len(block):
            return block[position - start - 1]
        start += len(block)
        index += 1


def sequence(secret: bytes, stratum: str, arms: Arms, multiples: tuple[int, ...], count: int) -> list[str]:
    out: list[str] = []
    index = 1
    while len(out) < count:
        out.extend(make_block(secret, stratum, arms, multiples, index))
        index += 1
    del out[count:]
    return out


def blocks(
    secret: bytes, stratum: str, arms: Arms, multiples: tuple[int, ...], count: int
) -> list[tuple[str, ...]]:
    """The first ``count`` blocks (for tests and the documentation's worked example)."""
    return [make_block(secret, stratum, arms, multiples, k) for k in range(1, count + 1)]
