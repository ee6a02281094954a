"""Reading match events. The shape of core/access.py: refused roles and other municipalities' ids are
audited as such; lists of young people's names write a list row with the count."""

from nextwork.core.access import not_found, record_list, record_read, require_or_refuse
from nextwork.people.models import YoungPerson

from .models import AllocationRun, Invitation, MatchEvent, Wish


def events_for(user, *, action: str = "event.view"):
    require_or_refuse(user, action, object_type="match_event")
    return MatchEvent.objects.filter(municipality_id=user.municipality_id)


def access_event_by_id(user, event_id, *, action: str = "event.view") -> MatchEvent:
    require_or_refuse(user, action, object_type="match_event", object_id=event_id)
    event = MatchEvent.objects.filter(pk=event_id, municipality_id=user.municipality_id).first()
    if event is None:
        not_found(user, action, object_type="match_event", object_id=event_id)
    return event


def event_page(user, event_id, *, action: str = "event.view") -> dict:
    """The event with its invited young people (names: one list row), their wishes and the runs."""
    event = access_event_by_id(user, event_id, action=action)
    invitations = list(Invitation.objects.filter(event=event).select_related("person")
                       .defer("person__cpr").order_by("person__first_name", "person__last_name", "pk"))
    wishes: dict[int, list[Wish]] = {}
    for wish in Wish.objects.filter(event=event).select_related("offer", "offer__company").order_by("rank"):
        wishes.setdefault(wish.person_id, []).append(wish)
    for invitation in invitations:
        invitation.wish_list = wishes.get(invitation.person_id, [])
    record_read(user, object_type="match_event", object_id=event.pk, municipality_id=event.municipality_id,
                summary=action)
    if invitations:
        record_list(user, object_type="young_person", count=len(invitations),
                    summary=f"match event {event.pk}: invited young people")
    runs = list(AllocationRun.objects.filter(event=event).select_related("created_by", "confirmed_by"))
    offers = list(event.offers.select_related("company").order_by("company__name", "function"))
    return {"event": event, "invitations": invitations, "runs": runs, "offers": offers}


def invitable_people(user, event) -> list[YoungPerson]:
    """Young people with an open course who are not invited yet: a drop-down of names, audited."""
    require_or_refuse(user, "event.manage", object_type="match_event", object_id=event.pk)
    people = list(YoungPerson.objects.filter(municipality_id=user.municipality_id, merged_into=None,
                                             courses__status__in=["referred", "active", "paused"])
                  .exclude(event_invitations__event=event).distinct().defer("cpr")
                  .order_by("first_name", "last_name", "pk"))
    # Young people who got no place at the last allocated event are first in line.
    waiting = without_place_last_time(event.municipality_id)
    for person in people:
        person.first_in_line = person.pk in waiting
    people.sort(key=lambda person: not person.first_in_line)
    if people:
        record_list(user, object_type="young_person", count=len(people),
                    summary=f"match event {event.pk}: young people to invite")
    return people


def access_invitation(user, event, person_id, *, action: str = "event.manage") -> Invitation:
    require_or_refuse(user, action, object_type="young_person", object_id=person_id)
    invitation = (Invitation.objects.select_related("person").filter(event=event, person_id=person_id,
                                                                     person__merged_into=None).first())
    if invitation is None:
        not_found(user, action, object_type="young_person", object_id=person_id)
    record_read(user, object_type="young_person", object_id=invitation.person_id,
                municipality_id=event.municipality_id, summary=f"{action}: match event {event.pk}")
    return invitation


def access_run(user, event, run_id, *, action: str = "event.allocate") -> AllocationRun:
    require_or_refuse(user, action, object_type="allocation_run", object_id=run_id)
    run = AllocationRun.objects.filter(pk=run_id, event=event).first()
    if run is None:
        not_found(user, action, object_type="allocation_run", object_id=run_id)
    return run


