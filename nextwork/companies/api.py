"""The JSON API for companies, offers, meetings and internships, with the same permissions as the pages."""

import datetime as dt
from decimal import Decimal

from django.utils import translation
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from nextwork.core.access import require_or_refuse
from nextwork.core.api import Day, Id, Pages, Search, text
from nextwork.core.errors import DomainError

from . import access, actions, figures, selectors
from .choices import InternshipKind, InternshipStatus, Sector, SizeBand
from .services import companies, offers
from .services import internships as internship_services

router = Router(tags=["companies and internships"])


class Error(Schema):
    detail: str


class CompanyOut(Schema):
    id: int
    cvr: str
    name: str
    address: str
    industry_code: str
    industry_label: str
    size_band: str
    sector: str
    notes: str


Code = text(10)
LongText = text(10_000)
Hours = Field(gt=0, le=60, max_digits=3, decimal_places=1)


class CompanyIn(Schema):
    cvr: text(12)
    name: text(200, min_length=1)
    address: text(200) = ""
    industry_code: Code
    size_band: SizeBand
    sector: Sector
    notes: LongText = ""


class CompanyPatch(Schema):
    cvr: text(12) | None = None
    name: text(200, min_length=1) | None = None
    address: text(200) | None = None
    industry_code: Code | None = None
    size_band: SizeBand | None = None
    sector: Sector | None = None
    notes: LongText | None = None


class FiguresOut(Schema):
    hosted: int
    unpaid: int
    average_days: int | None
    conversions: int
    replacements: int
    flagged: bool


class OfferOut(Schema):
    id: int
    company_id: int
    function: str
    tasks: str
    industry_code: str
    occupation_code: str
    occupation_label: str
    kind: str
    paid_hours_possible: bool
    hours_flexibility: str
    places: int
    location: str
    directions: str
    is_open: bool


class OfferIn(Schema):
    company_id: Id
    function: text(200, min_length=1)
    tasks: LongText = ""
    industry_code: Code = ""
    occupation_code: Code
    kind: InternshipKind = InternshipKind.TRAINING
    paid_hours_possible: bool = False
    hours_flexibility: text(200) = ""
    places: int = Field(1, ge=1, le=offers.MAX_PLACES)
    location: text(200) = ""
    directions: LongText = ""
    is_open: bool = True


class InternshipOut(Schema):
    id: int
    course_id: int
    person_id: int
    company_id: int
    offer_id: int | None
    function: str
    wished_on: dt.date | None
    start_on: dt.date
    planned_end_on: dt.date
    ended_on: dt.date | None
    hours_per_week: Decimal
    kind: str
    paid_hours: bool
    status: str
    agreement_status: str
    agreement_signed_on: dt.date | None
    insurance_confirmed_on: dt.date | None
    meeting_on: dt.date | None
    outcome: str
    interruption_reason: str
    initiative: str

    @staticmethod
    def resolve_person_id(obj) -> int:
        return obj.course.person_id


class InternshipIn(Schema):
    course_id: Id
    company_id: Id
    offer_id: Id | None = None
    function: text(200) = ""
    wished_on: Day | None = Field(None, description="The day the young person wished for it (default today); "
                                                    "the 14-day promise counts from here")
    start_on: Day
    planned_end_on: Day
    hours_per_week: Decimal = Hours
    kind: InternshipKind = InternshipKind.TRAINING
    paid_hours: bool = False
    override_reason: text(2000) = ""


class ActionIn(Schema):
    """The fields of every lifecycle step; each step reads the ones it needs (see its form)."""

    on: Day | None = None
    status: text(30) | None = None
    notes: LongText | None = None
    function: text(200) | None = None
    hours_per_week: Decimal | None = Field(None, gt=0, le=60, max_digits=3, decimal_places=1)
    reason: text(2000) | None = None
    initiative: text(30) | None = None
    planned_end_on: Day | None = None
    to: text(30) | None = None
    override_reason: text(2000) | None = None


def _company_out(company) -> dict:
    data = {name: getattr(company, name) for name in ("id", "cvr", "name", "address", "industry_code",
                                                       "size_band", "sector", "notes")}
    data["industry_label"] = company.industry_label
    return data


@router.get("/companies/", response={200: list[CompanyOut], 401: Error, 403: Error, 422: Error},
            summary="List companies")
@paginate(Pages, page_size=50)
def list_companies(request, search: Search = ""):
    return selectors.company_list(access.companies_for(request.user), search=search)


@router.post("/companies/", response={201: CompanyOut, 400: Error, 401: Error, 403: Error, 422: Error},
             summary="Register a company (CVR validated, duplicates refused)")
def create_company(request, payload: CompanyIn):
    with translation.override("en"):
        company = companies.company_create(actor=request.user, details=payload.dict())
    return Status(201, _company_out(company))


