"""Start pages per role, aggregate figures and the pseudonymised research data."""

import csv
import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from nextwork.companies.views_people import start_page_figures
from nextwork.core import audit
from nextwork.core.decorators import permission_required
from nextwork.core.permissions import can
from nextwork.core.roles import Role

from . import selectors, stats


@login_required
def start(request):
    user = request.user
    today = dt.date.today()
    context = {"today": today}
    if can(user, "person.view"):
        courses = list(selectors.my_courses(user))
        steps = selectors.next_steps_for_courses(courses, today=today)
        for course in courses:
            course.next_step = steps.get(course.pk)
        context.update(
            my_courses=courses,
            follow_ups=list(selectors.due_follow_ups(
                municipality_id=user.municipality_id, today=today,
                consultant=None if user.role == Role.TEAM_LEAD else user)[:20]),
        )
        if user.role == Role.TEAM_LEAD:
            context["unassigned"] = list(selectors.unassigned_courses(municipality_id=user.municipality_id)[:20])
        if courses:
            audit.record(actor=user, action="list", object_type="young_person",
                         municipality_id=user.municipality_id, summary=f"start page ({len(courses)} shown)")
    if can(user, "caseload.view"):
        context["caseload"] = selectors.caseload(municipality=user.municipality)
        context["can_see_people"] = can(user, "person.view")
    if can(user, "stats.municipality"):
        context["figures"] = stats.municipality_figures(municipality=user.municipality)
    if can(user, "stats.network"):
        context["network"] = stats.network_figures()
    # Internships (nextwork.companies): days to the first internship, share in internships now.
    context.update(start_page_figures(user, today=today))
    return render(request, "people/start.html", context)


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
    rows = stats.pseudonymised_courses()
    if request.GET.get("format") == "csv":
        audit.record(actor=request.user, action="export", object_type="pseudonymised_courses",
                     summary=f"{len(rows)} rows")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="nextwork-courses-pseudonymised.csv"'
        writer = csv.writer(response)
        writer.writerow(stats.PSEUDONYMISED_COLUMNS)
        writer.writerows([row[c] for c in stats.PSEUDONYMISED_COLUMNS] for row in rows)
        return response
    audit.record(actor=request.user, action="view", object_type="pseudonymised_courses",
                 summary=f"{len(rows)} rows")
    return render(request, "people/research.html", {"rows": rows[:100], "total": len(rows),
                                                    "columns": stats.PSEUDONYMISED_COLUMNS,
                                                    "title": _("Research data")})
