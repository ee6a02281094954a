"""Fetching companies, offers, meetings and internships. Everything is scoped to the user's municipality
(another municipality's record is a 404); internships carry personal data and their reads are audited."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from nextwork.core import audit
from nextwork.core.permissions import can

from .models import Company, Internship, NetworkMeeting, Offer


def _require(user, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied(action)


def companies_for(user, *, action: str = "company.view"):
    _require(user, action)
    return Company.objects.filter(municipality_id=user.municipality_id)


def access_company_by_id(user, company_id, *, action: str = "company.view") -> Company:
    _require(user, action)
    company = companies_for(user, action=action).filter(pk=company_id).first()
    if company is None:
        raise Http404("No such company.")
    return company


def offers_for(user, *, action: str = "company.view"):
    _require(user, action)
    return Offer.objects.filter(company__municipality_id=user.municipality_id)


def access_offer_by_id(user, offer_id, *, action: str = "company.view") -> Offer:
    offer = offers_for(user, action=action).select_related("company").filter(pk=offer_id).first()
    if offer is None:
        raise Http404("No such offer.")
    return offer


def access_meeting_by_id(user, meeting_id, *, action: str = "company.view") -> NetworkMeeting:
    _require(user, action)
    meeting = NetworkMeeting.objects.filter(pk=meeting_id, municipality_id=user.municipality_id).first()
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


def internships_for(user):
    """Internships name young people, so reading them needs both the company and the person permission."""
    _require(user, "company.view")
    _require(user, "person.view")
    return Internship.objects.filter(municipality_id=user.municipality_id, course__person__merged_into=None)


def access_internship_by_id(user, internship_id, *, action: str = "company.view") -> Internship:
    _require(user, action)
    internship = (
        internships_for(user).select_related("company", "offer", "course", "course__person", "course__consultant")
        .filter(pk=internship_id).first()
    )
    if internship is None:
        raise Http404("No such internship.")
    audit.record(actor=user, action="view" if action == "company.view" else "change", object_type="internship",
                 object_id=internship.pk, municipality_id=internship.municipality_id, summary=action)
    return internship


def audit_internship_list(user, *, summary: str, count: int) -> None:
    audit.record(actor=user, action="list", object_type="internship", municipality_id=user.municipality_id,
                 summary=f"{summary} ({count} shown)")
