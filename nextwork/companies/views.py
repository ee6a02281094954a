"""Company register, offers and imports. Views parse, call one service or selector, and render."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nextwork.core import tables
from nextwork.core.access import require_or_refuse
from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.core.jobs import access_job_by_id, recent_jobs
from nextwork.core.permissions import can

from . import access, forms, selectors, tasks
from .choices import Sector
from .services import companies as company_services
from .services import imports, offers

PAGE_SIZE = 25


@login_required
def company_list(request):
    search, sector = request.GET.get("q", "").strip(), request.GET.get("sector", "")
    sort = tables.sort_params(request, selectors.COMPANY_COLUMNS, default="name")
    wanted = {"search": search, "sector": sector if sector in Sector.values else "", "sort": sort}
    if fmt := tables.export_format(request):
        return tables.export_response(request, filename="companies", columns=selectors.COMPANY_COLUMNS,
                                      rows=access.companies_for_export(request.user, fmt=fmt, **wanted), fmt=fmt)
    companies = selectors.company_list(access.companies_for(request.user), **wanted)
    page = Paginator(companies, PAGE_SIZE).get_page(request.GET.get("page"))
    table = tables.Table(request, selectors.COMPANY_COLUMNS, sort)
    return render(request, "companies/list.html", {
        "page": page, "search": search, "sector": sector, "sectors": Sector.choices,
        "table": table, "query_prefix": table.query_prefix,
        "follow_ups": selectors.follow_ups_due(municipality_id=request.user.municipality_id, today=dt.date.today()),
        "may_manage": can(request.user, "company.manage"),
    })


def _company_details(form) -> dict:
    return dict(form.cleaned_data)


@login_required
def company_create(request):
    require_or_refuse(request.user, "company.manage", object_type="company")
    form = forms.CompanyForm(request.POST or None)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        details = _company_details(form)
        try:
            company = company_services.company_create(actor=request.user, details=details)
        except DomainError as error:
            add_domain_error(form, error)
            if error.field == "cvr":
                try:
                    duplicate = company_services.duplicate_of(
                        municipality_id=request.user.municipality_id,
                        cvr=company_services.clean_cvr(details["cvr"]))
                except DomainError:
                    duplicate = None
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": company.name})
            return redirect("companies:detail", company_id=company.pk)
    return render(request, "companies/company_form.html", {"form": form, "duplicate": duplicate,
                                                           "title": _("Register company")},
                  status=400 if form.errors else 200)


@login_required
def company_edit(request, company_id):
    company = access.access_company_by_id(request.user, company_id, action="company.manage")
    form = forms.CompanyForm(request.POST or None, initial={
        name: getattr(company, name) for name in company_services.COMPANY_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            company_services.company_update(actor=request.user, company=company, details=_company_details(form))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The details are saved."))
            return redirect("companies:detail", company_id=company.pk)
    return render(request, "companies/company_form.html", {"form": form, "company": company,
                                                           "title": _("Edit %(name)s") % {"name": company.name}},
                  status=400 if form.errors else 200)


def company_page_context(user, company_id, **form_overrides):
    """The company page's context; the page itself is composed in nextwork.portal (with the match events)."""
    context = access.company_page(user, company_id, today=dt.date.today())
    company = context["company"]
    context.update(
        contact_form=form_overrides.get("contact") or forms.ContactForm(company=company),
        representative_form=form_overrides.get("representative") or forms.RepresentativeForm(),
        may_manage=can(user, "company.manage"), may_see_people=can(user, "person.view"),
        open_form=next(iter(form_overrides), None),
    )
    return context


@login_required
def company_detail(request, company_id):
    return render(request, "companies/detail.html", company_page_context(request.user, company_id))


@login_required
@require_POST
def company_contact(request, company_id):
    company = access.access_company_by_id(request.user, company_id, action="company.manage")
    form = forms.ContactForm(request.POST, company=company)
    if form.is_valid():
        try:
            company_services.contact_add(actor=request.user, company=company, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The contact is saved."))
            return redirect("companies:detail", company_id=company.pk)
    return render(request, "companies/detail.html", company_page_context(request.user, company.pk, contact=form),
                  status=400)


@login_required
@require_POST
def company_representative(request, company_id):
    company = access.access_company_by_id(request.user, company_id, action="company.manage")
    form = forms.RepresentativeForm(request.POST)
    if form.is_valid():
        try:
            company_services.representative_add(actor=request.user, company=company, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The representative is saved."))
            return redirect("companies:detail", company_id=company.pk)
    return render(request, "companies/detail.html",
                  company_page_context(request.user, company.pk, representative=form), status=400)


@login_required
def offer_list(request):
    show_all = request.GET.get("all") == "1"
    offer_rows = selectors.offer_list(access.offers_for(request.user), open_only=not show_all)
    return render(request, "companies/offers.html", {"offers": offer_rows, "show_all": show_all,
                                                     "may_manage": can(request.user, "company.manage")})


@login_required
def offer_create(request, company_id):
    company = access.access_company_by_id(request.user, company_id, action="company.manage")
    form = forms.OfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            offers.offer_create(actor=request.user, company=company, details=form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The offer is saved."))
            return redirect("companies:detail", company_id=company.pk)
    return render(request, "companies/offer_form.html", {"form": form, "company": company,
                                                         "title": _("New internship offer")},
                  status=400 if form.errors else 200)


@login_required
def offer_edit(request, offer_id):
    offer = access.access_offer_by_id(request.user, offer_id, action="company.manage")
    form = forms.OfferForm(request.POST or None, initial={name: getattr(offer, name)
                                                          for name in offers.OFFER_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            offers.offer_update(actor=request.user, offer=offer, details=form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The offer is saved."))
            return redirect("companies:detail", company_id=offer.company_id)
    return render(request, "companies/offer_form.html", {"form": form, "company": offer.company,
                                                         "title": _("Edit internship offer")},
                  status=400 if form.errors else 200)


@login_required
def import_view(request):
    """Small files are imported in the request; large ones by a background job whose progress the page shows
    (`?job=ID`, the user's own jobs only), with the user's recent imports below."""
    require_or_refuse(request.user, "company.manage", object_type="company")
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        upload, kind = form.cleaned_data["file"], form.cleaned_data["kind"]
        content = upload.read()
        try:
            if imports.runs_in_background(filename=upload.name, content=content):
                job = tasks.start_import(actor=request.user, kind=kind, filename=upload.name, content=content)
                return redirect(f"{reverse('companies:import')}?job={job.pk}")
            count = imports.import_file(actor=request.user, kind=kind, filename=upload.name, content=content)
        except imports.ImportRefused as refused:
            form.add_error("file", refused.message)
            row_errors = refused.errors
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, ngettext("%(count)d row was imported.", "%(count)d rows were imported.", count) % {"count": count})
            return redirect("companies:list" if kind == "companies" else "companies:offers")
    job_id = request.GET.get("job", "")
    job = access_job_by_id(request.user, int(job_id)) if job_id.isdigit() and len(job_id) < 10 else None
    return render(request, "companies/import.html", {
        "form": form, "row_errors": row_errors, "company_columns": imports.COMPANY_COLUMNS,
        "offer_columns": imports.OFFER_COLUMNS, "background_rows": imports.BACKGROUND_ROWS, "job": job,
        "recent_jobs": recent_jobs(request.user, kinds=[tasks.IMPORT_JOB])},
        status=400 if row_errors or form.errors else 200)
