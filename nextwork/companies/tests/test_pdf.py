import io

from pypdf import PdfReader

from nextwork.companies.pdf import agreement_pdf


def test_the_agreement_pdf_reads_with_the_internships_details(make_internship, company_consultant):
    from nextwork.companies.services.companies import representative_add

    internship = make_internship(hours="18.5", function="Smed på værkstedet")
    representative_add(actor=company_consultant, company=internship.company, name="Søren Øster",
                       role="Værkfører", phone="+45 40 50 60 70")
    reader = PdfReader(io.BytesIO(agreement_pdf(internship)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    person = internship.course.person
    assert "Praktikaftale" in text or "Internship agreement" in text
    for expected in (person.full_name, "Roskilde Smedie ApS",
                     internship.company.cvr, "Smed på værkstedet", "18,5", "Søren Øster, Værkfører"):
        assert expected in text, expected
    assert person.cpr[6:] not in text  # the CPR number only where the insurance needs it


def _pages_text(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_cpr_number_is_printed_only_where_the_municipality_needs_it(make_internship):
    internship = make_internship()
    person, municipality = internship.course.person, internship.municipality
    assert f"{person.birth_date:%d}" in " ".join(_pages_text(agreement_pdf(internship)))
    municipality.agreement_shows_cpr = True
    municipality.save()
    internship.refresh_from_db()
    assert f"{person.cpr[:6]}-{person.cpr[6:]}" in " ".join(_pages_text(agreement_pdf(internship)))


def test_the_signatures_stay_on_the_page_with_the_terms(make_internship, offer):
    internship = make_internship(offer=offer)
    internship.offer.tasks = "Plukke varer, pakke ordrer og holde styr på lageret. " * 14  # pushes the terms down
    internship.offer.save()
    pages = _pages_text(agreement_pdf(internship))
    assert len(pages) == 2  # the terms did not fit on page one
    for page in pages:
        if "underskrift" in page.lower() or "signature" in page.lower():
            assert "Vilkår" in page or "Conditions" in page


def test_the_agreement_is_a_tagged_pdf(make_internship):
    reader = PdfReader(io.BytesIO(agreement_pdf(make_internship())))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]


def test_the_agreement_link_serves_a_pdf_and_is_audited(client, consultant, make_internship):
    from nextwork.core.models import AuditEvent

    internship = make_internship()
    client.force_login(consultant)
    response = client.get(f"/companies/internships/{internship.pk}/agreement.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="export", object_type="internship_agreement").exists()
