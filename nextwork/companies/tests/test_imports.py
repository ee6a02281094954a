import io

import pytest
from openpyxl import Workbook

from nextwork.companies.models import Company, Offer
from nextwork.companies.services.imports import ImportRefused, import_file
from nextwork.core.errors import DomainError

from .conftest import CVRS

COMPANIES_CSV = (
    "cvr;name;address;industry_code;size_band;sector;notes\n"
    f"{CVRS[1]};Bageriet Ø;Torvet 1;10;1-9;private;Morgenhold\n"
    f"{CVRS[2]};Roskilde Kommune, Vej og Park;;42;250+;public;\n"
)


def test_a_good_csv_file_imports_every_row(company_consultant):
    count = import_file(actor=company_consultant, kind="companies", filename="firmaer.csv",
                        content=COMPANIES_CSV.encode())
    assert count == 2
    assert set(Company.objects.values_list("name", flat=True)) == {"Bageriet Ø", "Roskilde Kommune, Vej og Park"}


def test_a_file_with_bad_rows_is_refused_whole_with_row_level_errors(company_consultant, company):
    bad = COMPANIES_CSV + (
        f"12345678;Forkert CVR;;10;1-9;private;\n"
        f"{CVRS[3]};Ukendt branche;;00;1-9;private;\n"
        f"{CVRS[1]};Dobbelt i filen;;10;1-9;private;\n"
        f"{CVRS[0]};Findes allerede;;25;10-49;private;\n"
    )
    with pytest.raises(ImportRefused) as refused:
        import_file(actor=company_consultant, kind="companies", filename="firmaer.csv", content=bad.encode())
    errors = {(e.row, e.column) for e in refused.value.errors}
    assert errors == {(4, "cvr"), (5, "industry_code"), (6, "cvr"), (7, "cvr")}
    assert "row 2" in next(e.message for e in refused.value.errors if e.row == 6)
    assert Company.objects.count() == 1  # only the one that existed before


def test_offers_are_imported_from_xlsx_and_found_by_cvr(company_consultant, company):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["CVR", "function", "occupation_code", "kind", "places", "paid_hours_possible", "is_open"])
    sheet.append([int(company.cvr), "Svejser", "7212", "training", 2, "ja", "ja"])
    sheet.append([int(company.cvr), "Lager", "933", "clarification", None, "nej", ""])
    content = io.BytesIO()
    workbook.save(content)
    assert import_file(actor=company_consultant, kind="offers", filename="tilbud.xlsx",
                       content=content.getvalue()) == 2
    welder = Offer.objects.get(function="Svejser")
    assert welder.places == 2 and welder.paid_hours_possible and welder.industry_code == company.industry_code


def test_bad_offer_rows_are_all_reported(company_consultant, company):
    csv_text = ("cvr,function,occupation_code,kind,places,paid_hours_possible\n"
                f"{company.cvr},Smed,722,training,1,ja\n"
                f"{CVRS[5]},Ukendt firma,722,training,1,nej\n"
                f"{company.cvr},,99999,holiday,0,måske\n")
    with pytest.raises(ImportRefused) as refused:
        import_file(actor=company_consultant, kind="offers", filename="tilbud.csv", content=csv_text.encode())
    rows = sorted({e.row for e in refused.value.errors})
    assert rows == [3, 4]
    assert {e.column for e in refused.value.errors if e.row == 4} >= {"paid_hours_possible", "function"}
    assert not Offer.objects.exists()


def test_a_file_of_another_kind_or_without_the_columns_is_refused(company_consultant):
    with pytest.raises(DomainError):
        import_file(actor=company_consultant, kind="companies", filename="x.txt", content=b"cvr\n1")
    with pytest.raises(DomainError) as refused:
        import_file(actor=company_consultant, kind="companies", filename="x.csv", content=b"cvr;name\n1;a\n")
    assert "industry_code" in refused.value.message
