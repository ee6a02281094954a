"""Staff lists that sort by their columns and export to CSV and XLSX, defined once per list as columns.

    COLUMNS = (Column("name", _("Name"), lambda person: person.full_name, sort=("first_name", "last_name")),
               Column("born", _("Birth date"), lambda person: person.birth_date, sort=("birth_date",)))
    sort = sort_params(request, COLUMNS, default="name")       # ?sort=born&dir=desc, unknown keys ignored
    people = people.order_by(*order_by(COLUMNS, sort))          # in the database, `pk` breaks ties
    table = Table(request, COLUMNS, sort)                        # the headers and export links in templates
    export_response(request, filename="young-people", columns=COLUMNS, rows=rows, fmt="csv")

Exports are bounded (MAX_EXPORT_ROWS) and every cell that a spreadsheet would read as a formula is written
as text. The access function that reads the rows writes the "export" audit row, never the view.
"""

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import Expression, F, QuerySet
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import exports
from .access import record_read

MAX_EXPORT_ROWS = 50_000
FORMATS = ("csv", "xlsx")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Query parameters that belong to one request and are not carried over to the sort and page links.
_OWN_PARAMETERS = ("page", "export", "sort", "dir")


@dataclass(frozen=True)
class Column:
    """One column: `value` gives the exported value of a row, `sort` the database expressions (field paths
    or expressions) it sorts by; a column without `sort` is not sortable."""

    key: str
    label: Any  # a lazy translation: read in the user's language when shown or exported
    value: Callable[[Any], Any]
    sort: tuple[str | Expression, ...] = ()

    @property
    def sortable(self) -> bool:
        return bool(self.sort)


@dataclass(frozen=True)
class Sort:
    key: str
    descending: bool = False

    @property
    def direction(self) -> str:
        return "desc" if self.descending else "asc"


def sort_params(request, columns: Sequence[Column], default: str) -> Sort:
    """The sort from `?sort=KEY&dir=desc`; a key outside the sortable columns gives `default` ("-key" for
    descending), so a hand-made URL never reaches the database."""
    key = request.GET.get("sort", "")
    if any(column.key == key and column.sortable for column in columns):
        return Sort(key, descending=request.GET.get("dir") == "desc")
    return Sort(default.lstrip("-"), descending=default.startswith("-"))


def order_by(columns: Sequence[Column], sort: Sort) -> list:
    """The ORDER BY of a sorted list, empty values last either way, with `pk` as the stable tie-breaker."""
    column = _column(columns, sort.key)
    terms = []
    for expression in column.sort:
        expression = F(expression) if isinstance(expression, str) else expression
        terms.append(expression.desc(nulls_last=True) if sort.descending else expression.asc(nulls_last=True))
    return [*terms, "-pk" if sort.descending else "pk"]


def sort_queryset(queryset: QuerySet, columns: Sequence[Column], sort: Sort) -> QuerySet:
    return queryset.order_by(*order_by(columns, sort))


def _column(columns: Sequence[Column], key: str) -> Column:
    for column in columns:
        if column.key == key and column.sortable:
            return column
    raise ValueError(f"{key!r} is not a sortable column")


def export_format(request) -> str:
    """"csv" or "xlsx" for `?export=csv|xlsx`, else "" (the page itself)."""
    fmt = request.GET.get("export", "")
    return fmt if fmt in FORMATS else ""


def rows_for_export(rows: QuerySet | Sequence) -> list:
    """At most one row more than the bound, so `too_many` can tell; evaluated here, in one go."""
    return list(rows[:MAX_EXPORT_ROWS + 1])


def too_many(rows: Sequence) -> bool:
    return len(rows) > MAX_EXPORT_ROWS


def exported(user, rows: QuerySet | Sequence, *, object_type: str, place: str, fmt: str) -> list:
    """For access functions: the rows of an export, bounded and evaluated, and its "export" audit row with
    the count (`place` names the list, never a search term). More than the bound is refused by
    `export_response` with a message, so nothing left and nothing is logged."""
    rows = rows_for_export(rows)
    if not too_many(rows):
        record_read(user, action="export", object_type=object_type, object_id="",
                    municipality_id=user.municipality_id, summary=f"{place}: {len(rows)} rows ({fmt})")
    return rows


