"""The staff pages that combine apps: the young person's page and the start page."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from nextwork.companies.views import company_page_context
from nextwork.people import access
from nextwork.people.panels import current_course

from . import panels
from .compose import compose


@login_required
def person(request, person_id):
    young_person = access.access_young_person_by_id(request.user, person_id)
    return render(request, "portal/person.html", {
        "person": young_person, "course": current_course(young_person),
        "panels": compose(panels.PERSON_PAGE, request, young_person),
    })


@login_required
def start(request):
    today = dt.date.today()
    return render(request, "portal/start.html", {
        "today": today, "panels": compose(panels.START_PAGE, request, today),
    })


@login_required
def company(request, company_id):
    """The company's page (nextwork.companies) with what other apps add to it, e.g. the match events."""
    context = company_page_context(request.user, company_id)
    context["panels"] = compose(panels.COMPANY_PAGE, request, context["company"])
    return render(request, "portal/company.html", context)
