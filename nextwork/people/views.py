import datetime as dt

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nextwork.core import tables
from nextwork.core.confirm import confirmation_page, confirmed
from nextwork.core.decorators import permission_required
from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.core.permissions import can

from . import access, forms, selectors
from .choices import ExitType
from .services import consent, intake, notes
from .services import courses as course_services

PAGE_SIZE = 25


@login_required
@permission_required("person.view")
def people_list(request):
    user = request.user
    filters = forms.PeopleFilterForm(request.GET or None, municipality_id=user.municipality_id)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    sort = tables.sort_params(request, selectors.PEOPLE_COLUMNS, default="name")
    wanted = {"search": criteria.get("q", ""), "status": criteria.get("status", ""), "sort": sort,
              "consultant_id": criteria["consultant"].pk if criteria.get("consultant") else None}
    if fmt := tables.export_format(request):
        return tables.export_response(request, filename="young-people", columns=selectors.PEOPLE_COLUMNS,
                                      rows=access.young_people_for_export(user, fmt=fmt, **wanted), fmt=fmt)
    people = selectors.young_people_list(access.young_people_for(user), **wanted)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    # Never the search words themselves: a CPR number typed into the search box must not reach the log.
    access.audit_list(user, summary="list, search" if criteria.get("q") else "list",
                      count=len(page.object_list))
    table = tables.Table(request, selectors.PEOPLE_COLUMNS, sort)
    template = "people/_people_table.html" if request.htmx else "people/list.html"
    return render(request, template, {"filters": filters, "page": page, "table": table,
                                      "query_prefix": table.query_prefix})


@login_required
@permission_required("person.create")
def intake_view(request):
    user = request.user
    form = forms.IntakeForm(request.POST or None, municipality_id=user.municipality_id,
                            initial={"consultant": user if user.has_role("youth_consultant") else None})
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = intake.young_person_register(
                actor=user, details=form.details(), cpr_number=data["cpr_number"],
                referred_on=data["referred_on"], consultant=data["consultant"],
                admission_reason=data["admission_reason"], not_a_duplicate=data["not_a_duplicate"],
            )
        except DomainError as error:
            if error.field in ("not_a_duplicate", "cpr_number"):
                # The record(s) already registered, linked, so the user can open them instead.
                duplicates = access.registered_already(user, cpr_number=data["cpr_number"],
                                                       first_name=data["first_name"], last_name=data["last_name"])
            add_domain_error(form, error)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": result.person.full_name})
            return redirect("portal:person", person_id=result.person.pk)
    return render(request, "people/intake.html", {"form": form, "duplicates": duplicates})


