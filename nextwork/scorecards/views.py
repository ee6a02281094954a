"""The scorecard, the records behind a number, the network comparison, the reviews and the leader's dashboard.
Thin: the access functions check, scope and audit; the selectors compute."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nextwork.core.decorators import permission_required
from nextwork.core.models import Municipality
from nextwork.core.roles import CROSS_MUNICIPAL_ROLES

from . import access, dashboard, pdf, present
from .collect import parse_month
from .forms import ReviewForm
from .services.reviews import review_record

RECORD_HEADERS = {
    "course": lambda: [_("Course started"), _("Course ended"), _("Status")],
    "internship": lambda: [_("Company"), _("Wished for on"), _("Internship started"), _("Ended"), _("Ended on whose initiative")],
    "exit": lambda: [_("Exit date"), _("Exit")],
    "session": lambda: [_("Network group"), _("Date"), _("Came / expected")],
    "event": lambda: [_("Date"), _("Place"), _("Status")],
    "placement": lambda: [_("Match event"), _("Company"), _("Wish")],
    "agenda_item": lambda: [_("Network group"), _("Topic"), _("Proposed by")],
    "devising_meeting": lambda: [_("Date")],
}


def _month(request) -> dt.date:
    month = parse_month(request.GET.get("month"), default=dt.date.today())
    if month is None:
        raise Http404(_("No such month."))
    return month


@login_required
@permission_required("fidelity.scorecard")
def scorecard(request):
    card = access.scorecard_for(request.user, _month(request))
    return render(request, "scorecards/scorecard.html", {"scorecard": card})


@login_required
@permission_required("fidelity.records")
def records(request, key):
    month = _month(request)
    result, rows = access.records_behind(request.user, key, month)
    kind = result.indicator.record_kind
    return render(request, "scorecards/records.html", {
        "result": result, "rows": rows, "month": month, "headers": RECORD_HEADERS[kind](),
        "has_people": any(r["person"] is not None for r in rows)})


@login_required
@permission_required("fidelity.compare")
def comparison(request):
    data = access.comparison_for(request.user, _month(request))
    return render(request, "scorecards/comparison.html", {"comparison": data, "month": data.month,
                                                          "rows": present.comparison_rows(data)})


@login_required
@permission_required("fidelity.review_view")
def reviews(request):
    raw = request.POST.get("municipality") or request.GET.get("municipality") or None
    if raw is not None and not str(raw).isdigit():
        raise Http404(_("No such municipality."))
    municipality = access.reviewable_municipality(request.user, raw)
    network_user = bool(request.user.roles & CROSS_MUNICIPAL_ROLES)
    if municipality is None:  # the network's roles choose a municipality first
        municipality = Municipality.objects.order_by("name").first()
    form = None
    if request.method == "POST":
        access.reviewable_municipality(request.user, municipality.pk, action="fidelity.review_record")
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                review_record(by=request.user, municipality=municipality, **form.review_data())
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(request, _("The fidelity review was recorded."))
                return redirect(f"{request.path}?municipality={municipality.pk}")
    from nextwork.core.permissions import can

    if form is None and can(request.user, "fidelity.review_record"):
        form = ReviewForm(initial={"month": dt.date.today().replace(day=1).strftime("%Y-%m"),
                                   "reviewed_on": dt.date.today()})
    listed = dashboard.reviews_with_figures(access.reviews_for(request.user, municipality), municipality,
                                            suppress_small=network_user)
    return render(request, "scorecards/reviews.html", {
        "municipality": municipality, "reviews": listed, "form": form,
        "municipality_choices": Municipality.objects.order_by("name") if network_user else None},
        status=400 if form is not None and form.is_bound else 200)


@login_required
@permission_required("fidelity.dashboard")
def leader_dashboard(request):
    month = _month(request)
    return render(request, "scorecards/dashboard.html", dashboard.leader_view(request.user, month))


@login_required
@permission_required("fidelity.dashboard")
def leader_dashboard_pdf(request):
    month = _month(request)
    content = pdf.dashboard_pdf(dashboard.leader_view(request.user, month))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="nextwork-{month:%Y-%m}.pdf"'
    return response
