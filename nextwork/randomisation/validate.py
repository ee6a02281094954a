"""Reading the settings and the allocation log; every refusal is a RandomisationInputError naming the place."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Mapping
from typing import Any

from .model import LogRow, RandomisationInputError, SecretMismatch, Settings, check_name, check_position

_SETTINGS_KEYS = {"method", "arms", "block_multiples", "secret_sha256", "probability", "imbalance", "factors"}
REQUIRED_COLUMNS = ("stratum", "position", "arm")
FACTOR_PREFIX = "factor:"


def secret_sha256(secret: bytes) -> str:
    """The hex SHA-256 of the secret's bytes: what is published at go-live."""
    return hashlib.sha256(secret).hexdigest()


def check_secret(settings: Settings, secret: bytes) -> None:
    if not isinstance(secret, bytes):
        raise RandomisationInputError("the secret must be bytes")
    if secret_sha256(secret) != settings.secret_sha256:
        raise SecretMismatch("the secret's SHA-256 does not match secret_sha256 in the settings")


def load_settings(data: Any) -> Settings:
    """Settings from parsed JSON (``arms`` keeps the order it is written in)."""
    if not isinstance(data, dict):
        raise RandomisationInputError(f"settings must be a JSON object, got {type(data).__name__}")
    unknown = sorted(set(data) - _SETTINGS_KEYS)
    if unknown:
        raise RandomisationInputError(
            f"settings: unknown keys {', '.join(map(repr, unknown))} (allowed: {', '.join(sorted(_SETTINGS_KEYS))})"
        )
    for key in ("method", "arms", "secret_sha256"):
        if key not in data:
            raise RandomisationInputError(f"settings: missing key {key!r}")
    options = {k: data[k] for k in ("probability", "imbalance") if k in data}
    return Settings(
        method=data["method"],
        arms=data["arms"],
        secret_sha256=data["secret_sha256"],
        block_multiples=data.get("block_multiples", ()),
        factors=data.get("factors", ()),
        **options,
    )


def check_factors(settings: Settings, factors: Any, where: str = "factors") -> dict[str, str]:
    """A participant's factor levels; with ``settings.factors`` set, exactly those factors."""
    if not isinstance(factors, Mapping) or not factors:
        raise RandomisationInputError(f"{where}: expected a non-empty mapping of factor names to levels")
    for name, level in factors.items():
        check_name(name, f"{where}: factor name")
        check_name(level, f"{where}: the level of factor {name!r}")
    if settings.factors and set(factors) != set(settings.factors):
        raise RandomisationInputError(
            f"{where}: expected the factors {', '.join(settings.factors)}, got {', '.join(sorted(factors))}"
        )
    return dict(factors)


def _position(raw: Any, line: int) -> int:
    if isinstance(raw, str):
        text = raw.strip()
        if not text.isdecimal() or not text.isascii():
            raise RandomisationInputError(f"line {line}: position must be a whole number, got {raw!r}")
        raw = int(text)
    try:
        return check_position(raw)
    except RandomisationInputError as e:
        raise RandomisationInputError(f"line {line}: {e}") from None


def parse_rows(settings: Settings, records: Iterable[tuple[int, Mapping[str, Any]]]) -> list[LogRow]:
    """Log rows from (line, mapping) pairs: known arms, integer positions, no stratum+position twice."""
    rows: list[LogRow] = []
    seen: dict[tuple[str, int], int] = {}
    minimisation = settings.method == "minimisation"
    for line, record in records:
        missing = [c for c in REQUIRED_COLUMNS if c not in record]
        if missing:
            raise RandomisationInputError(f"line {line}: missing {', '.join(missing)}")
        stratum = record["stratum"]
        if minimisation:  # the stratum is carried along but plays no part in minimisation
            stratum = "" if stratum is None else str(stratum)
        else:
            try:
                check_name(stratum, "stratum")
            except RandomisationInputError as e:
                raise RandomisationInputError(f"line {line}: {e}") from None
        position = _position(record["position"], line)
        arm = record["arm"]
        if arm not in settings.arms:
            raise RandomisationInputError(
                f"line {line}: unknown arm {arm!r} (the arms are {', '.join(settings.arms)})"
            )
        factors: dict[str, str] = {}
        if minimisation:
            names = settings.factors or tuple(
                k[len(FACTOR_PREFIX) :] for k in record if isinstance(k, str) and k.startswith(FACTOR_PREFIX)
            )
            absent = [n for n in names if FACTOR_PREFIX + n not in record]
            if absent or not names:
                wanted = ", ".join(FACTOR_PREFIX + n for n in absent) or "factor:<name> columns"
                raise RandomisationInputError(f"line {line}: minimisation needs {wanted}")
            factors = check_factors(settings, {n: record[FACTOR_PREFIX + n] for n in names}, f"line {line}")
        key = ("", position) if minimisation else (stratum, position)
        if key in seen:
            where = "position" if minimisation else f"stratum {stratum!r} and position"
            raise RandomisationInputError(f"line {line}: {where} {position} already on line {seen[key]}")
        seen[key] = line
        rows.append(LogRow(line, stratum, position, arm, factors))
    return rows


def read_log_csv(text: str, settings: Settings) -> list[LogRow]:
    """The allocation log as CSV text: a header with at least stratum, position, arm; other columns ignored
    (except ``factor:<name>`` for minimisation); rows in any order; blank lines skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise RandomisationInputError("line 1: the log is empty (expected a header)") from None
    except csv.Error as e:
        raise RandomisationInputError(f"line 1: {e}") from None
    header = [h.strip() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise RandomisationInputError(f"line 1: the header lacks the column(s) {', '.join(missing)}")
    dup = sorted({h for h in header if header.count(h) > 1})
    if dup:
        raise RandomisationInputError(f"line 1: the header repeats the column(s) {', '.join(dup)}")

    def records():
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                raise RandomisationInputError(f"line {reader.line_num}: {e}") from None
            if not values or values == [""]:
                continue
            if len(values) != len(header):
                raise RandomisationInputError(
                    f"line {reader.line_num}: {len(values)} fields, the header has {len(header)}"
                )
            yield reader.line_num, dict(zip(header, values, strict=True))

    return parse_rows(settings, records())
