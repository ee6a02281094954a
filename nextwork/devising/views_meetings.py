"""Devising meetings: date, who was there, notes, the experiments discussed."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.core.models import User
from nextwork.core.permissions import can

from . import access, forms


@login_required
def meeting_list(request):
    meetings = list(access.meetings_for(request.user).prefetch_related("experiments", "attendees")[:100])
    return render(request, "devising/meetings.html", {"meetings": meetings,
                                                      "may_manage": can(request.user, "devising.manage")})


def _form(user, data=None):
    staff = User.objects.filter(municipality_id=user.municipality_id, is_active=True).order_by(
        "first_name", "last_name", "username")
    return forms.MeetingForm(data, staff=staff, experiments=access.experiments_for(user).order_by("status", "-pk"),
                             initial={"held_on": dt.date.today(), "attendees": [user.pk]})


@login_required
def meeting_create(request):
    user = request.user
    access.meetings_for(user, action="devising.manage")
    form = _form(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        from .services import meetings

        try:
            meeting = meetings.meeting_create(actor=user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The devising meeting is recorded."))
            return redirect("devising:meeting", meeting_id=meeting.pk)
    return render(request, "devising/meeting_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def meeting_detail(request, meeting_id):
    return render(request, "devising/meeting.html", {"meeting": access.access_meeting_by_id(request.user, meeting_id)})
