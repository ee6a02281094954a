"""The data subject's access request: a page offering the PDF and the JSON file of everything held about a
young person (team leads only). Never cached, by the browser or on the way."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from nextwork.people import access

from .subject_access import subject_access, subject_access_pdf

FORMATS = {"json": "application/json", "pdf": "application/pdf"}


@never_cache
@login_required
def export(request, person_id):
    fmt = request.GET.get("format", "")
    if fmt not in FORMATS:
        person = access.access_young_person_by_id(request.user, person_id, action="person.export_all")
        return render(request, "portal/subject_access.html", {"person": person})
    person = access.access_young_person_for_export(request.user, person_id, fmt=fmt)
    data = subject_access(person)
    body = (json.dumps(data.as_json(), ensure_ascii=False, indent=2) if fmt == "json"
            else subject_access_pdf(data))
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="young-person-{person.pk}-all-data.{fmt}"'
    return response
