"""The shape of one app's part in merging two records of the same young person. The list of steps is in
nextwork/portal/merge.py; a test there fails when a model points to a young person and no step covers it."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class MergeStep:
    """`covers`: the ("app_label.Model", "field") foreign keys to a young person this step moves.
    `check(keep=, duplicate=)` raises DomainError saying what to resolve first;
    `preview(keep=, duplicate=)` says in a line or two what will move (empty: nothing);
    `reassign(keep=, duplicate=)` moves the records and returns how many moved."""

    name: str
    covers: tuple[tuple[str, str], ...]
    preview: Callable[..., list[str]] | None = None
    reassign: Callable[..., int] | None = None
    check: Callable[..., None] | None = None
