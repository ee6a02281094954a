"""The DB07 industry codes and DISCO-08 occupation codes shipped in data/ (see the files' headers for
the source). Finer codes than the shipped levels are accepted when their prefix is known: a CVR extract
gives 6-digit DB07 codes, and we show the name of the nearest shipped level."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Code:
    code: str
    level: str
    parent: str
    name: str


@cache
def _load(filename: str) -> dict[str, Code]:
    with open(DATA / filename, encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["code"]: Code(row["code"], row["level"], row["parent"], row["name"]) for row in rows}


def db07() -> dict[str, Code]:
    return _load("db07.csv")


def disco08() -> dict[str, Code]:
    return _load("disco08.csv")


def _lookup(table: dict[str, Code], code: str, shortest_prefix: int) -> Code | None:
    code = (code or "").strip().upper()
    if not code:
        return None
    if code in table:
        return table[code]
    if not code.isdigit() or len(code) > 6:
        return None
    for length in range(len(code) - 1, shortest_prefix - 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


def industry(code: str) -> Code | None:
    """A DB07 section letter, a 2-digit hovedgruppe, or a finer numeric code under a known hovedgruppe."""
    return _lookup(db07(), code, 2)


def occupation(code: str) -> Code | None:
    """A DISCO-08 code of 1-3 digits, or a finer code (up to 6 digits) under a known minor group."""
    return _lookup(disco08(), code, 3)


def industry_label(code: str) -> str:
    found = industry(code)
    return f"{code} {found.name}" if found else code


def occupation_label(code: str) -> str:
    found = occupation(code)
    return f"{code} {found.name}" if found else code


def industry_choices() -> list[tuple[str, str]]:
    return [(c.code, f"{c.code} {c.name}") for c in db07().values() if c.level == "main_group"]


def occupation_choices() -> list[tuple[str, str]]:
    return [(c.code, f"{c.code} {c.name}") for c in disco08().values() if c.level == "minor"]


def sub_major_of(code: str) -> str:
    found = occupation(code)
    if found is None:
        return ""
    return found.code[:2] if len(found.code) >= 2 else found.code
