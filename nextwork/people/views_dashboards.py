"""Aggregate figures and the pseudonymised research data. (The start page is composed in nextwork.portal.)"""

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from nextwork.core.decorators import permission_required

from . import access, stats


@login_required
@permission_required("stats.municipality")
def municipality_stats(request):
    return render(request, "people/municipality_stats.html",
                  {"figures": stats.municipality_figures(municipality=request.user.municipality)})


@login_required
@permission_required("stats.network")
def network_stats(request):
    return render(request, "people/network_stats.html", {"network": stats.network_figures()})


@login_required
@permission_required("research.pseudonymised")
def research(request):
    export = request.GET.get("format") == "csv"
    rows = access.pseudonymised_courses_for(request.user, export=export)
    if export:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="nextwork-courses-pseudonymised.csv"'
        writer = csv.writer(response)
        writer.writerow(stats.PSEUDONYMISED_COLUMNS)
        writer.writerows([row[c] for c in stats.PSEUDONYMISED_COLUMNS] for row in rows)
        return response
    return render(request, "people/research.html", {"rows": [stats.labelled(row) for row in rows[:100]],
                                                    "total": len(rows),
                                                    "columns": [stats.PSEUDONYMISED_LABELS[column]
                                                                for column in stats.PSEUDONYMISED_COLUMNS],
                                                    "title": _("Research data")})
