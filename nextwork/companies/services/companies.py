import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from stdnum.dk import cvr as stdnum_cvr
from stdnum.exceptions import ValidationError as StdnumError

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require

from .. import codes
from ..choices import ContactKind, Sector, SizeBand
from ..models import Company, Contact, Representative
from .history import diff, record_change, snapshot

COMPANY_FIELDS = ("cvr", "name", "address", "industry_code", "size_band", "sector", "notes")
# The longest text each field takes (the columns' own limits; notes are bounded so a paste stays readable).
COMPANY_LENGTHS = {"cvr": 12, "name": 200, "address": 200, "industry_code": 10, "size_band": 10, "sector": 10,
                   "notes": 10_000}


def check_text(details: dict, lengths: dict[str, int]) -> None:
    """Refuses text no column can hold: NUL characters, or more characters than the field takes."""
    for field, longest in lengths.items():
        value = details.get(field)
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            raise DomainError(_("The text cannot contain NUL characters."), field=field)
        if len(value.strip()) > longest:
            raise DomainError(_("Write at most %(count)d characters.") % {"count": longest}, field=field)


def clean_cvr(value: str) -> str:
    try:
        return stdnum_cvr.validate(value or "")
    except StdnumError as error:
        raise DomainError(
            _("The CVR number must be 8 digits that pass the modulus 11 check."), field="cvr") from error


def check_company_details(details: dict) -> dict:
    """Validates and normalises company details; shared by the form, the API and the import."""
    details = dict(details)
    check_text(details, COMPANY_LENGTHS)
    details["cvr"] = clean_cvr(details.get("cvr", ""))
    details["name"] = (details.get("name") or "").strip()
    if not details["name"]:
        raise DomainError(_("Give the company's name."), field="name")
    code = (details.get("industry_code") or "").strip().upper()
    if codes.industry(code) is None:
        raise DomainError(_("%(code)s is not a DB07 industry code.") % {"code": code or "—"},
                          field="industry_code")
    details["industry_code"] = code
    if details.get("size_band") not in SizeBand.values:
        raise DomainError(_("Choose a size band."), field="size_band")
    if details.get("sector") not in Sector.values:
        raise DomainError(_("Choose private or public."), field="sector")
    details["address"] = (details.get("address") or "").strip()
    details["notes"] = details.get("notes") or ""
    return details


def duplicate_of(*, municipality_id: int, cvr: str, exclude_id: int | None = None) -> Company | None:
    companies = Company.objects.filter(municipality_id=municipality_id, cvr=cvr)
    if exclude_id:
        companies = companies.exclude(pk=exclude_id)
    return companies.first()


def _refuse_duplicate(*, municipality_id: int, cvr: str, exclude_id: int | None = None) -> None:
    existing = duplicate_of(municipality_id=municipality_id, cvr=cvr, exclude_id=exclude_id)
    if existing is not None:
        raise DomainError(
            _("A company with CVR number %(cvr)s is already registered: %(name)s.")
            % {"cvr": cvr, "name": existing.name}, field="cvr")


@transaction.atomic
def company_create(*, actor, details: dict) -> Company:
    require(actor, "company.manage")
    details = check_company_details(details)
    _refuse_duplicate(municipality_id=actor.municipality_id, cvr=details["cvr"])
    company = Company.objects.create(municipality_id=actor.municipality_id,
                                     **{name: details[name] for name in COMPANY_FIELDS})
    audit.record(actor=actor, action="create", object_type="company", object_id=company.pk,
                 municipality_id=company.municipality_id, summary=company.name)
    return company


@transaction.atomic
def company_update(*, actor, company: Company, details: dict) -> Company:
    require(actor, "company.manage")
    details = check_company_details({**snapshot(company, COMPANY_FIELDS), **details})
    _refuse_duplicate(municipality_id=company.municipality_id, cvr=details["cvr"], exclude_id=company.pk)
    before = snapshot(company, COMPANY_FIELDS)
    for name in COMPANY_FIELDS:
        setattr(company, name, details[name])
    company.save()
    record_change(actor=actor, instance=company, object_type="company", municipality_id=company.municipality_id,
                  changes=diff(before, snapshot(company, COMPANY_FIELDS)))
    return company


@transaction.atomic
def representative_add(*, actor, company: Company, name: str, role: str = "", phone: str = "",
                       email: str = "") -> Representative:
    require(actor, "company.manage")
    if not name.strip():
        raise DomainError(_("Give the representative's name."), field="name")
    representative = Representative.objects.create(company=company, name=name.strip(), role=role, phone=phone,
                                                    email=email)
    record_change(actor=actor, instance=company, object_type="company", municipality_id=company.municipality_id,
                  changes={"representative": [None, representative.name]})
    return representative


@transaction.atomic
def contact_add(*, actor, company: Company, kind: str, occurred_on: dt.date, note: str,
                next_follow_up_on: dt.date | None = None, representative: Representative | None = None,
                today: dt.date | None = None) -> Contact:
    require(actor, "company.manage")
    today = today or dt.date.today()
    if kind not in ContactKind.values:
        raise DomainError(_("Choose the kind of contact."), field="kind")
    if occurred_on > today:
        raise DomainError(_("A contact cannot be in the future; plan it as the next follow-up."),
                          field="occurred_on")
    if next_follow_up_on and next_follow_up_on < occurred_on:
        raise DomainError(_("The next follow-up cannot be before the contact."), field="next_follow_up_on")
    if representative is not None and representative.company_id != company.pk:
        raise DomainError(_("Choose one of this company's representatives."), field="representative")
    contact = Contact.objects.create(company=company, kind=kind, occurred_on=occurred_on, note=note,
                                     next_follow_up_on=next_follow_up_on, representative=representative,
                                     author=actor)
    audit.record(actor=actor, action="create", object_type="company_contact", object_id=contact.pk,
                 municipality_id=company.municipality_id, summary=f"{company.name}: {kind}")
    return contact
