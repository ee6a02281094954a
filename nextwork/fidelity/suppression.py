"""Small-count suppression for tables published with their row and column totals.

Primary: every count from 1 to 4 is hidden (0 is shown: nobody is in it). Secondary: a row or column
whose total is published is an equation, so one hidden entry in it could be worked out by subtraction.
The totals are treated as entries of the same equations (a row's cells sum to the row total, the row
totals to the grand total, and so on), and wherever an equation has exactly one hidden entry, the smallest
other entry in it (a non-zero cell before a zero, a cell before a total) is hidden too. This repeats until
no equation has a single hidden entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

SUPPRESS_MIN, SUPPRESS_MAX = 1, 4


@dataclass(frozen=True)
class Suppressed:
    """The table as published: None where a count is hidden."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: dict[str, dict[str, int | None]]
    row_totals: dict[str, int | None]
    column_totals: dict[str, int | None]
    total: int | None

    def hidden(self) -> set[tuple[str, str]]:
        return {(r, c) for r in self.rows for c in self.columns if self.cells[r][c] is None}


_TOTAL = object()  # the key of the totals row and column in the augmented table


def suppress(table: Mapping[str, Mapping[str, int]]) -> Suppressed:
    """Suppress a table of counts {row: {column: count}}; every row must have the same columns."""
    rows = tuple(table)
    columns = tuple(next(iter(table.values()))) if rows else ()
    for r in rows:
        if tuple(table[r]) != columns and set(table[r]) != set(columns):
            raise ValueError(f"row {r!r} has columns {sorted(table[r])}, expected {sorted(columns)}")
        for c in columns:
            v = table[r][c]
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise ValueError(f"cell ({r!r}, {c!r}): expected a count (an integer of 0 or more), got {v!r}")
    grid = _augmented(table, rows, columns)
    hidden = {key for key, v in grid.items() if SUPPRESS_MIN <= v <= SUPPRESS_MAX}
    lines = [[(r, c) for c in (*columns, _TOTAL)] for r in (*rows, _TOTAL)]
    lines += [[(r, c) for r in (*rows, _TOTAL)] for c in (*columns, _TOTAL)]
    lines_of: dict = {}
    for n, line in enumerate(lines):
        for key in line:
            lines_of.setdefault(key, []).append(n)
    hidden_in = [sum(key in hidden for key in line) for line in lines]
    waiting = [n for n, count in enumerate(hidden_in) if count == 1]
    while waiting:  # only the lines a newly hidden entry touches are looked at again
        n = waiting.pop()
        if hidden_in[n] != 1:
            continue
        visible = [key for key in lines[n] if key not in hidden]
        if not visible:
            continue
        chosen = min(visible, key=lambda k: _cost(k, grid[k]))
        hidden.add(chosen)
        for m in lines_of[chosen]:
            hidden_in[m] += 1
            if hidden_in[m] == 1:
                waiting.append(m)
    def shown(key):
        return None if key in hidden else grid[key]
    return Suppressed(
        rows, columns,
        {r: {c: shown((r, c)) for c in columns} for r in rows},
        {r: shown((r, _TOTAL)) for r in rows},
        {c: shown((_TOTAL, c)) for c in columns},
        shown((_TOTAL, _TOTAL)),
    )


def _augmented(table, rows, columns) -> dict:
    grid = {(r, c): table[r][c] for r in rows for c in columns}
    for r in rows:
        grid[(r, _TOTAL)] = sum(table[r][c] for c in columns)
    for c in columns:
        grid[(_TOTAL, c)] = sum(table[r][c] for r in rows)
    grid[(_TOTAL, _TOTAL)] = sum(grid[(r, _TOTAL)] for r in rows)
    return grid


def _cost(key, value: int) -> tuple:
    is_total = key[0] is _TOTAL or key[1] is _TOTAL
    return (is_total, value == 0, value)
