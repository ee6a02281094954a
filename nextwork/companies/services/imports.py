"""Importing companies and offers from CSV or XLSX. A file with any bad row is refused whole, with every
row's errors listed, and nothing is written; a good file is written in one transaction."""

import csv
import io
from dataclasses import dataclass

from django.db import transaction
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


def read_rows(*, filename: str, content: bytes) -> list[dict[str, str]]:
    """The file's rows as dicts keyed by the lower-case header; CSV may use ; or , and be UTF-8 or cp1252."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise DomainError(_("The file is not a readable XLSX workbook."), field="file") from error
        values = [["" if v is None else str(v).strip() for v in row] for row in sheet.iter_rows(values_only=True)]
    elif filename.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252")
        dialect = csv.excel
        try:
            dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=";,")
        except csv.Error:
            pass
        values = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    else:
        raise DomainError(_("Upload a .csv or .xlsx file."), field="file")
    values = [row for row in values if any(row)]
    if not values:
        raise DomainError(_("The file is empty."), field="file")
    header = [cell.lower() for cell in values[0]]
    return [dict(zip(header, row + [""] * (len(header) - len(row)), strict=False)) for row in values[1:]]


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


def _company_rows(actor, rows):
    errors, valid, seen = [], [], {}
    existing = set(Company.objects.filter(municipality_id=actor.municipality_id).values_list("cvr", flat=True))
    for line, row in enumerate(rows, start=2):
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


def _offer_rows(actor, rows):
    errors, valid = [], []
    companies = {c.cvr: c for c in Company.objects.filter(municipality_id=actor.municipality_id)}
    for line, row in enumerate(rows, start=2):
        row_errors: list[RowError] = []
        company = None
        try:
            company = companies.get(clean_cvr(row.get("cvr", "")))
            if company is None:
                row_errors.append(RowError(line, "cvr", _("No company with this CVR number is registered.")))
        except DomainError as error:
            row_errors.append(RowError(line, "cvr", error.message))
        places_text = row.get("places", "").strip() or "1"
        places = int(places_text) if places_text.isdigit() else -1
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


@transaction.atomic
def import_file(*, actor, kind: str, filename: str, content: bytes) -> int:
    """Imports `kind` ("companies" or "offers"); returns the number of rows written or raises ImportRefused."""
    require(actor, "company.manage")
    rows = read_rows(filename=filename, content=content)
    _check_header(kind, rows)
    if kind == "companies":
        errors, valid = _company_rows(actor, rows)
        if errors:
            raise ImportRefused(errors)
        Company.objects.bulk_create(
            Company(municipality_id=actor.municipality_id, **{n: d[n] for n in COMPANY_FIELDS}) for d in valid)
    elif kind == "offers":
        errors, valid = _offer_rows(actor, rows)
        if errors:
            raise ImportRefused(errors)
        Offer.objects.bulk_create(Offer(company=c, **{n: d[n] for n in OFFER_FIELDS}) for c, d in valid)
    else:
        raise DomainError(_("Choose companies or offers."), field="kind")
    audit.record(actor=actor, action="create", object_type=f"import_{kind}", municipality_id=actor.municipality_id,
                 summary=f"{filename}: {len(valid)} rows")
    return len(valid)
