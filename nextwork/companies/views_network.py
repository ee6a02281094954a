"""Company network meetings, wishes against offers, and the free-labour warning figures."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.core.permissions import can

from . import access, figures, forms, selectors
from .services import meetings


@login_required
def meeting_list(request):
    planned = selectors.meeting_list(access.meetings_for(request.user))
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meetings.meeting_plan(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The meeting is planned."))
            return redirect("companies:meeting", meeting_id=meeting.pk)
    return render(request, "companies/meetings.html", {
        "meetings": planned, "form": form,
        "may_manage": can(request.user, "company.manage")})


@login_required
def meeting_detail(request, meeting_id):
    user = request.user
    meeting = access.access_meeting_by_id(user, meeting_id)
    invitations = selectors.meeting_page(meeting)
    invite_form = forms.InviteForm(municipality_id=user.municipality_id)
    attendance_form = forms.AttendanceForm(invitations=invitations, initial={
        "notes": meeting.notes, "attended": [str(i.company_id) for i in invitations if i.attendance == "attended"]})
    if request.method == "POST":
        access.access_meeting_by_id(user, meeting_id, action="company.manage")
        try:
            if "invite" in request.POST:
                invite_form = forms.InviteForm(request.POST, municipality_id=user.municipality_id)
                if invite_form.is_valid():
                    count = meetings.meeting_invite(actor=user, meeting=meeting,
                                                    companies=list(invite_form.cleaned_data["companies"]))
                    messages.success(request, ngettext("%(count)d company was invited.", "%(count)d companies were invited.", count) % {"count": count})
                    return redirect("companies:meeting", meeting_id=meeting.pk)
            else:
                attendance_form = forms.AttendanceForm(request.POST, invitations=invitations)
                if attendance_form.is_valid():
                    meetings.meeting_record(
                        actor=user, meeting=meeting, notes=attendance_form.cleaned_data["notes"],
                        attended_company_ids={int(pk) for pk in attendance_form.cleaned_data["attended"]})
                    messages.success(request, _("Attendance and notes are saved."))
                    return redirect("companies:meeting", meeting_id=meeting.pk)
        except DomainError as error:
            add_domain_error(attendance_form if "invite" not in request.POST else invite_form, error)
    return render(request, "companies/meeting.html", {
        "meeting": meeting, "invitations": invitations, "invite_form": invite_form,
        "attendance_form": attendance_form, "may_manage": can(user, "company.manage"),
        "held": meeting.held_on <= dt.date.today()}, status=400 if request.method == "POST" else 200)


@login_required
def wishes(request):
    rows, unmapped = access.wishes_page(request.user)
    return render(request, "companies/wishes.html", {"rows": rows, "unmapped": unmapped})


@login_required
def warnings(request):
    today = dt.date.today()
    companies = list(access.companies_for(request.user))
    by_company = figures.company_figures([c.pk for c in companies], today=today)
    rows = sorted(((c, by_company[c.pk]) for c in companies if c.pk in by_company),
                  key=lambda pair: (not pair[1].flagged, -pair[1].unpaid, pair[0].name))
    return render(request, "companies/warnings.html", {
        "rows": rows, "gap_days": figures.REPLACEMENT_GAP_DAYS, "min_unpaid": figures.FLAG_MIN_UNPAID,
        "min_replacements": figures.FLAG_MIN_REPLACEMENTS})
