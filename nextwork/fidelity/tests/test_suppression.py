"""Small-count suppression: no hidden count can be worked out from the published totals."""

from __future__ import annotations

import pytest

from nextwork.fidelity import suppress

TOTAL = "total"


def _can_recover(published):
    """Each row and column (with its total) is an equation: one unknown in it can be solved."""
    rows = {r: [*published.cells[r].values(), published.row_totals[r]] for r in published.rows}
    rows[TOTAL] = [*published.column_totals.values(), published.total]
    columns = {c: [*(published.cells[r][c] for r in published.rows), published.column_totals[c]]
               for c in published.columns}
    columns[TOTAL] = [*published.row_totals.values(), published.total]
    return [name for name, line in {**rows, **columns}.items() if line.count(None) == 1]


def test_a_hidden_count_that_a_total_would_give_away_takes_a_second_cell_with_it():
    # Exits by type. Roskilde's 3 jobs would follow from its total (3 + 10 = 13) unless a second cell in the
    # row is hidden; and from the jobs column total (3 + 7 + 20 = 30) unless a second cell there is hidden.
    table = {
        "Roskilde": {"job": 3, "education": 10},
        "Fredericia": {"job": 7, "education": 12},
        "Vejle": {"job": 20, "education": 30},
    }
    out = suppress(table)
    assert out.cells["Roskilde"] == {"job": None, "education": None}  # 3 primary, 10 the row's next smallest
    assert out.cells["Fredericia"] == {"job": None, "education": None}  # 7: the column's; then 12: its row's
    assert out.cells["Vejle"] == {"job": 20, "education": 30}
    assert out.row_totals == {"Roskilde": 13, "Fredericia": 19, "Vejle": 50}
    assert out.column_totals == {"job": 30, "education": 52} and out.total == 82
    assert _can_recover(out) == []


def test_counts_from_one_to_four_are_hidden_and_zero_is_shown():
    out = suppress({"a": {"x": 0, "y": 1, "z": 4, "w": 5}, "b": {"x": 0, "y": 9, "z": 8, "w": 6}})
    assert out.cells["a"]["x"] == 0 and out.cells["b"]["x"] == 0
    assert out.cells["a"]["y"] is None and out.cells["a"]["z"] is None
    assert _can_recover(out) == []


def test_a_small_total_is_hidden_too():
    # Roskilde's row total of 3 would itself be a small count, and would give away its only non-zero cell.
    out = suppress({"Roskilde": {"job": 3, "education": 0}, "Vejle": {"job": 20, "education": 30},
                    "Horsens": {"job": 11, "education": 9}})
    assert out.row_totals["Roskilde"] is None
    assert out.cells["Roskilde"]["job"] is None
    assert _can_recover(out) == []


def test_nothing_is_hidden_when_no_count_is_small():
    table = {"a": {"x": 5, "y": 0}, "b": {"x": 10, "y": 20}}
    out = suppress(table)
    assert out.cells == table and out.hidden() == set()


@pytest.mark.parametrize("seed", range(40))
def test_no_line_ever_has_a_single_hidden_entry(seed):
    import random

    rng = random.Random(seed)
    table = {f"r{i}": {f"c{j}": rng.choice([0, 1, 2, 3, 5, 8, 13, 40]) for j in range(4)} for i in range(6)}
    assert _can_recover(suppress(table)) == []


def test_bad_cells_are_refused_with_the_place():
    with pytest.raises(ValueError, match=r"cell \('a', 'x'\)"):
        suppress({"a": {"x": -1}})
    with pytest.raises(ValueError, match="row 'b'"):
        suppress({"a": {"x": 1}, "b": {"y": 2}})
