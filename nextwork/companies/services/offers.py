from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require

from .. import codes
from ..choices import InternshipKind
from ..models import Company, Offer
from .companies import check_text
from .history import diff, record_change, snapshot

OFFER_FIELDS = ("function", "tasks", "industry_code", "occupation_code", "kind", "paid_hours_possible",
                "hours_flexibility", "places", "location", "directions", "is_open")
OFFER_LENGTHS = {"function": 200, "tasks": 10_000, "industry_code": 10, "occupation_code": 10, "kind": 20,
                 "hours_flexibility": 200, "location": 200, "directions": 10_000}
MAX_PLACES = 100


def check_offer_details(details: dict) -> dict:
    details = dict(details)
    check_text(details, OFFER_LENGTHS)
    details["function"] = (details.get("function") or "").strip()
    if not details["function"]:
        raise DomainError(_("Describe the function."), field="function")
    occupation = (details.get("occupation_code") or "").strip()
    if codes.occupation(occupation) is None:
        raise DomainError(_("%(code)s is not a DISCO-08 occupation code.") % {"code": occupation or "—"},
                          field="occupation_code")
    details["occupation_code"] = occupation
    industry = (details.get("industry_code") or "").strip().upper()
    if industry and codes.industry(industry) is None:
        raise DomainError(_("%(code)s is not a DB07 industry code.") % {"code": industry}, field="industry_code")
    details["industry_code"] = industry
    if details.get("kind") not in InternshipKind.values:
        raise DomainError(_("Choose the kind of internship."), field="kind")
    places = details.get("places")
    if not isinstance(places, int) or places < 1:
        raise DomainError(_("An offer has at least one place."), field="places")
    if places > MAX_PLACES:
        raise DomainError(_("An offer has at most %(count)d places.") % {"count": MAX_PLACES}, field="places")
    for name in ("tasks", "hours_flexibility", "location", "directions"):
        details[name] = details.get(name) or ""
    details["paid_hours_possible"] = bool(details.get("paid_hours_possible"))
    details["is_open"] = bool(details.get("is_open", True))
    return details


@transaction.atomic
def offer_create(*, actor, company: Company, details: dict) -> Offer:
    require(actor, "company.manage")
    details = check_offer_details(details)
    if not details["industry_code"]:
        details["industry_code"] = company.industry_code
    offer = Offer.objects.create(company=company, **{name: details[name] for name in OFFER_FIELDS})
    audit.record(actor=actor, action="create", object_type="offer", object_id=offer.pk,
                 municipality_id=company.municipality_id, summary=f"{company.name}: {offer.function}")
    return offer


@transaction.atomic
def offer_update(*, actor, offer: Offer, details: dict) -> Offer:
    require(actor, "company.manage")
    details = check_offer_details({**snapshot(offer, OFFER_FIELDS), **details})
    before = snapshot(offer, OFFER_FIELDS)
    for name in OFFER_FIELDS:
        setattr(offer, name, details[name])
    offer.save()
    record_change(actor=actor, instance=offer, object_type="offer", municipality_id=offer.company.municipality_id,
                  changes=diff(before, snapshot(offer, OFFER_FIELDS)))
    return offer
