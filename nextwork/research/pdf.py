"""The trial report as a PDF (WeasyPrint, tagged PDF/UA-1 like the other PDFs here), in the reader's language:
the same numbers as the page, each figure with its numbers beside it, the frozen plan with its hash, CONSORT."""

from pathlib import Path

from django.template.loader import render_to_string

STYLESHEET = Path(__file__).resolve().parent / "static" / "research" / "report-pdf.css"


def report_pdf(trial, context: dict) -> bytes:
    from weasyprint import CSS, HTML  # loading pango costs a second nobody else should pay

    from nextwork.trial.selectors import consort_counts

    html = render_to_string("research/pdf/report.html", {**context, "trial": trial,
                                                         "consort_counts": consort_counts(trial)})
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1",
                                       pdf_tags=True)
