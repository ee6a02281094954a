"""The table plan as a PDF: one page per table (who sits there in each round) and one slip per young person
(their table in each round), rendered by WeasyPrint like the internship agreement."""

from django.template.loader import render_to_string
from django.utils import translation

CSS_TEXT = """
@page { size: A4; margin: 1.5cm; }
body { font-family: "IBM Plex Sans", "DejaVu Sans", sans-serif; font-size: 11pt; }
.table-page { page-break-after: always; }
h1 { font-size: 20pt; margin: 0 0 0.3cm; }
h2 { font-size: 13pt; margin: 0.4cm 0 0.1cm; }
.slips { display: flex; flex-wrap: wrap; }
.room-qr { float: right; width: 3.2cm; text-align: center; font-size: 8pt; }
.room-qr img { width: 3cm; height: 3cm; }
.slip { width: 48%; border: 1px dashed #555; padding: 0.3cm; margin: 0 2% 0.4cm 0; break-inside: avoid; }
ol { margin: 0; padding-left: 1.2em; }
"""


def table_plan_pdf(event, tables, slips, *, room_url: str) -> bytes:
    """Each table's page carries the QR code that opens the young people's own pages for their wishes."""
    from weasyprint import CSS, HTML

    from .room import room_qr_data_uri

    with translation.override("da"):
        html = render_to_string("events/pdf/table_plan.html", {
            "event": event, "tables": tables, "slips": slips, "room_url": room_url,
            "room_qr": room_qr_data_uri(room_url)})
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=CSS_TEXT)], pdf_variant="pdf/ua-1", pdf_tags=True)