def person_events(person) -> list[Invitation]:
    """For the young person's page (the page has already read the person through its access function)."""
    invitations = list(Invitation.objects.filter(person=person).select_related("event").order_by("-event__held_on"))
    wishes: dict[int, list[Wish]] = {}
    for wish in Wish.objects.filter(person=person).select_related("offer", "offer__company").order_by("rank"):
        wishes.setdefault(wish.event_id, []).append(wish)
    for invitation in invitations:
        invitation.wish_list = wishes.get(invitation.event_id, [])
    return invitations


def table_plan_for_print(user, event_id):
    """The table plan with names, to print: an export of the names on it, audited as such."""
    from .tables import sheets

    event = access_event_by_id(user, event_id, action="event.manage")
    people = {i.person_id: i.person for i in Invitation.objects.filter(event=event).select_related("person")
              .defer("person__cpr")}
    companies = {o.company_id: o.company for o in event.offers.select_related("company")}
    tables, slips = sheets(event, people, companies)
    record_read(user, action="export", object_type="match_event", object_id=event.pk,
                municipality_id=event.municipality_id, summary=f"table plan: {len(slips)} young people")
    return event, tables, slips


def without_place_last_time(municipality_id: int, *, since=None) -> set[int]:
    """The young people who wished at the newest allocated event but got no place there."""
    runs = AllocationRun.objects.filter(event__municipality_id=municipality_id, confirmed_at__isnull=False)
    if since is not None:
        runs = runs.filter(event__held_on__gte=since)
    run = runs.order_by("-event__held_on", "-pk").first()
    if run is None:
        return set()
    wished = {int(y["id"]) for y in run.instance.get("youth", []) if y.get("wishes")}
    placed = {int(p["youth"]) for p in run.result.get("placements", [])}
    return wished - placed


def confirmed_placements(event) -> list:
    from .models import Placement

    return list(Placement.objects.filter(run__event=event, run__confirmed_at__isnull=False)
                .select_related("person", "offer", "offer__company", "internship").defer("person__cpr")
                .order_by("person__first_name", "person__last_name"))


def company_events(user, company) -> dict:
    """For the company's page: the match events it came to and, for roles that may see young people, those
    it met at its table and those placed with it (one list row with the count)."""
    from nextwork.core.permissions import can

    from .models import Placement

    events = list(MatchEvent.objects.filter(municipality_id=user.municipality_id, offers__company=company)
                  .distinct().order_by("-held_on")[:20])
    met: dict[int, set[int]] = {}
    for event in events:
        for round_ in (event.table_plan or {}).get("plan", {}).get("rounds", []):
            for seating in round_["tables"]:
                if seating["table"] == f"t{company.pk}":
                    met.setdefault(event.pk, set()).update(int(y[1:]) for y in seating["youth"])
    placements = []
    if can(user, "person.view"):
        placements = list(Placement.objects.filter(offer__company=company, run__confirmed_at__isnull=False)
                          .select_related("person", "run__event").defer("person__cpr")
                          .order_by("-run__event__held_on"))
        people = {p.pk: p for p in YoungPerson.objects.filter(pk__in={pk for ids in met.values() for pk in ids})
                  .defer("cpr")}
        for event in events:
            event.met = sorted((people[pk] for pk in met.get(event.pk, ()) if pk in people),
                               key=lambda person: person.full_name)
        shown = len({p.person_id for p in placements} | {pk for ids in met.values() for pk in ids})
        if shown:
            record_list(user, object_type="young_person", count=shown,
                        summary=f"company {company.pk}: young people met at match events")
    else:
        for event in events:
            event.met = []
    return {"company_events": events, "company_placements": placements}


def people_without_place(user, *, today) -> list[YoungPerson]:
    """A task for the team: who wished at the last allocated event (in the last two months) and got no
    place (names: audited)."""
    import datetime as dt

    require_or_refuse(user, "event.view", object_type="young_person")
    ids = without_place_last_time(user.municipality_id, since=today - dt.timedelta(days=60))
    people = list(YoungPerson.objects.filter(pk__in=ids, merged_into=None).defer("cpr")
                  .order_by("first_name", "last_name")) if ids else []
    if people:
        record_list(user, object_type="young_person", count=len(people),
                    summary="start page: no place at the last match event")
    return people
