import datetime as dt

from django.utils import translation
from ninja import Field, FilterSchema, Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from nextwork.core.permissions import require

from . import access, selectors
from .choices import BenefitType, CourseStatus, ReferralSource, Weekday
from .services import intake

router = Router(tags=["young people"])


class Error(Schema):
    detail: str


class CourseOut(Schema):
    id: int
    status: CourseStatus
    referred_on: dt.date
    started_on: dt.date | None
    ended_on: dt.date | None
    consultant_id: int | None
    outside_target_group: bool
    exit_type: str | None = None


class YoungPersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    birth_date: dt.date
    referral_source: ReferralSource
    benefit_type: BenefitType
    phone: str
    email: str
    current_course: CourseOut | None


class YoungPersonDetailOut(YoungPersonOut):
    address: str
    education_history: str
    work_history: str
    interests: str
    dream_trades: str
    available_days: list[str]
    consent_given: bool
    courses: list[CourseOut]


class YoungPersonIn(Schema):
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    cpr: str = Field(description="10 digits, with or without a hyphen")
    referral_source: ReferralSource
    benefit_type: BenefitType
    referred_on: dt.date = Field(default_factory=dt.date.today)
    phone: str = ""
    email: str = ""
    address: str = ""
    in_employment: bool = False
    in_education: bool = False
    in_internship: bool = False
    education_history: str = ""
    work_history: str = ""
    interests: str = ""
    dream_trades: str = ""
    available_days: list[Weekday] = []
    availability_note: str = ""
    consent_given: bool = False
    consent_date: dt.date | None = None
    admission_reason: str = ""
    not_a_duplicate: bool = False


class PeopleFilter(FilterSchema):
    search: str = ""
    status: CourseStatus | None = None
    consultant_id: int | None = None


def _course_out(course) -> dict:
    exit = getattr(course, "exit", None) if course.status == CourseStatus.ENDED else None
    return {
        "id": course.pk, "status": course.status, "referred_on": course.referred_on,
        "started_on": course.started_on, "ended_on": course.ended_on, "consultant_id": course.consultant_id,
        "outside_target_group": course.outside_target_group, "exit_type": exit.exit_type if exit else None,
    }


def _person_out(person, courses) -> dict:
    data = {name: getattr(person, name) for name in (
        "id", "first_name", "last_name", "birth_date", "referral_source", "benefit_type", "phone", "email")}
    data["current_course"] = _course_out(courses[0]) if courses else None
    return data


@router.get("", response={200: list[YoungPersonOut], 401: Error, 403: Error}, summary="List young people")
@paginate(PageNumberPagination, page_size=50)
def list_young_people(request, filters: Query[PeopleFilter]):
    people = selectors.young_people_list(
        access.young_people_for(request.user), search=filters.search, status=filters.status or "",
        consultant_id=filters.consultant_id,
    )
    return _PagedPeople(people, request.user)


class _PagedPeople:
    """Serialises only the requested page and audits that read."""

    def __init__(self, people, user):
        self.people, self.user = people, user

    def __len__(self):
        return self.people.count()

    def count(self):
        return self.people.count()

    def __getitem__(self, window):
        page = list(self.people[window])
        access.audit_list(self.user, summary="api list", count=len(page))
        return [_person_out(person, person.course_list) for person in page]


@router.post("", response={201: YoungPersonDetailOut, 400: Error, 401: Error, 403: Error, 422: Error},
             summary="Register a young person")
def create_young_person(request, payload: YoungPersonIn):
    require(request.user, "person.create")
    details = payload.dict(exclude={"cpr", "referred_on", "admission_reason", "not_a_duplicate"})
    details["available_days"] = [str(day) for day in details["available_days"]]
    with translation.override("en"):
        result = intake.young_person_register(
            actor=request.user, details=details, cpr_number=payload.cpr, referred_on=payload.referred_on,
            admission_reason=payload.admission_reason, not_a_duplicate=payload.not_a_duplicate,
        )
    return Status(201, _person_detail_out(result.person))


@router.get("/{person_id}/", response={200: YoungPersonDetailOut, 401: Error, 403: Error, 404: Error},
            summary="Read a young person with their courses")
def get_young_person(request, person_id: int):
    return _person_detail_out(access.access_young_person_by_id(request.user, person_id))


@router.get("/{person_id}/courses/", response={200: list[CourseOut], 401: Error, 403: Error, 404: Error},
            summary="A young person's courses, newest first")
def get_courses(request, person_id: int):
    person = access.access_young_person_by_id(request.user, person_id)
    return [_course_out(course) for course in person.courses.select_related("exit").order_by("-referred_on", "-id")]


def _person_detail_out(person) -> dict:
    courses = list(person.courses.select_related("exit").order_by("-referred_on", "-id"))
    data = _person_out(person, courses)
    data.update({name: getattr(person, name) for name in (
        "address", "education_history", "work_history", "interests", "dream_trades", "available_days",
        "consent_given")})
    data["courses"] = [_course_out(course) for course in courses]
    return data
