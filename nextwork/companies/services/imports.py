"""Importing companies and offers from CSV or XLSX. A file with any bad row is refused whole, with every
row's errors listed, and nothing is written; a good file is written in one transaction. A file of more than
BACKGROUND_ROWS rows is imported by a background job (nextwork/companies/tasks.py) that reports its progress."""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require

from ..models import Company, Offer
from .companies import COMPANY_FIELDS, check_company_details, clean_cvr
from .offers import OFFER_FIELDS, check_offer_details

COMPANY_COLUMNS = ("cvr", "name", "address", "industry_code", "size_band", "sector", "notes")
OFFER_COLUMNS = ("cvr", "function", "tasks", "industry_code", "occupation_code", "kind", "paid_hours_possible",
                 "hours_flexibility", "places", "location", "directions", "is_open")
REQUIRED = {"companies": ("cvr", "name", "industry_code", "size_band", "sector"),
            "offers": ("cvr", "function", "occupation_code", "kind")}
TRUE, FALSE = {"ja", "yes", "true", "1", "x"}, {"nej", "no", "false", "0", ""}


@dataclass(frozen=True)
class RowError:
    row: int  # the line number in the file, header = 1
    column: str
    message: str


class ImportRefused(DomainError):
    def __init__(self, errors: list[RowError]):
        count = len({e.row for e in errors})
        super().__init__(ngettext("The file was not imported: %(count)d row has errors.",
                                  "The file was not imported: %(count)d rows have errors.", count)
                         % {"count": count}, field="file")
        self.errors = errors


MAX_FILE_BYTES = 5 * 1024 * 1024  # thousands of rows; a bigger file is refused before it is read
MAX_ROWS = 10_000
MAX_COLUMNS = 100
MAX_CELL = 10_000  # characters; the longest field (notes, tasks) takes this much
BINARY_STARTS = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")
DELIMITERS = (";", ",", "\t")
# Up to this many rows the import runs in the request (well under a second) and the answer comes at once;
# more run as a background job: thousands of rows take long enough to tie up a web worker and to meet the
# proxy's timeout, and the user can leave the page meanwhile.
BACKGROUND_ROWS = 500
PROGRESS_STEPS = 20

Progress = Callable[[int, str], None]


def _no_progress(percent: int, message: str) -> None:
    """The import in the request has nobody to tell."""


def _not_text() -> DomainError:
    return DomainError(_("The file is not a CSV text file. Save it as CSV (comma or semicolon separated) or "
                         "upload it as .xlsx."), field="file")


