"""The event's table plan: one table per company, the young people who are coming rotate in rounds. The
pure engine `nextwork.tableplan` places them; the plan is stored on the event to show and print."""

from django.db import transaction
from django.utils.translation import gettext as _

from nextwork import tableplan
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require

from ..choices import Response
from ..models import MatchEvent

MAX_ROUNDS = 12
MAX_SEATS = 12


@transaction.atomic
def table_plan_make(*, actor, event: MatchEvent, rounds: int, seats: int) -> dict:
    """Makes and stores the plan. Young people who said they are not coming are left out; the others sit at
    the companies' tables, never at one they said no to, and never twice at the same company."""
    require(actor, "event.manage")
    if not 1 <= rounds <= MAX_ROUNDS:
        raise DomainError(_("Choose between 1 and %(max)d rounds.") % {"max": MAX_ROUNDS}, field="rounds")
    if not 1 <= seats <= MAX_SEATS:
        raise DomainError(_("Choose between 1 and %(max)d seats a table.") % {"max": MAX_SEATS}, field="seats")
    companies = sorted({offer.company_id for offer in event.offers.all()})
    invitations = list(event.invitations.exclude(response=Response.DECLINED)
                       .values_list("person_id", "requested_companies"))
    people = [person_id for person_id, _requests in invitations]
    requested = {person_id: requests for person_id, requests in invitations}
    if not companies or not people:
        raise DomainError(_("Add the companies' offers and invite young people first."), field="rounds")
    if len(people) > len(companies) * seats:
        raise DomainError(_("There are more young people than seats: add seats or tables."), field="seats")
    vetoes = {}
    for person_id, company_id in event.vetoes.values_list("person_id", "company_id"):
        vetoes.setdefault(person_id, []).append(f"c{company_id}")
    instance = tableplan.Instance(
        tables=tuple(tableplan.Table(f"t{c}", f"c{c}", seats) for c in companies),
        youth=tuple(tableplan.Youth(
            f"y{p}", avoid=tuple(vetoes.get(p, ())),
            requests=tuple(f"c{c}" for c in requested.get(p) or () if c in companies
                           and f"c{c}" not in vetoes.get(p, ())))
            for p in sorted(people)),
        rounds=rounds, seed=event.pk)
    plan = tableplan.solve(instance)
    event.table_plan = {"rounds": rounds, "seats": seats, "plan": plan.to_json()}
    event.save(update_fields=["table_plan"])
    return event.table_plan
