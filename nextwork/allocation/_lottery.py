"""The seeded lottery: one independent uniform weight per (young person, offer) pair."""

from __future__ import annotations

import hashlib

import numpy as np


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, vectorised: a good 64-bit hash of 64-bit integers."""
    with np.errstate(over="ignore"):
        x = x + np.uint64(0x9E3779B97F4A7C15)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def _id_hash(ids: list[str]) -> np.ndarray:
    digests = b"".join([hashlib.blake2b(i.encode(), digest_size=8).digest() for i in ids])
    return np.frombuffer(digests, dtype="<u8").astype(
        np.uint64
    )  # each digest read as a little-endian integer


def lottery_weights(net, seed: int) -> np.ndarray:
    """One independent uniform weight in (0, 1) per arc, from the seed and the two ids only.

    Weights depend on ids, never on list positions, so reordering the input cannot change the draw.
    """
    s = _mix(np.array([seed & 0xFFFFFFFFFFFFFFFF], dtype=np.uint64))[0]
    hy = _id_hash(net.youth_ids)
    ho = _id_hash(net.offer_ids)
    with np.errstate(over="ignore"):
        h = _mix(_mix(hy[net.arc_youth] ^ s) + ho[net.arc_offer] * np.uint64(0x2545F4914F6CDD1D))
    return ((h >> np.uint64(11)).astype(np.float64) + 0.5) / float(1 << 53)
