"""Merging a duplicate: choose it, see what moves (or what to resolve first), confirm. Works without
JavaScript: the preview is a page of its own with a confirm button."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.people import access
from nextwork.people.forms import MergeForm

from .merge import merge_preview, young_people_merge


@login_required
def merge(request, person_id):
    user = request.user
    person = access.access_young_person_by_id(user, person_id, action="person.merge")
    candidates = access.merge_candidates_for(user, person)
    form = MergeForm(request.POST or None, candidates=access.young_people_for(user).filter(
        pk__in=[candidate.pk for candidate in candidates]))
    context = {"form": form, "person": person, "candidates": candidates}
    if request.method == "POST" and form.is_valid():
        duplicate = form.cleaned_data["duplicate"]
        if request.POST.get("confirm") != "yes":
            context.update(duplicate=duplicate, preview=merge_preview(keep=person, duplicate=duplicate))
            return render(request, "portal/merge_confirm.html", context)
        try:
            young_people_merge(actor=user, keep=person, duplicate=duplicate)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The records are merged."))
            return redirect("portal:person", person_id=person.pk)
    return render(request, "portal/merge.html", context, status=400 if form.errors else 200)
