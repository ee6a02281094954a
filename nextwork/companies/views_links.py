"""Staff side of the company representatives' personal links: make one (shown once, as a link, a QR code and a
text to send) or revoke it, from the company's page."""

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nextwork.core.access import not_found
from nextwork.core.confirm import confirmation_page, confirmed
from nextwork.core.forms import DesignSystemFormMixin

from . import access, links
from .models import Representative, RepresentativeLink


class LinkForm(DesignSystemFormMixin, forms.Form):
    valid_days = forms.IntegerField(label=gettext_lazy("Valid for (days)"), initial=links.DEFAULT_VALID_DAYS,
                                    min_value=1, max_value=365)


def _representative(user, company_id, representative_id) -> Representative:
    company = access.access_company_by_id(user, company_id, action="representative_link.manage")
    representative = Representative.objects.filter(pk=representative_id, company=company).select_related(
        "company").first()
    if representative is None:
        not_found(user, "representative_link.manage", object_type="company", object_id=f"rep {representative_id}")
    return representative


def _context(representative, **extra) -> dict:
    links_made = list(RepresentativeLink.objects.filter(representative=representative).select_related("created_by"))
    for link in links_made:
        link.revoke_url = reverse("companies:representative_link_revoke",
                                  args=[representative.company_id, representative.pk, link.pk])
    return {"representative": representative, "company": representative.company, "links": links_made,
            "form": LinkForm(), "now": timezone.now(), **extra}


@login_required
def representative_link(request, company_id, representative_id):
    user = request.user
    representative = _representative(user, company_id, representative_id)
    if request.method != "POST":
        return render(request, "companies/representative_link.html", _context(representative))
    form = LinkForm(request.POST)
    if not form.is_valid():
        return render(request, "companies/representative_link.html", _context(representative, form=form),
                      status=400)
    link, token = links.representative_link_create(actor=user, representative=representative,
                                                   valid_days=form.cleaned_data["valid_days"])
    url = request.build_absolute_uri(reverse("portal:representative", kwargs={"token": token}))
    message = _("Dear %(name)s. Here is %(company)s's own page in NExTWORK, where you see your coming match events "
                "and can propose changes to how we work: %(url)s The link works until %(date)s. Do not share it.") % {
        "name": representative.name, "company": representative.company.name, "url": url,
        "date": link.expires_at.date().strftime("%d.%m.%Y")}
    response = render(request, "companies/representative_link.html", _context(
        representative, new_link=link, url=url, message=message,
        qr_svg=segno.make(url, error="m").svg_inline(scale=5, border=2, title=_("QR code for the personal link"))))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def representative_link_revoke(request, company_id, representative_id, link_id):
    user = request.user
    representative = _representative(user, company_id, representative_id)
    link = RepresentativeLink.objects.filter(pk=link_id, representative=representative).first()
    back = reverse("companies:representative_link", args=[representative.company_id, representative.pk])
    if link is not None and not confirmed(request):
        return confirmation_page(
            request, title=_("Revoke %(name)s's personal link?") % {"name": representative.name},
            lines=[_("The link stops working at once."), _("You can make a new link afterwards.")],
            button=_("Revoke the link"), cancel_url=back)
    if link is not None:
        links.representative_link_revoke(actor=user, link=link)
        messages.success(request, _("The link is revoked and no longer works."))
    return redirect(back)
