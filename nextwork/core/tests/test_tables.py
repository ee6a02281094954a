"""Sortable, exportable lists (nextwork.core.tables): the sort whitelist, formula escaping, the bound."""

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.utils import translation
from openpyxl import load_workbook

from nextwork.core import tables
from nextwork.core.tables import Column, Sort


@dataclass
class Row:
    name: str
    born: dt.date | None
    hours: Decimal


COLUMNS = (
    Column("name", "Name", lambda row: row.name, sort=("first_name", "last_name")),
    Column("born", "Birth date", lambda row: row.born, sort=("birth_date",)),
    Column("hours", "Hours", lambda row: row.hours),  # shown, not sortable
)
DANGEROUS = ["=HYPERLINK(\"http://evil\",\"x\")", "+45 1234", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"]


def get(path="/list/", **params):
    request = RequestFactory().get(path, params)
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_a_known_column_and_direction_are_taken_from_the_query_string():
    assert tables.sort_params(get(sort="born", dir="desc"), COLUMNS, default="name") == Sort("born", True)
    assert tables.sort_params(get(sort="born"), COLUMNS, default="name") == Sort("born", False)


@pytest.mark.parametrize("key", ["hours", "cpr", "name;DROP TABLE", "", "__class__"])
def test_an_unknown_or_unsortable_column_falls_back_to_the_default(key):
    assert tables.sort_params(get(sort=key, dir="desc"), COLUMNS, default="-born") == Sort("born", True)


def test_the_order_breaks_ties_by_pk_in_the_same_direction():
    ascending = [str(term) for term in tables.order_by(COLUMNS, Sort("name"))]
    assert ascending[-1] == "pk" and "first_name" in ascending[0] and "last_name" in ascending[1]
    assert tables.order_by(COLUMNS, Sort("born", descending=True))[-1] == "-pk"
    with pytest.raises(ValueError, match="not a sortable column"):
        tables.order_by(COLUMNS, Sort("hours"))


def test_headers_link_to_the_other_direction_and_keep_the_filters():
    table = tables.Table(get(q="Holm", status="active", sort="name", page="3"), COLUMNS, Sort("name"))
    name, born, hours = table.headers
    assert name.aria_sort == "ascending" and name.arrow == "▲"
    assert "sort=name" in name.url and "dir=desc" in name.url and "q=Holm" in name.url and "page" not in name.url
    assert born.aria_sort == "" and "sort=born" in born.url and "dir=asc" in born.url and "status=active" in born.url
    assert hours.url == ""
    assert table.query_prefix.endswith("&") and "sort=name" in table.query_prefix and "page" not in table.query_prefix
    assert "export=csv" in table.csv_url and "q=Holm" in table.csv_url and "export=xlsx" in table.xlsx_url


@pytest.mark.parametrize("value", DANGEROUS)
def test_a_formula_looking_cell_gets_a_leading_apostrophe(value):
    assert tables.escape_formula(value) == "'" + value
    assert tables.escape_formula("Freja = Holm") == "Freja = Holm"
    assert tables.escape_formula(-5) == -5  # numbers stay numbers


def test_csv_export_has_the_headers_and_escapes_formulas():
    rows = [Row(name, dt.date(2001, 2, 3), Decimal("7.5")) for name in DANGEROUS]
    response = tables.export_response(get(), filename="people", columns=COLUMNS, rows=rows, fmt="csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="people.csv"' in response["Content-Disposition"]
    content = read_csv(response)
    assert content[0] == ["Name", "Birth date", "Hours"]
    assert [line[0] for line in content[1:]] == ["'" + value for value in DANGEROUS]
    assert content[1][1:] == ["2001-02-03", "7.5"]


def test_xlsx_export_read_back_keeps_formulas_as_text():
    rows = [Row(name, None, Decimal("20")) for name in DANGEROUS] + [Row("Æble Øster", dt.date(2001, 2, 3), 1)]
    response = tables.export_response(get(), filename="people", columns=COLUMNS, rows=rows, fmt="xlsx")
    assert 'filename="people.xlsx"' in response["Content-Disposition"]
    content = read_xlsx(response)
    assert content[0] == ["Name", "Birth date", "Hours"]
    # XML turns a carriage return into a line feed; the apostrophe in front is what counts.
    assert [line[0] for line in content[1:-1]] == ["'" + value.replace("\r", "\n") for value in DANGEROUS]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert all(sheet.cell(row=n, column=1).data_type == "s" for n in range(1, len(rows) + 2))
    assert content[-1][0] == "Æble Øster" and content[-1][1].date() == dt.date(2001, 2, 3)


@translation.override("en")
def test_more_rows_than_the_bound_are_not_exported_but_explained(monkeypatch):
    monkeypatch.setattr(tables, "MAX_EXPORT_ROWS", 3)
    rows = tables.rows_for_export([Row(str(n), None, 1) for n in range(10)])
    assert len(rows) == 4 and tables.too_many(rows)
    request = get(q="a", export="csv")
    response = tables.export_response(request, filename="people", columns=COLUMNS, rows=rows, fmt="csv")
    assert response.status_code == 302 and response["Location"] == "/list/?q=a"
    assert "more than 3 rows" in [str(message) for message in request._messages][0]
    exact = tables.export_response(get(), filename="people", columns=COLUMNS, rows=rows[:3], fmt="csv")
    assert len(read_csv(exact)) == 4


def test_only_csv_and_xlsx_are_export_formats():
    assert tables.export_format(get(export="xlsx")) == "xlsx"
    assert tables.export_format(get(export="pdf")) == ""
    assert tables.export_format(get()) == ""
