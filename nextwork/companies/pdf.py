"""The internship agreement (praktikaftale) as a PDF, rendered by WeasyPrint from a Django template."""

import datetime as dt
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from .models import Internship

STYLESHEET = Path(__file__).resolve().parent / "static" / "companies" / "agreement.css"


def agreement_pdf(internship: Internship, *, today: dt.date | None = None) -> bytes:
    from weasyprint import CSS, HTML  # imported here: loading pango costs a second nobody else should pay

    person = internship.course.person
    with translation.override("da"):
        html = render_to_string("companies/pdf/agreement.html", {
            "internship": internship, "person": person, "company": internship.company,
            "representative": internship.company.representatives.first(),
            "consultant": internship.course.consultant, "today": today or dt.date.today(),
            # The CPR number only where the municipality's insurance needs it; else the birth date.
            "cpr": (f"{person.cpr[:6]}-{person.cpr[6:]}" if internship.municipality.agreement_shows_cpr else None),
        })
    # Tagged (PDF/UA-1): screen readers follow the headings, tables and reading order.
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1",
                                       pdf_tags=True)