@dataclass(frozen=True)
class Header:
    label: str
    url: str = ""
    aria_sort: str = ""
    arrow: str = ""


class Table:
    """What the templates need: the headers with their sort links, the export links, the pagination prefix.
    Every link keeps the other query parameters (filters, search)."""

    def __init__(self, request, columns: Sequence[Column], sort: Sort):
        self.columns = columns
        self.sort = sort
        self._query = request.GET.copy()
        for name in _OWN_PARAMETERS:
            self._query.pop(name, None)

    def _url(self, **params) -> str:
        query = self._query.copy()
        for name, value in params.items():
            query[name] = value
        return "?" + query.urlencode()

    @property
    def headers(self) -> list[Header]:
        headers = []
        for column in self.columns:
            if not column.sortable:
                headers.append(Header(label=column.label))
            elif column.key == self.sort.key:
                headers.append(Header(
                    label=column.label, aria_sort="descending" if self.sort.descending else "ascending",
                    arrow="▼" if self.sort.descending else "▲",
                    url=self._url(sort=column.key, dir="asc" if self.sort.descending else "desc")))
            else:
                headers.append(Header(label=column.label, url=self._url(sort=column.key, dir="asc")))
        return headers

    @property
    def query_prefix(self) -> str:
        """For `core/pagination.html`: the filters and the sort, then `page=N`."""
        query = self._query.copy()
        query["sort"], query["dir"] = self.sort.key, self.sort.direction
        return query.urlencode() + "&"

    @property
    def csv_url(self) -> str:
        return self._url(sort=self.sort.key, dir=self.sort.direction, export="csv")

    @property
    def xlsx_url(self) -> str:
        return self._url(sort=self.sort.key, dir=self.sort.direction, export="xlsx")


def escape_formula(value: Any) -> Any:
    """A text beginning with =, +, -, @, a tab or a carriage return gets a leading apostrophe, so that a
    spreadsheet shows it as text instead of running it ("=HYPERLINK(...)" in a name)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, bool | int | float | dt.date):
        return value
    if hasattr(value, "as_tuple"):  # Decimal
        return value
    return escape_formula(str(value))


def export_response(request, *, filename: str, columns: Sequence[Column], rows: Sequence, fmt: str):
    """The rows as a CSV or XLSX download with the columns' labels as headers. More rows than the bound:
    back to the list with a message instead (nothing was exported)."""
    if too_many(rows):
        messages.error(request, _("There are more than %(count)s rows to export. Narrow the list with the "
                                  "filters and try again.")
                       % {"count": number_format(MAX_EXPORT_ROWS, force_grouping=True)})
        query = request.GET.copy()
        query.pop("export", None)
        return HttpResponseRedirect(request.path + ("?" + query.urlencode() if query else ""))
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    header = [escape_formula(str(column.label)) for column in columns]
    table = ([_cell(column.value(row)) for column in columns] for row in rows)
    if len(rows) > exports.background_threshold():
        job = exports.export_start(request.user, filename=filename, header=header, rows=list(table), fmt=fmt)
        return HttpResponseRedirect(reverse("core:job_page", kwargs={"job_id": job.pk}))
    response = HttpResponse(write_file(header, table, fmt),
                            content_type=XLSX_TYPE if fmt == "xlsx" else "text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def write_file(header: list, rows: Iterable[list], fmt: str) -> str | bytes:
    return _xlsx(header, rows) if fmt == "xlsx" else _csv(header, rows)


def _csv(header: list, rows: Iterable[list]) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # so spreadsheets read the file as UTF-8 (æ, ø, å)
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(value.isoformat() if isinstance(value, dt.date) else value for value in row)
    return out.getvalue()


def _xlsx(header: list, rows: Iterable[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
