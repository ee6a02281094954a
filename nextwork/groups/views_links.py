"""Staff side of the personal links: create (shown once, as a link, a QR code and a text to send), revoke."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nextwork.core.confirm import confirmation_page, confirmed

from . import access, forms
from .models import PersonalLink
from .services import links


def _context(person, **extra) -> dict:
    links_made = list(PersonalLink.objects.filter(person=person).select_related("created_by"))
    for link in links_made:
        link.revoke_url = reverse("groups:person_link_revoke", args=[person.pk, link.pk])
    return {"person": person, "links": links_made, "form": forms.LinkForm(), "now": timezone.now(), **extra}


@login_required
def personal_link(request, person_id):
    user = request.user
    person = access.access_person_by_id(user, person_id, action="group.take_attendance")
    if request.method != "POST":
        return render(request, "groups/link.html", _context(person))
    form = forms.LinkForm(request.POST)
    if not form.is_valid():
        return render(request, "groups/link.html", _context(person, form=form), status=400)
    link, token = links.personal_link_create(actor=user, person=person, valid_days=form.cleaned_data["valid_days"])
    url = request.build_absolute_uri(reverse("portal:self", kwargs={"token": token}))
    qr = segno.make(url, error="m")
    message = _("Hi %(name)s. Here is your personal NExTWORK page, where you can see your group's next meetings "
                "and propose and vote on topics: %(url)s The link works until %(date)s. Do not share it.") % {
        "name": person.first_name, "url": url, "date": link.expires_at.date().strftime("%d.%m.%Y")}
    response = render(request, "groups/link.html", _context(
        person, new_link=link, url=url, message=message,
        qr_svg=qr.svg_inline(scale=5, border=2, title=_("QR code for the personal link"))))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def personal_link_revoke(request, person_id, link_id):
    user = request.user
    person = access.access_person_by_id(user, person_id, action="group.take_attendance")
    link = PersonalLink.objects.filter(pk=link_id, person=person).first()
    if link is not None and not confirmed(request):
        return confirmation_page(
            request, title=_("Revoke %(name)s's personal link?") % {"name": person.first_name},
            lines=[_("The link stops working at once, also if it is saved on the young person's phone."),
                   _("You can make a new link afterwards and give it to the young person.")],
            button=_("Revoke the link"), cancel_url=reverse("groups:person_link", args=[person.pk]))
    if link is not None:
        links.personal_link_revoke(actor=user, link=link)
        messages.success(request, _("The link is revoked and no longer works."))
    return redirect("groups:person_link", person_id=person.pk)
