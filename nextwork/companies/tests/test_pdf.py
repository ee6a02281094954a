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
    for expected in (person.full_name, f"{person.cpr[:6]}-{person.cpr[6:]}", "Roskilde Smedie ApS",
                     internship.company.cvr, "Smed på værkstedet", "18,5", "Søren Øster, Værkfører"):
        assert expected in text, expected


def test_the_agreement_link_serves_a_pdf_and_is_audited(client, consultant, make_internship):
    from nextwork.core.models import AuditEvent

    internship = make_internship()
    client.force_login(consultant)
    response = client.get(f"/companies/internships/{internship.pk}/agreement.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="export", object_type="internship_agreement").exists()
