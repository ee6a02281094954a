"""The leader's dashboard as a PDF for the political committee (WeasyPrint, tagged PDF/UA-1)."""

from pathlib import Path

from django.template.loader import render_to_string

STYLESHEET = Path(__file__).resolve().parent / "static" / "scorecards" / "scorecards.css"


def dashboard_pdf(context: dict) -> bytes:
    from weasyprint import CSS, HTML  # imported here: loading pango costs a second nobody else should pay

    html = render_to_string("scorecards/pdf/dashboard.html", context)
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1",
                                       pdf_tags=True)
