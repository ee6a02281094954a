"""Randomisation for the trial: stratified permuted blocks of varying size, or Pocock-Simon minimisation.

Every allocation is derived from a secret and nothing the staff can see: for permuted blocks the
stratum and the position in it; for minimisation the position in the trial and the allocations before it.
So nobody can infer the next allocation, and an auditor with the secret (revealed after the trial; its
SHA-256 is published at go-live) can re-derive every one. `docs/randomisation.md` gives the derivation
step by step so it can be re-implemented in another language.

A block holds m times each arm's ratio, m drawn for each block from ``block_multiples``; a shorter
sequence is a prefix of a longer one:

>>> from nextwork.randomisation import load_settings, secret_sha256, sequence
>>> secret = b"an example secret, never use it!"
>>> settings = load_settings({"method": "permuted_blocks", "arms": {"treatment": 1, "control": 1},
...                           "block_multiples": [1, 2, 3], "secret_sha256": secret_sha256(secret)})
>>> seq = sequence(settings, secret, "Roskilde|18-24|kontanthjaelp", 12)
>>> seq.count("treatment"), seq.count("control")
(6, 6)
>>> seq[:5] == sequence(settings, secret, "Roskilde|18-24|kontanthjaelp", 5)
True

The same from the command line: ``python -m nextwork.randomisation sequence --settings SETTINGS.json
--secret-file SECRET --stratum NAME --count 12``; ``... verify --log LOG.csv ...`` checks a log.
"""

from __future__ import annotations

import secrets as _secrets
from collections.abc import Mapping, Sequence

from . import _blocks, _minimise
from .model import (
    MAX_POSITION,
    LogRow,
    Mismatch,
    RandomisationInputError,
    SecretMismatch,
    Settings,
    VerifyResult,
    check_name,
    check_position,
)
from .validate import check_factors, check_secret, load_settings, parse_rows, read_log_csv, secret_sha256

__all__ = [
    "MAX_POSITION",
    "LogRow",
    "Mismatch",
    "RandomisationInputError",
    "SecretMismatch",
    "Settings",
    "VerifyResult",
    "arm_at",
    "load_settings",
    "minimise",
    "new_secret",
    "read_log_csv",
    "secret_sha256",
    "sequence",
    "verify",
]


def new_secret() -> bytes:
    """32 random bytes from the operating system: the trial's secret."""
    return _secrets.token_bytes(32)


def _blocks_args(settings: Settings, secret: bytes, stratum: str) -> tuple:
    if settings.method != "permuted_blocks":
        raise RandomisationInputError(
            f"the method is {settings.method}: there is no fixed sequence, use minimise for each participant"
        )
    check_secret(settings, secret)
    check_name(stratum, "stratum")
    return secret, stratum, tuple(settings.arms.items()), settings.block_multiples


def arm_at(settings: Settings, secret: bytes, stratum: str, position: int) -> str:
    """The arm at ``position`` (from 1) in ``stratum``'s permuted-block sequence."""
    args = _blocks_args(settings, secret, stratum)
    return _blocks.arm_at(*args, check_position(position))


def sequence(settings: Settings, secret: bytes, stratum: str, count: int) -> list[str]:
    """The first ``count`` arms of ``stratum``'s sequence (1 to MAX_POSITION)."""
    args = _blocks_args(settings, secret, stratum)
    return _blocks.sequence(*args, check_position(count, "count"))


def minimise(
    settings: Settings,
    secret: bytes,
    existing: Sequence[tuple[Mapping[str, str], str]],
    factors: Mapping[str, str],
    position: int,
) -> str:
    """Pocock-Simon: the arm for the participant at ``position`` (= len(existing) + 1) with these factor
    levels, given the earlier participants' (factors, arm) in position order."""
    if settings.method != "minimisation":
        raise RandomisationInputError(f"the method is {settings.method}, not minimisation")
    check_secret(settings, secret)
    check_position(position)
    if position != len(existing) + 1:
        raise RandomisationInputError(
            f"position {position} does not follow the {len(existing)} earlier participants given"
        )
    tally = _minimise.new_tally()
    for i, (earlier, arm) in enumerate(existing, 1):
        if arm not in settings.arms:
            raise RandomisationInputError(f"earlier participant {i}: unknown arm {arm!r}")
        _minimise.add(tally, check_factors(settings, earlier, f"earlier participant {i}"), arm)
    return _minimise.choose(settings, secret, tally, check_factors(settings, factors), position)


def verify(settings: Settings, secret: bytes, rows: Sequence[Mapping | LogRow]) -> VerifyResult:
    """Re-derive every logged allocation. Rows are LogRow or mappings with stratum, position, arm (and
    ``factor:<name>`` for minimisation); a mapping's line is its index + 2, as in a CSV file with a header.
    Malformed rows raise RandomisationInputError naming the line; a wrong secret gives ok=False."""
    if secret_sha256(secret) != settings.secret_sha256:
        return VerifyResult(ok=False, secret_matches=False)
    parsed = parse_rows(
        settings,
        [(r.line, _as_mapping(r)) if isinstance(r, LogRow) else (i + 2, r) for i, r in enumerate(rows)],
    )
    if settings.method == "permuted_blocks":
        mismatches = _verify_blocks(settings, secret, parsed)
    else:
        mismatches = _verify_minimisation(settings, secret, parsed)
    counts = {arm: 0 for arm in settings.arms}
    for row in parsed:
        counts[row.arm] += 1
    return VerifyResult(
        ok=not mismatches,
        secret_matches=True,
        rows=len(parsed),
        strata=len({r.stratum for r in parsed}),
        arm_counts=counts,
        mismatches=len(mismatches),
        first_mismatch=mismatches[0] if mismatches else None,
    )


def _as_mapping(row: LogRow) -> dict:
    data = {"stratum": row.stratum, "position": row.position, "arm": row.arm}
    data.update({f"factor:{k}": v for k, v in row.factors.items()})
    return data


def _verify_blocks(settings: Settings, secret: bytes, rows: list[LogRow]) -> list[Mismatch]:
    longest: dict[str, int] = {}
    for row in rows:
        longest[row.stratum] = max(longest.get(row.stratum, 0), row.position)
    arms = tuple(settings.arms.items())
    derived = {s: _blocks.sequence(secret, s, arms, settings.block_multiples, n) for s, n in longest.items()}
    return [
        Mismatch(r.line, r.stratum, r.position, r.arm, derived[r.stratum][r.position - 1])
        for r in rows
        if derived[r.stratum][r.position - 1] != r.arm
    ]


def _verify_minimisation(settings: Settings, secret: bytes, rows: list[LogRow]) -> list[Mismatch]:
    """In position order, each expected arm given the LOGGED arms before it (as at the time)."""
    ordered = sorted(rows, key=lambda r: r.position)
    for expected, row in enumerate(ordered, 1):
        if row.position != expected:
            raise RandomisationInputError(
                f"line {row.line}: position {row.position} follows position {expected - 1}; "
                f"minimisation needs every position from 1 (position {expected} is missing)"
            )
    tally = _minimise.new_tally()
    mismatches = []
    for row in ordered:
        arm = _minimise.choose(settings, secret, tally, row.factors, row.position)
        if arm != row.arm:
            mismatches.append(Mismatch(row.line, row.stratum, row.position, row.arm, arm))
        _minimise.add(tally, row.factors, row.arm)
    return mismatches
