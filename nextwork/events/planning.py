"""Whom to invite: the trades the young people wish for and no company offers, with companies from the
register that have offered places in those trades before and are not at the event yet."""

from dataclasses import dataclass

from nextwork.companies import access as company_access
from nextwork.companies.models import Offer

SHORTAGES_SHOWN = 5


@dataclass(frozen=True)
class Shortage:
    name: str
    wishes: int
    open_places: int
    suggested: list[str]


def shortages(user, event) -> list[Shortage]:
    rows, _unmapped = company_access.wishes_page(user)
    short = [row for row in rows if row.gap > 0][:SHORTAGES_SHOWN]
    if not short:
        return []
    at_event = set(event.offers.values_list("company_id", flat=True))
    known: dict[str, set[str]] = {}
    for code, company_id, name in (Offer.objects.filter(company__municipality_id=event.municipality_id)
                                   .values_list("occupation_code", "company_id", "company__name")):
        if company_id not in at_event:
            known.setdefault(code[:3], set()).add(name)
    return [Shortage(row.name, row.wishes, row.open_places, sorted(known.get(row.group, ()))[:5]) for row in short]