@login_required
def person_edit(request, person_id):
    user = request.user
    person = access.access_young_person_by_id(user, person_id, action="person.edit")
    form = forms.YoungPersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            intake.young_person_update(actor=user, person=person, details=form.details(),
                                       cpr_number=form.cleaned_data["cpr_number"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The details are saved."))
            return redirect("portal:person", person_id=person.pk)
    return render(request, "people/edit.html", {"form": form, "person": person})


def _course_action(request, course_id, action, form_class, apply, success_message, *, title, button,
                   confirm=None, **form_kwargs):
    """Shared shape of the small course forms: validate, call one service, show errors on the course page."""
    user = request.user
    course = access.access_course_by_id(user, course_id, action=action)
    form = form_class(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            if confirm is not None and not confirmed(request):
                return confirmation_page(request, cancel_url=reverse("portal:person", args=[course.person_id]),
                                         **confirm(course, form.cleaned_data))
            apply(user, course, form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, success_message)
            return redirect("portal:person", person_id=course.person_id)
    # A form with errors comes back on its own page, with what was typed (works without JavaScript).
    return render(request, "people/course_form.html", {"form": form, "person": course.person, "course": course,
                                                        "action": action, "title": title, "button": button},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def course_status(request, course_id):
    return _course_action(
        request, course_id, "course.change_status", forms.StatusForm,
        lambda user, course, data: course_services.course_change_status(
            actor=user, course=course, status=data["status"], on=data["on"]),
        _("The status is changed."), title=_("Change status"), button=_("Change status"),
    )


@login_required
@require_POST
def course_assign(request, course_id):
    return _course_action(
        request, course_id, "course.assign_consultant", forms.AssignForm,
        lambda user, course, data: course_services.course_assign_consultant(
            actor=user, course=course, consultant=data["consultant"]),
        _("The responsible consultant is changed."), municipality_id=request.user.municipality_id,
        title=_("Change responsible consultant"), button=_("Assign"),
    )


@login_required
@require_POST
def course_conversation(request, course_id):
    return _course_action(
        request, course_id, "note.create", forms.ConversationForm,
        lambda user, course, data: notes.conversation_add(actor=user, course=course, **data),
        _("The conversation is saved."), title=_("Add conversation or note"), button=_("Save conversation"),
    )


@login_required
@require_POST
def course_psychologist_conversation(request, course_id):
    return _course_action(
        request, course_id, "psychologist_note.write", forms.PsychologistConversationForm,
        lambda user, course, data: notes.psychologist_conversation_add(actor=user, course=course, **data),
        _("The psychologist's note is saved."), title=_("Add psychologist conversation"), button=_("Save note"),
    )


@login_required
@require_POST
def course_exit(request, course_id):
    return _course_action(
        request, course_id, "course.end", forms.ExitForm,
        lambda user, course, data: course_services.course_end(actor=user, course=course, **data),
        _("The course is ended and follow-ups are planned."), title=_("End course with an exit"),
        button=_("End course"), confirm=_end_course_confirmation,
    )


def _end_course_confirmation(course, data) -> dict:
    course_services.course_end_check(course=course, exit_date=data["exit_date"])
    return {
        "title": _("End %(name)s's course?") % {"name": course.person.full_name},
        "lines": [
            _("The course ends on %(date)s with the exit: %(exit)s.") % {
                "date": date_format(data["exit_date"], "SHORT_DATE_FORMAT"),
                "exit": ExitType(data["exit_type"]).label},
            _("Follow-ups are planned 3, 6, 12 and 30 months after the exit."),
            _("An ended course cannot be opened again; if the young person comes back, start a new course."),
        ],
        "button": _("End the course"),
    }


@login_required
@require_POST
def person_new_course(request, person_id):
    user = request.user
    person = access.access_young_person_by_id(user, person_id, action="person.create")
    form = forms.NewCourseForm(request.POST)
    if form.is_valid():
        try:
            course_services.course_start_new(actor=user, person=person, referred_on=form.cleaned_data["referred_on"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("A new course is started."))
    return redirect("portal:person", person_id=person.pk)


@login_required
@permission_required("follow_up.view")
def follow_ups(request):
    sort = tables.sort_params(request, selectors.FOLLOW_UP_COLUMNS, default="due_on")
    fmt = tables.export_format(request)
    due = access.follow_ups_due_list(request.user, today=dt.date.today(), sort=sort, export=fmt)
    if fmt:
        return tables.export_response(request, filename="follow-ups", columns=selectors.FOLLOW_UP_COLUMNS,
                                      rows=due, fmt=fmt)
    return render(request, "people/follow_ups.html", {
        "follow_ups": due, "form": forms.FollowUpForm(),
        "table": tables.Table(request, selectors.FOLLOW_UP_COLUMNS, sort)})


@login_required
def follow_up_record(request, follow_up_id):
    user = request.user
    follow_up = access.access_follow_up_by_id(user, follow_up_id)
    form = forms.FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course_services.follow_up_record(actor=user, follow_up=follow_up, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The follow-up is recorded."))
            return redirect("people:follow_ups")
    return render(request, "people/follow_up.html", {"form": form, "follow_up": follow_up})


@login_required
@permission_required("caseload.view")
def caseload_view(request):
    municipality = request.user.municipality
    sort = tables.sort_params(request, selectors.CASELOAD_COLUMNS, default="-open_courses")
    if fmt := tables.export_format(request):
        return tables.export_response(request, filename="caseload", columns=selectors.CASELOAD_COLUMNS,
                                      rows=access.caseload_for_export(request.user, fmt=fmt, sort=sort), fmt=fmt)
    return render(request, "people/caseload.html", {
        "rows": selectors.caseload(municipality=municipality, sort=sort),
        "table": tables.Table(request, selectors.CASELOAD_COLUMNS, sort),
        "norm": selectors.caseload_norm(municipality),
        "municipality": municipality,
        "can_see_people": can(request.user, "person.view"),
    })


@login_required
@require_POST
def person_consent(request, person_id):
    """Records consent ("give") or its withdrawal ("withdraw") on a date, from the profile panel."""
    user = request.user
    person = access.access_young_person_by_id(user, person_id, action="person.edit")
    service = {"give": consent.consent_give, "withdraw": consent.consent_withdraw}.get(request.POST.get("action"))
    try:
        on = django_forms.DateField().clean(request.POST.get("on"))
        if service is None:
            raise DomainError(_("Choose whether consent is given or withdrawn."))
        service(actor=user, person=person, on=on)
    except DomainError as error:
        messages.error(request, error.message)
    except ValidationError:
        messages.error(request, _("Give a valid date."))
    else:
        messages.success(request, _("The consent is recorded."))
    return redirect("portal:person", person_id=person.pk)
