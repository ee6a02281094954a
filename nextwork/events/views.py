"""Match events for staff: plan, invite, record who came, enter wishes, allocate and confirm."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nextwork.companies import access as company_access
from nextwork.core.confirm import confirmation_page, confirmed
from nextwork.core.errors import DomainError
from nextwork.core.forms import add_domain_error
from nextwork.core.jobs import access_job_by_id
from nextwork.core.permissions import can

from . import access, forms, tasks
from .choices import EventStatus
from .models import Veto
from .planning import shortages
from .proposal import proposal_rows
from .services import allocation, between, events, tableplan, wishes


@login_required
def event_list(request):
    today = dt.date.today()
    all_events = list(access.events_for(request.user).order_by("-held_on", "-pk")[:100])
    may_manage = can(request.user, "event.manage")
    return render(request, "events/list.html", {
        "coming": [e for e in reversed(all_events) if e.held_on >= today],
        "past": [e for e in all_events if e.held_on < today],
        "may_manage": may_manage,
        "open_offers": list(_open_offers(request.user)) if may_manage else [],
    })


@login_required
@require_POST
def place_between_events(request):
    user = request.user
    offer = company_access.offers_for(user, action="event.manage").filter(pk=_number(request.POST.get("offer")))
    offer = offer.select_related("company").first()
    if offer is None:
        messages.error(request, _("Choose an open offer."))
        return redirect("events:list")
    try:
        event = between.place_between_events(actor=user, offer=offer)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("events:list")
    messages.success(request, _("The place is shown to %(count)d young people whose wishes match its trade.") % {
        "count": event.invitations.count()})
    return redirect("events:detail", event_id=event.pk)


def _open_offers(user):
    return company_access.offers_for(user).filter(is_open=True).select_related("company").order_by(
        "company__name", "function")


@login_required
def event_create(request):
    user = request.user
    company_access.offers_for(user, action="company.view")
    form = forms.EventForm(request.POST or None, offers=_open_offers(user))
    if request.method == "POST" and form.is_valid():
        try:
            event = events.event_create(actor=user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The match event is planned."))
            return redirect("events:detail", event_id=event.pk)
    return render(request, "events/form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def event_detail(request, event_id):
    user = request.user
    context = access.event_page(user, event_id)
    event = context["event"]
    may_manage, may_allocate = can(user, "event.manage"), can(user, "event.allocate")
    if may_manage and event.status != EventStatus.ALLOCATED:
        invitable = access.invitable_people(user, event)
        context["invite_form"] = forms.InviteForm(people=invitable)
        context["first_in_line"] = [p for p in invitable if p.first_in_line]
    if may_manage and event.status == EventStatus.PLANNED:
        context["shortages"] = shortages(user, event)
        context["representative_text"] = _(
            "Dear %(company)s, welcome to the NExTWORK match event on %(date)s at %(time)s, %(place)s. The young "
            "people host it: you meet them at your table in short rounds, and afterwards they wish where they "
            "want an internship. Please bring what you can tell about the places you offer.") % {
            "company": ", ".join(sorted({o.company.name for o in context["offers"]})) or _("company"),
            "date": date_format(event.held_on, "SHORT_DATE_FORMAT"), "time": event.starts_at.strftime("%H:%M"),
            "place": event.place}
        context["sms_text"] = _(
            "Hi! You are invited to a NExTWORK match event on %(date)s at %(time)s, %(place)s. You meet "
            "companies at tables and can wish for an internship afterwards. Answer on your own NExTWORK page.") % {
            "date": date_format(event.held_on, "SHORT_DATE_FORMAT"), "time": event.starts_at.strftime("%H:%M"),
            "place": event.place}
    if event.status == EventStatus.ALLOCATED:
        context["placements"] = access.confirmed_placements(event)
    if event.table_plan:
        from .tables import sheets

        context["table_sheets"], _slips = sheets(
            event, {i.person_id: i.person for i in context["invitations"]},
            {o.company_id: o.company for o in context["offers"]})
    latest = context["runs"][0] if context["runs"] else None
    if latest is not None:
        context["latest"] = latest
        context["proposal"] = proposal_rows(latest, context["invitations"], context["offers"],
                                            list(event.locks.select_related("offer", "offer__company",
                                                                            "created_by")))
    job_id = request.GET.get("job", "")
    context.update(may_manage=may_manage, may_allocate=may_allocate, today=dt.date.today(),
                   wishes_open=wishes.wishes_open(event),
                   job=access_job_by_id(user, int(job_id)) if job_id.isdigit() and len(job_id) < 10 else None)
    return render(request, "events/detail.html", context)


@login_required
@require_POST
def event_invite(request, event_id):
    user = request.user
    event = access.access_event_by_id(user, event_id, action="event.manage")
    people = access.invitable_people(user, event)
    form = forms.InviteForm(request.POST, people=people)
    if form.is_valid():
        chosen = {int(pk) for pk in form.cleaned_data["people"]}
        count = events.event_invite(actor=user, event=event, people=[p for p in people if p.pk in chosen])
        messages.success(request, _("%(count)d young people are invited.") % {"count": count})
    else:
        messages.error(request, _("Choose the young people to invite."))
    return redirect("events:detail", event_id=event.pk)


@login_required
@require_POST
def event_attendance(request, event_id):
    user = request.user
    event = access.access_event_by_id(user, event_id, action="event.manage")
    try:
        events.event_record_attendance(actor=user, event=event, came_ids=request.POST.getlist("came"))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Attendance is saved; the young people can now wish."))
    return redirect("events:detail", event_id=event.pk)


@login_required
def wishes_enter(request, event_id, person_id):
    """A consultant enters a young person's wishes with them (the same rules as on their own phone)."""
    user = request.user
    event = access.access_event_by_id(user, event_id, action="event.manage")
    invitation = access.access_invitation(user, event, person_id)
    offers = list(event.offers.select_related("company").order_by("company__name", "function"))
    current = {f"wish_{w.rank}": w.offer_id for w in invitation.person.event_wishes.filter(event=event)}
    current["vetoes"] = list(Veto.objects.filter(event=event, person=invitation.person)
                             .values_list("company_id", flat=True))
    current["about_me"] = invitation.about_me
    form = forms.WishForm(request.POST or None, event=event, offers=offers, initial=current)
    if request.method == "POST" and form.is_valid():
        try:
            wishes.wishes_set(event=event, person=invitation.person, offer_ids=form.ranked_offer_ids(),
                              vetoed_company_ids=form.cleaned_data["vetoes"])
            events.invitation_respond(invitation=invitation, response=invitation.response,
                                      about_me=form.cleaned_data["about_me"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The wishes are saved."))
            return redirect("events:detail", event_id=event.pk)
    return render(request, "events/wishes.html", {"form": form, "event": event, "invitation": invitation},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def allocation_run(request, event_id):
    user = request.user
    event = access.access_event_by_id(user, event_id, action="event.allocate")
    if tasks.is_large(event):
        job = tasks.start_allocation(actor=user, event=event)
        return redirect(reverse("events:detail", args=[event.pk]) + f"?job={job.pk}#allocation-heading")
    try:
        allocation.allocation_run(actor=user, event=event)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The engine has proposed placements. Check them before you confirm."))
    return redirect(reverse("events:detail", args=[event.pk]) + "#allocation-heading")


@login_required
@require_POST
def allocation_confirm(request, event_id, run_id):
    user = request.user
    event = access.access_event_by_id(user, event_id, action="event.allocate")
    run = access.access_run(user, event, run_id)
    if not confirmed(request):
        return confirmation_page(
            request, title=_("Confirm the allocation?"), danger=False,
            lines=[_("%(count)d young people get a place; each becomes a draft internship with its first day "
                     "within 14 days of the event.") % {"count": len(run.result["placements"])},
                   _("A confirmed allocation is not changed afterwards; a later change is a new decision.")],
            button=_("Confirm the allocation"), cancel_url=reverse("events:detail", args=[event.pk]))
    try:
        allocation.allocation_confirm(actor=user, run=run)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The allocation is confirmed and the internships are drafted."))
    return redirect(reverse("events:detail", args=[event.pk]) + "#allocation-heading")


@login_required
@require_POST
def table_plan_make(request, event_id):
    user = request.user
    event = access.access_event_by_id(user, event_id, action="event.manage")
    try:
        tableplan.table_plan_make(actor=user, event=event, rounds=_number(request.POST.get("rounds")),
                                  seats=_number(request.POST.get("seats")))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The table plan is made."))
    return redirect(reverse("events:detail", args=[event.pk]) + "#tables-heading")


def _number(value) -> int:
    return int(value) if value and value.isdigit() and len(value) < 4 else 0


@login_required
def table_plan_pdf(request, event_id):
    from django.http import HttpResponse

    from .pdf import table_plan_pdf as render_pdf

    event, tables, slips = access.table_plan_for_print(request.user, event_id)
    if not tables:
        messages.error(request, _("Make the table plan first."))
        return redirect("events:detail", event_id=event.pk)
    from .room import room_url

    response = HttpResponse(render_pdf(event, tables, slips, room_url=room_url(request, event.pk)),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="table-plan-{event.held_on.isoformat()}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def invitation_arrange(request, event_id, person_id):
    user = request.user
    event = access.access_event_by_id(user, event_id, action="event.manage")
    invitation = access.access_invitation(user, event, person_id)
    form = forms.ArrangementForm(request.POST or None, initial={"response": invitation.response,
                                                                "support": invitation.support,
                                                                "buddy_name": invitation.buddy_name})
    if request.method == "POST" and form.is_valid():
        try:
            events.invitation_arrange(actor=user, invitation=invitation, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The answer and the arrangement are saved."))
            return redirect("events:detail", event_id=event.pk)
    return render(request, "events/arrangement.html", {"form": form, "event": event, "invitation": invitation},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def placement_phoned(request, event_id, placement_id):
    user = request.user
    event = access.access_event_by_id(user, event_id, action="event.manage")
    placement = next((p for p in access.confirmed_placements(event) if p.pk == placement_id), None)
    if placement is None:
        messages.error(request, _("No such placement."))
    else:
        try:
            events.placement_phoned(actor=user, placement=placement, on=dt.date.today())
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Recorded: the company has phoned %(name)s.") % {
                "name": placement.person.first_name})
    return redirect(reverse("events:detail", args=[event.pk]) + "#placements-heading")


@login_required
def allocation_move(request, event_id, person_id):
    """Move a young person to another offer, or give them no place, for a recorded reason."""
    user = request.user
    event = access.access_event_by_id(user, event_id, action="event.allocate")
    invitation = access.access_invitation(user, event, person_id, action="event.allocate")
    offers = list(event.offers.select_related("company").order_by("company__name", "function"))
    form = forms.MoveForm(request.POST or None, offers=offers)
    if request.method == "POST" and request.POST.get("undo") == "yes":
        allocation.allocation_unlock(actor=user, event=event, person=invitation.person)
        messages.success(request, _("The move is undone."))
        return redirect(reverse("events:detail", args=[event.pk]) + "#allocation-heading")
    if request.method == "POST" and form.is_valid():
        chosen = next((o for o in offers if o.pk == form.cleaned_data["offer"]), None)
        try:
            lock = allocation.allocation_move(actor=user, event=event, person=invitation.person, offer=chosen,
                                              reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            text = _("The move is recorded. Run the allocation again to place the others around it.")
            if lock.worse_than_proposed:
                text += " " + _("Note: this gives %(name)s a worse wish than the engine proposed.") % {
                    "name": invitation.person.first_name}
            messages.success(request, text)
            return redirect(reverse("events:detail", args=[event.pk]) + "#allocation-heading")
    return render(request, "events/move.html", {"form": form, "event": event, "invitation": invitation,
                                                "wishes": list(invitation.person.event_wishes.filter(event=event)
                                                               .select_related("offer", "offer__company"))},
                  status=400 if form.errors else 200)


@login_required
def event_content(request):
    """The municipality's game rules and conversation cards, edited by the team and printed for the tables."""
    from .models import EventContent

    user = request.user
    access.events_for(user, action="event.manage")
    content = EventContent.objects.filter(municipality_id=user.municipality_id).first()
    form = forms.ContentForm(request.POST or None, initial={
        "game_rules": content.game_rules if content else "",
        "conversation_cards": content.conversation_cards if content else ""})
    if request.method == "POST" and form.is_valid():
        try:
            events.event_content_save(actor=user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The game and the conversation cards are saved."))
            return redirect("events:content")
    return render(request, "events/content.html", {"form": form, "content": content},
                  status=400 if form.errors else 200)


@login_required
def event_content_print(request):
    from .models import EventContent

    access.events_for(request.user)
    content = EventContent.objects.filter(municipality_id=request.user.municipality_id).first()
    return render(request, "events/content_print.html", {"content": content})