@router.get("/companies/{company_id}/", response={200: CompanyOut, 401: Error, 403: Error, 404: Error},
            summary="Read a company")
def get_company(request, company_id: Id):
    return _company_out(access.access_company_by_id(request.user, company_id))


@router.patch("/companies/{company_id}/", response={200: CompanyOut, 400: Error, 401: Error, 403: Error,
                                                    404: Error, 422: Error},
              summary="Change a company's details (the old values are kept)")
def update_company(request, company_id: Id, payload: CompanyPatch):
    company = access.access_company_by_id(request.user, company_id, action="company.manage")
    with translation.override("en"):
        company = companies.company_update(actor=request.user, company=company,
                                           details=payload.dict(exclude_none=True))
    return _company_out(company)


@router.get("/companies/{company_id}/figures/", response={200: FiguresOut, 401: Error, 403: Error, 404: Error},
            summary="The free-labour warning figures: a reason for a conversation, never a verdict")
def get_company_figures(request, company_id: Id):
    company = access.access_company_by_id(request.user, company_id)
    found = figures.company_figures([company.pk], today=dt.date.today()).get(company.pk, figures.CompanyFigures())
    return {"hosted": found.hosted, "unpaid": found.unpaid, "average_days": found.average_days,
            "conversions": found.conversions, "replacements": found.replacements, "flagged": found.flagged}


@router.get("/offers/", response={200: list[OfferOut], 401: Error, 403: Error, 422: Error}, summary="List offers")
@paginate(Pages, page_size=50)
def list_offers(request, open_only: bool = True, occupation: Code = ""):
    return selectors.offer_list(access.offers_for(request.user), open_only=open_only, occupation=occupation)


@router.post("/offers/", response={201: OfferOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
             summary="Create an internship offer")
def create_offer(request, payload: OfferIn):
    company = access.access_company_by_id(request.user, payload.company_id, action="company.manage")
    with translation.override("en"):
        offer = offers.offer_create(actor=request.user, company=company,
                                    details=payload.dict(exclude={"company_id"}))
    return Status(201, offer)


class AuditedPages(Pages):
    """Page-number pages of internships; the page is evaluated here, so its names are audited here."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        result = super().paginate_queryset(queryset, pagination, request, **params)
        result[self.items_attribute] = items = list(result[self.items_attribute])
        access.record_internship_list(request.user, summary="API internship list", count=len(items))
        return result


@router.get("/internships/", response={200: list[InternshipOut], 401: Error, 403: Error, 422: Error},
            summary="List internships")
@paginate(AuditedPages, page_size=50)
def list_internships(request, status: InternshipStatus | None = None):
    return selectors.internship_list(access.internships_for(request.user), status=status or "")


@router.post("/internships/", response={201: InternshipOut, 400: Error, 401: Error, 403: Error, 404: Error,
                                        422: Error},
             summary="Create an internship (drafts its agreement); the rules apply, a team lead can override")
def create_internship(request, payload: InternshipIn):
    require_or_refuse(request.user, "internship.manage", object_type="internship")
    course = access.access_course_by_id(request.user, payload.course_id)
    company = access.access_company_by_id(request.user, payload.company_id, action="internship.manage")
    offer = access.access_offer_by_id(request.user, payload.offer_id) if payload.offer_id else None
    with translation.override("en"):
        internship = internship_services.internship_create(
            actor=request.user, course=course, company=company, offer=offer,
            **payload.dict(exclude={"course_id", "company_id", "offer_id"}))
    return Status(201, internship)


@router.get("/internships/{internship_id}/", response={200: InternshipOut, 401: Error, 403: Error, 404: Error},
            summary="Read an internship")
def get_internship(request, internship_id: Id):
    return access.access_internship_by_id(request.user, internship_id)


@router.post("/internships/{internship_id}/{action}/",
             response={200: InternshipOut, 400: Error, 401: Error, 403: Error, 404: Error, 422: Error},
             summary="A lifecycle step: agreement, meeting, start, function, hours, pause, resume, extend, "
                     "interrupt, end or convert; the body holds that step's fields")
def internship_action(request, internship_id: Id, action: text(30), payload: ActionIn):
    from django.http import Http404

    if action not in actions.ACTIONS:
        raise Http404("No such action.")
    internship = access.access_internship_by_id(request.user, internship_id, action="internship.manage")
    spec = actions.ACTIONS[action]
    with translation.override("en"):
        form = spec.form({f"{action}-{k}": str(v) for k, v in payload.dict(exclude_none=True).items()},
                         prefix=action)
        if not form.is_valid():
            field, errors = next(iter(form.errors.items()))
            raise DomainError(errors[0], field=field)
        spec.apply(request.user, internship, form.cleaned_data)
    return internship
