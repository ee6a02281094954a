import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils import translation
from ninja import Field, FilterSchema, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import AfterValidator

from nextwork.core.api import Pages
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require

from . import access, selectors
from .choices import (
    BenefitType,
    ConversationKind,
    CourseStatus,
    ExitType,
    FollowUpOutcome,
    ReferralSource,
    Weekday,
)
from .forms import consultant_choices
from .services import courses as course_services
from .services import intake, notes

router = Router(tags=["young people"])


EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
NOTE_READ = "note.read"


class Error(Schema):
    detail: str


# Bounded input: a string or date out of these bounds is a 422 before any service sees it.
Day = Annotated[dt.date, Field(ge=EARLIEST, le=LATEST, description="YYYY-MM-DD, 2000-01-01 to 2099-12-31")]
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]


def _no_nul(text: str) -> str:
    if "\x00" in text:
        raise ValueError("Text cannot contain NUL characters.")
    return text


ShortText = Annotated[str, Field(max_length=200), AfterValidator(_no_nul)]
LongText = Annotated[str, Field(max_length=10_000), AfterValidator(_no_nul)]
Name = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_no_nul)]


class Refused(Schema):
    detail: str
    field: str | None = None


class Invalid(Schema):
    detail: str
    errors: list[dict]


READ = {401: Error, 403: Error, 404: Error, 422: Invalid}
WRITE = {400: Refused, **READ}


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
    first_name: Name
    last_name: Name
    cpr: Annotated[str, Field(max_length=11, description="10 digits, with or without a hyphen"),
                   AfterValidator(_no_nul)]
    referral_source: ReferralSource
    benefit_type: BenefitType
    referred_on: Day = Field(default_factory=dt.date.today)
    phone: Annotated[str, Field(max_length=30), AfterValidator(_no_nul)] = ""
    email: Annotated[str, Field(max_length=254), AfterValidator(_no_nul)] = ""
    address: ShortText = ""
    in_employment: bool = False
    in_education: bool = False
    in_internship: bool = False
    education_history: LongText = ""
    work_history: LongText = ""
    interests: LongText = ""
    dream_trades: LongText = ""
    available_days: list[Weekday] = Field([], max_length=5)
    availability_note: ShortText = ""
    consent_given: bool = False
    consent_date: Day | None = None
    admission_reason: LongText = ""
    not_a_duplicate: bool = False


class PeopleFilter(FilterSchema):
    search: Annotated[str, Field(max_length=100), AfterValidator(_no_nul)] = ""
    status: CourseStatus | None = None
    consultant_id: Id | None = None


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
@paginate(Pages, page_size=50)
def list_young_people(request, filters: Query[PeopleFilter]):
    people = selectors.young_people_list(
        access.young_people_for(request.user), search=filters.search, status=filters.status or "",
        consultant_id=filters.consultant_id,
    )
    return _AuditedPage(people, request.user, summary="api list",
                        serialise=lambda person: _person_out(person, person.course_list))


class _AuditedPage:
    """Serialises only the requested page of names and audits that list read."""

    def __init__(self, rows, user, *, summary, serialise):
        self.rows, self.user, self.summary, self.serialise = rows, user, summary, serialise

    def __len__(self):
        return self.rows.count()

    def count(self):
        return self.rows.count()

    def __getitem__(self, window):
        page = list(self.rows[window])
        access.audit_list(self.user, summary=self.summary, count=len(page))
        return [self.serialise(row) for row in page]


@router.post("", response={201: YoungPersonDetailOut, 400: Refused, 401: Error, 403: Error, 422: Invalid},
             summary="Register a young person")
def create_young_person(request, payload: YoungPersonIn):
    require(request.user, "person.create")
    details = payload.dict(exclude={"cpr", "referred_on", "admission_reason", "not_a_duplicate"})
    details["available_days"] = [str(day) for day in details["available_days"]]
    with translation.override("en"):
        try:
            result = intake.young_person_register(
                actor=request.user, details=details, cpr_number=payload.cpr, referred_on=payload.referred_on,
                admission_reason=payload.admission_reason, not_a_duplicate=payload.not_a_duplicate,
            )
        except ValidationError as error:  # the model's own checks, e.g. of the e-mail address
            field, messages = next(iter(error.message_dict.items()))
            raise DomainError(messages[0], field=field) from error
    return Status(201, _person_detail_out(result.person))


# Course actions: the same access functions and services as the forms on the young person's page. They are
# registered before `/{person_id}/`, so that `follow-ups` is never read as a young person's id.

class StatusIn(Schema):
    status: CourseStatus = Field(description="referred, active or paused; a course is ended by its exit")
    on: Day


class AssignIn(Schema):
    consultant_id: Id = Field(description="An active staff member of your municipality")


class NoteIn(Schema):
    kind: ConversationKind
    occurred_on: Day = Field(description="Not in the future, not before the referral")
    text: LongText


class NoteOut(Schema):
    id: int
    course_id: int
    kind: ConversationKind
    occurred_on: dt.date
    text: str
    author_id: int
    created_at: dt.datetime