def _decode(content: bytes) -> str:
    """CSV text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 or Latin-1 (what Excel
    writes in Denmark). Anything that is not text (NUL bytes, control characters, a known binary format) is
    refused."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = content.decode("utf-16")
        except UnicodeDecodeError as error:
            raise _not_text() from error
    elif content.startswith(BINARY_STARTS) or b"\x00" in content:
        raise _not_text()
    else:
        for encoding in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    controls = sum(1 for char in text if char < " " and char not in "\t\r\n")
    if "\x00" in text or controls > len(text) // 100:
        raise _not_text()
    return text


def _csv_values(content: bytes) -> list[list[str]]:
    text = _decode(content)
    header = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(DELIMITERS, key=header.count) if any(d in header for d in DELIMITERS) else ","
    values = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            values.append([cell.strip() for cell in row[:MAX_COLUMNS]])
            if len(values) > MAX_ROWS + 1:
                break
    except csv.Error as error:
        raise DomainError(_("Line %(line)d of the file cannot be read: a cell is too long or a quotation mark "
                            "is not closed.") % {"line": reader.line_num}, field="file") from error
    return values


def _xlsx_values(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    values = []
    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            values.append(["" if v is None else str(v).strip() for v in row])
            if len(values) > MAX_ROWS + 1:
                break
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise DomainError(_("The file is not a readable XLSX workbook."), field="file") from error
    return values


def read_rows(*, filename: str, content: bytes) -> list[dict[str, str]]:
    """The file's rows as dicts keyed by the lower-case header. CSV may use ; , or tab and be UTF-8, UTF-16
    (with a BOM), Windows-1252 or Latin-1; files, rows and columns are bounded."""
    if len(content) > MAX_FILE_BYTES:
        raise DomainError(_("The file is larger than %(size)d MB; split it into smaller files.")
                          % {"size": MAX_FILE_BYTES // (1024 * 1024)}, field="file")
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        values = _xlsx_values(content)
    elif name.endswith(".csv"):
        values = _csv_values(content)
    else:
        raise DomainError(_("Upload a .csv or .xlsx file."), field="file")
    values = [row for row in values if any(row)]
    if not values:
        raise DomainError(_("The file is empty."), field="file")
    if len(values) > MAX_ROWS + 1:
        raise DomainError(_("The file has more than %(count)d rows; split it into smaller files.")
                          % {"count": MAX_ROWS}, field="file")
    header = [cell.lower() for cell in values[0]]
    return [dict(zip(header, row + [""] * (len(header) - len(row)), strict=False)) for row in values[1:]]


def _long_cells(rows: list[dict]) -> list[RowError]:
    return [RowError(line, column, _("The cell is longer than %(count)d characters.") % {"count": MAX_CELL})
            for line, row in enumerate(rows, start=2) for column, value in row.items() if len(value) > MAX_CELL]


def _bool(value: str, column: str, errors: list, line: int) -> bool:
    value = value.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    errors.append(RowError(line, column, _("Write yes or no.")))
    return False


def _check_header(kind: str, rows: list[dict]) -> None:
    if not rows:
        raise DomainError(_("The file has a header but no rows."), field="file")
    missing = [c for c in REQUIRED[kind] if c not in rows[0]]
    if missing:
        message = ngettext("The file lacks the column: %(columns)s.", "The file lacks the columns: %(columns)s.",
                           len(missing))
        raise DomainError(message % {"columns": ", ".join(missing)}, field="file")


def _checking(rows: list, report: Progress):
    """The rows with their line numbers, reporting 10-90 % in PROGRESS_STEPS steps on the way."""
    step = max(1, len(rows) // PROGRESS_STEPS)
    for index, row in enumerate(rows):
        if index and index % step == 0:
            report(10 + 80 * index // len(rows), _("Checking row %(row)d of %(count)d")
                   % {"row": index + 1, "count": len(rows)})
        yield index + 2, row


def _company_rows(actor, rows, report: Progress):
    errors, valid, seen = [], [], {}
    existing = set(Company.objects.filter(municipality_id=actor.municipality_id).values_list("cvr", flat=True))
    for line, row in _checking(rows, report):
        try:
            details = check_company_details({c: row.get(c, "") for c in COMPANY_COLUMNS})
        except DomainError as error:
            errors.append(RowError(line, error.field or "", error.message))
            continue
        if details["cvr"] in existing:
            errors.append(RowError(line, "cvr", _("A company with CVR number %(cvr)s is already registered.")
                                   % {"cvr": details["cvr"]}))
        elif details["cvr"] in seen:
            errors.append(RowError(line, "cvr", _("CVR number %(cvr)s also appears in row %(row)d.")
                                   % {"cvr": details["cvr"], "row": seen[details["cvr"]]}))
        else:
            seen[details["cvr"]] = line
            valid.append(details)
    return errors, valid


def _offer_rows(actor, rows, report: Progress):
    errors, valid = [], []
    companies = {c.cvr: c for c in Company.objects.filter(municipality_id=actor.municipality_id)}
    for line, row in _checking(rows, report):
        row_errors: list[RowError] = []
        company = None
        try:
            company = companies.get(clean_cvr(row.get("cvr", "")))
            if company is None:
                row_errors.append(RowError(line, "cvr", _("No company with this CVR number is registered.")))
        except DomainError as error:
            row_errors.append(RowError(line, "cvr", error.message))
        places_text = row.get("places", "").strip() or "1"
        places = int(places_text) if re.fullmatch(r"[0-9]{1,9}", places_text) else -1
        details = {c: row.get(c, "") for c in OFFER_COLUMNS if c != "cvr"}
        details["places"] = places
        details["paid_hours_possible"] = _bool(row.get("paid_hours_possible", ""), "paid_hours_possible",
                                               row_errors, line)
        details["is_open"] = _bool(row.get("is_open", "") or "yes", "is_open", row_errors, line)
        try:
            details = check_offer_details(details)
        except DomainError as error:
            row_errors.append(RowError(line, error.field or "", error.message))
        errors += row_errors
        if not row_errors:
            if not details["industry_code"]:
                details["industry_code"] = company.industry_code
            valid.append((company, details))
    return errors, valid


def runs_in_background(*, filename: str, content: bytes) -> bool:
    """Whether the file is big enough for a background job. Reads it, so an unreadable file is refused at
    once (DomainError) rather than in the job."""
    return len(read_rows(filename=filename, content=content)) > BACKGROUND_ROWS


def import_file(*, actor, kind: str, filename: str, content: bytes, progress: Progress = _no_progress) -> int:
    """Imports `kind` ("companies" or "offers"); returns the number of rows written or raises ImportRefused.
    `progress(percent, message)` hears how far it is. The rows are checked first, outside a transaction (so
    that a background job's progress can be seen); then every row is written in one transaction, or none: if
    a colleague registered one of the companies in the meantime, the database refuses the whole file."""
    require(actor, "company.manage")
    if kind not in REQUIRED:
        raise DomainError(_("Choose companies or offers."), field="kind")
    progress(0, _("Reading the file"))
    rows = read_rows(filename=filename, content=content)
    _check_header(kind, rows)
    long_cells = _long_cells(rows)
    if long_cells:
        raise ImportRefused(long_cells)
    progress(10, _("Checking the rows"))
    errors, valid = (_company_rows if kind == "companies" else _offer_rows)(actor, rows, progress)
    if errors:
        raise ImportRefused(errors)
    progress(90, _("Saving %(count)d rows") % {"count": len(valid)})
    try:
        with transaction.atomic():
            if kind == "companies":
                Company.objects.bulk_create(Company(municipality_id=actor.municipality_id,
                                                    **{n: d[n] for n in COMPANY_FIELDS}) for d in valid)
            else:
                Offer.objects.bulk_create(Offer(company=c, **{n: d[n] for n in OFFER_FIELDS}) for c, d in valid)
            name = (filename or "").replace("\x00", "")[:100]
            audit.record(actor=actor, action="create", object_type=f"import_{kind}",
                         municipality_id=actor.municipality_id, summary=f"{name}: {len(valid)} rows")
    except IntegrityError as error:
        raise DomainError(_("The file was not imported: a company in it was registered or removed meanwhile. "
                            "Upload the file again."), field="file") from error
    return len(valid)
