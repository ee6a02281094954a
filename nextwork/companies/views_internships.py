"""Internship pages: list, create, the internship's own page with its lifecycle forms, and the PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nextwork.core import tables
from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.core.permissions import can

from . import access, actions, forms, pdf, selectors
from .choices import InternshipStatus


@login_required
def internship_list(request):
    status = request.GET.get("status", "")
    status = status if status in InternshipStatus.values else ""
    sort = tables.sort_params(request, selectors.INTERNSHIP_COLUMNS, default="-period")
    if fmt := tables.export_format(request):
        return tables.export_response(
            request, filename="internships", columns=selectors.INTERNSHIP_COLUMNS, fmt=fmt,
            rows=access.internships_for_export(request.user, fmt=fmt, status=status, sort=sort))
    page = access.internship_page(request.user, status=status, page_number=request.GET.get("page"), sort=sort)
    table = tables.Table(request, selectors.INTERNSHIP_COLUMNS, sort)
    return render(request, "companies/internships.html", {
        "page": page, "status": status, "statuses": InternshipStatus.choices,
        "table": table, "query_prefix": table.query_prefix,
        "may_manage": can(request.user, "internship.manage")})


def _internship_form(user, data=None, initial=None):
    return forms.InternshipForm(
        data, initial=initial, courses=access.internship_courses(user), companies=access.companies_for(user),
        offers=access.offers_for(user).filter(is_open=True).select_related("company"))


@login_required
def internship_create(request):
    from .services.internships import internship_create as create

    access.internships_for(request.user, action="internship.manage")
    # Pre-filled from links (?course=..&offer=..): only plain ids are taken; anything else is ignored.
    initial = {key: int(request.GET[key]) for key in ("course", "company", "offer")
               if request.GET.get(key, "").isdigit() and len(request.GET[key]) < 10}
    if "offer" in initial and "company" not in initial:
        offer = access.offers_for(request.user).filter(pk=initial["offer"]).first()
        initial["company"] = offer.company_id if offer else None
    form = _internship_form(request.user, request.POST or None, initial)
    if request.method == "POST" and form.is_valid():
        try:
            internship = create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The internship is created and its agreement drafted."))
            return redirect("companies:internship", internship_id=internship.pk)
    form.show_courses(access.internship_course_choices(request.user))
    return render(request, "companies/internship_form.html", {"form": form})


def _page_context(user, internship, *, failed=None):
    failed = failed or {}
    names = actions.available(internship) if can(user, "internship.manage") else []
    return {
        "internship": internship, "person": internship.course.person,
        "events": list(internship.events.select_related("actor")),
        "action_forms": [(name, actions.ACTIONS[name], failed.get(name) or actions.ACTIONS[name].form(prefix=name))
                         for name in names],
        "open_action": next(iter(failed), None),
    }


@login_required
def internship_detail(request, internship_id):
    internship = access.access_internship_by_id(request.user, internship_id)
    return render(request, "companies/internship.html", _page_context(request.user, internship))


@login_required
@require_POST
def internship_action(request, internship_id, action):
    if action not in actions.ACTIONS:
        raise Http404("No such action.")
    internship = access.access_internship_by_id(request.user, internship_id, action="internship.manage")
    spec = actions.ACTIONS[action]
    form = spec.form(request.POST, prefix=action)  # several forms share a page: prefixed ids
    if form.is_valid():
        try:
            spec.apply(request.user, internship, form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The internship is updated."))
            return redirect("companies:internship", internship_id=internship.pk)
    internship.refresh_from_db()
    return render(request, "companies/internship.html", _page_context(request.user, internship,
                                                                      failed={action: form}), status=400)


@login_required
def agreement_pdf(request, internship_id):
    internship = access.export_agreement(request.user, internship_id)
    response = HttpResponse(pdf.agreement_pdf(internship), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="praktikaftale-{internship.pk}.pdf"'
    return response