class ExitIn(Schema):
    exit_type: ExitType
    exit_date: Day = Field(description="Not in the future, not before the referral")
    employer_or_school: ShortText = ""
    note: LongText = ""


class FollowUpOut(Schema):
    id: int
    course_id: int
    person_id: int
    first_name: str
    last_name: str
    exit_type: ExitType
    exit_date: dt.date
    months_after: int
    due_on: dt.date
    outcome: FollowUpOutcome | None
    recorded_on: dt.date | None
    note: str


class ExitOut(CourseOut):
    follow_ups: list[FollowUpOut]


class FollowUpIn(Schema):
    outcome: FollowUpOutcome
    on: Day = Field(description="Not before the exit")
    note: LongText = ""


class FollowUpFilter(Schema):
    due_by: Day | None = Field(None, description="Due on or before this date; today when left out")


def _follow_up_out(follow_up) -> dict:
    exit = follow_up.exit
    person = exit.course.person
    return {
        "id": follow_up.pk, "course_id": exit.course_id, "person_id": person.pk, "first_name": person.first_name,
        "last_name": person.last_name, "exit_type": exit.exit_type, "exit_date": exit.exit_date,
        "months_after": follow_up.months_after, "due_on": follow_up.due_on, "outcome": follow_up.outcome or None,
        "recorded_on": follow_up.recorded_on, "note": follow_up.note,
    }


def _in_english(service, **kwargs):
    """Services write their messages in the user's language; API messages are English."""
    with translation.override("en"):
        return service(**kwargs)


@router.get("/courses/{course_id}/notes/", response={200: list[NoteOut], **READ},
            summary="A course's 1:1 conversations, calls and notes, newest first (not the psychologist's)")
@paginate(Pages, page_size=50)
def list_notes(request, course_id: int):
    course = access.access_course_by_id(request.user, course_id, action=NOTE_READ)
    return course.conversations.order_by("-occurred_on", "-id")


@router.post("/courses/{course_id}/notes/", response={201: NoteOut, **WRITE},
             summary="Add a 1:1 conversation, phone call or note to a course")
def add_note(request, course_id: int, payload: NoteIn):
    course = access.access_course_by_id(request.user, course_id, action="note.create")
    note = _in_english(notes.conversation_add, actor=request.user, course=course, **payload.dict())
    return Status(201, note)


@router.post("/courses/{course_id}/status/", response={200: CourseOut, **WRITE},
             summary="Change a course's status (referred, active, paused)")
def change_status(request, course_id: int, payload: StatusIn):
    course = access.access_course_by_id(request.user, course_id, action="course.change_status")
    course = _in_english(course_services.course_change_status, actor=request.user, course=course,
                         status=payload.status, on=payload.on)
    return _course_out(course)


@router.post("/courses/{course_id}/assign/", response={200: CourseOut, **WRITE},
             summary="Make a staff member of your team the responsible consultant")
def assign_consultant(request, course_id: int, payload: AssignIn):
    course = access.access_course_by_id(request.user, course_id, action="course.assign_consultant")
    consultant = consultant_choices(request.user.municipality_id).filter(pk=payload.consultant_id).first()
    if consultant is None:  # the form's drop-down offers only these; any other id is an invalid choice
        raise DomainError("Choose an active consultant from your own team.", field="consultant_id")
    course = _in_english(course_services.course_assign_consultant, actor=request.user, course=course,
                         consultant=consultant)
    return _course_out(course)


@router.post("/courses/{course_id}/exit/", response={201: ExitOut, **WRITE},
             summary="End a course with its exit; plans the follow-ups after 3, 6, 12 and 30 months")
def end_course(request, course_id: int, payload: ExitIn):
    course = access.access_course_by_id(request.user, course_id, action="course.end")
    exit = _in_english(course_services.course_end, actor=request.user, course=course, **payload.dict())
    return Status(201, {**_course_out(course),
                        "follow_ups": [_follow_up_out(follow_up) for follow_up in exit.follow_ups.all()]})


@router.get("/follow-ups/", response={200: list[FollowUpOut], 401: Error, 403: Error, 422: Invalid},
            summary="Your municipality's follow-ups that are due and not yet recorded, oldest first")
@paginate(Pages, page_size=50)
def list_follow_ups(request, filters: Query[FollowUpFilter]):
    due = access.due_follow_ups(request.user, today=filters.due_by or dt.date.today(), mine_only=False)
    return [_follow_up_out(follow_up) for follow_up in due]


@router.post("/follow-ups/{follow_up_id}/", response={200: FollowUpOut, **WRITE},
             summary="Record a follow-up's outcome")
def record_follow_up(request, follow_up_id: int, payload: FollowUpIn):
    follow_up = access.access_follow_up_by_id(request.user, follow_up_id)
    follow_up = _in_english(course_services.follow_up_record, actor=request.user, follow_up=follow_up,
                            **payload.dict())
    return _follow_up_out(follow_up)


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
