"""Sessions: the attendance page made for a phone (one tap per member, htmx), recording, moving, cancelling."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nextwork.core.confirm import confirmation_page, confirmed
from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.core.permissions import can

from . import access, forms, patterns, selectors
from .choices import AttendanceStatus, SessionStatus
from .models import SessionObservation
from .services import agenda, attendance, observations, sessions
from .services.groups import PLAN_AHEAD


def _session_context(user, page, *, record_form=None, move_form=None, observation_form=None) -> dict:
    session = page.session
    today = dt.date.today()
    observation = SessionObservation.objects.filter(session=session).select_related("recorded_by").first()
    if observation_form is None:
        observation_form = forms.ObservationForm(initial={
            "signs": observation.signs, "took_part": observation.took_part} if observation else None)
    return {
        "session": session, "group": session.group, "today": today,
        "rows": page.rows,
        "statuses": AttendanceStatus.choices,
        "agenda": page.agenda,
        "record_form": record_form or forms.SessionRecordForm(initial={
            "check_in_method": session.check_in_method, "notes": session.notes}),
        "move_form": move_form or forms.SessionMoveForm(initial={"date": session.date,
                                                                 "starts_at": session.starts_at}),
        "agenda_form": forms.AgendaItemForm(),
        "can_take": session.date <= today and session.status != SessionStatus.CANCELLED,
        "observation": observation, "observation_form": observation_form,
        "taps": patterns.tap_summary(session),
        "may": {"group_manage": can(user, "group.manage"),
                "group_take_attendance": can(user, "group.take_attendance"),
                "group_observe": can(user, "group.observe")},
    }


@login_required
def session_detail(request, session_id):
    page = access.session_page(request.user, session_id)
    return render(request, "groups/session.html", _session_context(request.user, page))


@login_required
@require_POST
def attendance_set(request, session_id, membership_id):
    user = request.user
    session, membership = access.access_session_member(user, session_id, membership_id)
    error = None
    try:
        attendance.attendance_record(actor=user, session=session, membership=membership,
                                     status=request.POST.get("status", ""))
    except DomainError as exc:
        error = exc.message
    if request.htmx:
        status = session.attendance.filter(membership=membership).values_list("status", flat=True).first()
        row = selectors.AttendanceRow(membership=membership, status=status or "")
        return render(request, "groups/_attendance_row.html", {
            "row": row, "session": session, "statuses": AttendanceStatus.choices, "can_take": True,
            "error": error}, status=400 if error else 200)
    if error:
        messages.error(request, error)
    return redirect("groups:session", session_id=session.pk)


@login_required
@require_POST
def attendance_rest_present(request, session_id):
    user = request.user
    session = access.access_session_by_id(user, session_id, action="group.take_attendance")
    members = [row.membership for row in selectors.session_attendance_rows(session)]
    try:
        count = attendance.attendance_mark_rest_present(actor=user, session=session, memberships=members)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, ngettext("%(count)s member is marked present.", "%(count)s members are marked present.", count) % {"count": count})
    return redirect("groups:session", session_id=session.pk)


@login_required
@require_POST
def session_record(request, session_id):
    user = request.user
    session = access.access_session_by_id(user, session_id, action="group.take_attendance")
    form = forms.SessionRecordForm(request.POST)
    if form.is_valid():
        try:
            sessions.session_record(actor=user, session=session, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("groups:session", session_id=session.pk)
    return render(request, "groups/session.html", _session_context(
        user, access.session_page(user, session.pk), record_form=form), status=400)


@login_required
@require_POST
def observation_save(request, session_id):
    user = request.user
    session = access.access_session_by_id(user, session_id, action="group.observe")
    form = forms.ObservationForm(request.POST)
    if form.is_valid():
        try:
            observations.session_observation_save(actor=user, session=session, today=dt.date.today(),
                                                  **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("What you saw is saved. It shows in the group's pattern."))
            return redirect("groups:session", session_id=session.pk)
    return render(request, "groups/session.html", _session_context(
        user, access.session_page(user, session.pk), observation_form=form), status=400)


@login_required
@require_POST
def session_move(request, session_id):
    user = request.user
    session = access.access_session_by_id(user, session_id, action="group.manage")
    form = forms.SessionMoveForm(request.POST)
    if form.is_valid():
        try:
            sessions.session_move(actor=user, session=session, **form.cleaned_data)
        except DomainError as error:
            form.add_error("date", error.message)
        else:
            messages.success(request, _("The session is moved."))
            return redirect("groups:session", session_id=session.pk)
    return render(request, "groups/session.html", _session_context(
        user, access.session_page(user, session.pk), move_form=form), status=400)


@login_required
@require_POST
def session_cancel(request, session_id):
    user = request.user
    session = access.access_session_by_id(user, session_id, action="group.manage")
    if not confirmed(request):
        return confirmation_page(
            request, title=_("Cancel the session on %(date)s?") % {
                "date": date_format(session.date, "SHORT_DATE_FORMAT")},
            lines=[_("The members see on their own page that the session is cancelled."),
                   _("You can restore the session afterwards if it was a mistake.")],
            button=_("Cancel the session"), cancel_url=reverse("groups:session", args=[session.pk]))
    try:
        sessions.session_cancel(actor=user, session=session)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The session is cancelled. You can restore it below."))
    return redirect("groups:session", session_id=session.pk)


@login_required
@require_POST
def session_restore(request, session_id):
    user = request.user
    session = access.access_session_by_id(user, session_id, action="group.manage")
    try:
        sessions.session_restore(actor=user, session=session)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The session is restored."))
    return redirect("groups:session", session_id=session.pk)


@login_required
@require_POST
def sessions_plan(request, group_id):
    group = access.access_group_by_id(request.user, group_id, action="group.manage")
    created = sessions.sessions_generate(group=group, until=dt.date.today() + PLAN_AHEAD, start=dt.date.today())
    messages.success(request, ngettext("%(count)s session is planned.", "%(count)s sessions are planned.", len(created)) % {"count": len(created)})
    return redirect("groups:detail", group_id=group.pk)


@login_required
@require_POST
def agenda_add(request, group_id):
    user = request.user
    group = access.access_group_by_id(user, group_id, action="group.take_attendance")
    form = forms.AgendaItemForm(request.POST)
    session = None
    if request.POST.get("session"):
        session = group.sessions.filter(pk=request.POST["session"]).first()
    if form.is_valid():
        try:
            agenda.agenda_item_propose(group=group, session=session, staff=user, title=form.cleaned_data["title"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The topic is added."))
    else:
        messages.error(request, _("Write a topic."))
    if session is not None:
        return redirect("groups:session", session_id=session.pk)
    return redirect("groups:detail", group_id=group.pk)
