"""Bad input on the company pages and in imports: a message next to the field (or per row), what was typed
kept, nothing saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from nextwork.companies.models import Company, Contact, Offer
from nextwork.companies.services import imports
from nextwork.companies.services.imports import ImportRefused, import_file
from nextwork.core.errors import DomainError

from .conftest import CVRS, company_details

pytestmark = pytest.mark.django_db

HEADER = "cvr;name;address;industry_code;size_band;sector;notes\n"


def offer_form(**overrides) -> dict:
    data = {"function": "Smed", "occupation_code": "722", "kind": "training", "places": "2", "is_open": "on"}
    data.update(overrides)
    return data


def field_errors(response, field: str, form: str = "form") -> list:
    assert f'id="id_{field}-error"' in response.content.decode()
    return response.context[form].errors[field]


# Forms
@pytest.mark.parametrize("places", ["1000000000000000000000000000000", "101"])
def test_an_offer_with_too_many_places_is_refused_next_to_the_field(client, company_consultant, company, places):
    client.force_login(company_consultant)
    response = client.post(reverse("companies:offer_create", args=[company.pk]), offer_form(places=places))
    assert field_errors(response, "places")
    assert f'value="{places}"' in response.content.decode()
    assert not Offer.objects.exists()


def test_the_offer_service_refuses_places_it_cannot_store(company_consultant, company):
    from nextwork.companies.services.offers import offer_create

    with pytest.raises(DomainError) as refused:
        offer_create(actor=company_consultant, company=company, details={
            "function": "Smed", "occupation_code": "722", "kind": "training", "places": 10**30})
    assert refused.value.field == "places"


@pytest.mark.parametrize(("field", "value"), [("name", "Bageriet\x00"), ("name", "x" * 100_000),
                                              ("notes", "x" * 100_000), ("address", "Torvet\x00 1")])
def test_a_company_with_nul_characters_or_100000_characters_is_refused(client, company_consultant, field, value):
    client.force_login(company_consultant)
    data = company_details(cvr=CVRS[1], **{field: value})
    response = client.post(reverse("companies:create"), data)
    assert field_errors(response, field)
    assert not Company.objects.exists()


def test_the_company_service_refuses_nul_characters_and_overlong_text(company_consultant):
    from nextwork.companies.services.companies import company_create

    for field, value in (("name", "A\x00"), ("notes", "x" * 10_001), ("address", "x" * 201)):
        with pytest.raises(DomainError) as refused:
            company_create(actor=company_consultant, details=company_details(**{field: value}))
        assert refused.value.field == field
    assert not Company.objects.exists()


def test_a_contact_dated_in_the_year_1_is_refused(client, company_consultant, company):
    client.force_login(company_consultant)
    response = client.post(reverse("companies:contact", args=[company.pk]),
                           {"kind": "call", "occurred_on": "0001-01-01", "note": "Ringede"})
    assert response.status_code == 400
    assert response.context["contact_form"].errors["occurred_on"]
    assert not Contact.objects.exists()


# Imports
def upload(client, name: str, content: bytes, kind: str = "companies"):
    return client.post(reverse("companies:import"), {"kind": kind, "file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize("content", [
    b"PK\x03\x04" + bytes(range(256)) * 4,  # an XLSX workbook (a zip) renamed .csv
    b"%PDF-1.7\n" + bytes(range(256)),
    bytes(range(256)) * 8,
    b"cvr\x00;name\x00\n",
    b"cvr;name\n\x01\x02\x03\x04;\x05\x06\x07\x08\x0b\x0c\x0e\x0f\n",
])
def test_a_binary_file_renamed_csv_is_refused_with_a_file_level_message(client, company_consultant, content):
    client.force_login(company_consultant)
    response = upload(client, "firmaer.csv", content)
    assert "not a CSV text file" in field_errors(response, "file")[0]
    assert not Company.objects.exists()


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16", "utf-8-sig", "utf-8"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_in_latin_1_utf_16_or_utf_8_with_any_delimiter_is_imported(company_consultant, encoding, delimiter):
    rows = [["cvr", "name", "address", "industry_code", "size_band", "sector", "notes"],
            [CVRS[1], "Bageriet Ø", "Torvet 1, Ærø", "10", "1-9", "private", "Åbent fra 6"],
            [CVRS[2], "Smørrebrød & Co", "", "56", "1-9", "private", ""]]
    text = io.StringIO()
    import csv

    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    count = import_file(actor=company_consultant, kind="companies", filename="FIRMAER.CSV",
                        content=text.getvalue().encode(encoding))
    assert count == 2
    assert set(Company.objects.values_list("name", "address")) == {("Bageriet Ø", "Torvet 1, Ærø"),
                                                                   ("Smørrebrød & Co", "")}


def test_a_windows_file_with_bytes_undefined_in_cp1252_is_read_as_latin_1(company_consultant):
    content = (HEADER + f"{CVRS[1]};Bager\x81iet;;10;1-9;private;\n").encode("latin-1")
    assert import_file(actor=company_consultant, kind="companies", filename="firmaer.csv", content=content) == 1


def test_a_cell_of_megabytes_is_refused_with_a_row_level_message(client, company_consultant):
    client.force_login(company_consultant)
    long_notes = HEADER + f"{CVRS[1]};Bageriet;;10;1-9;private;{'x' * 20_000}\n"
    response = upload(client, "firmaer.csv", long_notes.encode())
    assert response.status_code == 400
    errors = response.context["row_errors"]
    assert [(e.row, e.column) for e in errors] == [(2, "notes")] and "10000" in errors[0].message
    huge = HEADER + f"{CVRS[1]};Bageriet;;10;1-9;private;{'x' * 3_000_000}\n"
    response = upload(client, "firmaer.csv", huge.encode())
    assert "Line 2" in field_errors(response, "file")[0]
    assert not Company.objects.exists()


def test_a_megabyte_cell_in_a_workbook_is_a_row_level_error(company_consultant):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["cvr", "name", "industry_code", "size_band", "sector", "notes"])
    sheet.append([CVRS[1], "Bageriet", "10", "1-9", "private", "x" * 32_000])
    content = io.BytesIO()
    workbook.save(content)
    with pytest.raises(ImportRefused) as refused:
        import_file(actor=company_consultant, kind="companies", filename="firmaer.xlsx", content=content.getvalue())
    assert [(e.row, e.column) for e in refused.value.errors] == [(2, "notes")]
    assert not Company.objects.exists()


def test_a_name_too_long_for_its_column_is_a_row_level_error(company_consultant):
    content = (HEADER + f"{CVRS[1]};{'B' * 300};;10;1-9;private;\n").encode()
    with pytest.raises(ImportRefused) as refused:
        import_file(actor=company_consultant, kind="companies", filename="firmaer.csv", content=content)
    assert [(e.row, e.column) for e in refused.value.errors] == [(2, "name")]


def test_an_offer_row_with_10_to_the_30_places_or_odd_digits_is_a_row_level_error(company_consultant, company):
    content = ("cvr;function;occupation_code;kind;places\n"
               f"{company.cvr};Smed;722;training;{10**30}\n"
               f"{company.cvr};Smed;722;training;²\n").encode()
    with pytest.raises(ImportRefused) as refused:
        import_file(actor=company_consultant, kind="offers", filename="tilbud.csv", content=content)
    assert [(e.row, e.column) for e in refused.value.errors] == [(2, "places"), (3, "places")]
    assert not Offer.objects.exists()


def test_a_file_too_large_is_refused_whole(client, company_consultant):
    client.force_login(company_consultant)
    big = HEADER.encode() + b"x" * (imports.MAX_FILE_BYTES + 1)
    assert "MB" in field_errors(upload(client, "firmaer.csv", big), "file")[0]
    assert not Company.objects.exists()


def test_a_file_with_too_many_rows_is_refused_whole(company_consultant, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    many = HEADER + "".join(f"{cvr};Firma {cvr};;10;1-9;private;\n" for cvr in CVRS[:3])
    with pytest.raises(DomainError) as refused:
        import_file(actor=company_consultant, kind="companies", filename="firmaer.csv", content=many.encode())
    assert "more than 2 rows" in refused.value.message
    assert not Company.objects.exists()


def test_an_unknown_kind_is_refused(company_consultant):
    with pytest.raises(DomainError) as refused:
        import_file(actor=company_consultant, kind="people", filename="x.csv", content=HEADER.encode())
    assert refused.value.field == "kind"
