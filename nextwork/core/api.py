"""The audit log for team leads, read through the API. Reading the log writes no audit row of its own (a
refused attempt does)."""

import datetime as dt
from typing import Annotated

from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import AfterValidator, model_validator

from .access import require_or_refuse
from .models import AuditEvent
from .selectors import audit_events_filtered

router = Router(tags=["audit log"])

MAX_RANGE_DAYS = 5 * 366
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
# Bounded input shared by the apps' APIs: a value out of these bounds is a 422 before any service sees it.
Day = Annotated[dt.date, Field(ge=EARLIEST, le=LATEST, description="YYYY-MM-DD, 2000-01-01 to 2099-12-31")]
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]


def no_nul(text: str) -> str:
    if "\x00" in text:
        raise ValueError("Text cannot contain NUL characters.")
    return text


def local_time(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise ValueError("Give a local time without a timezone offset, e.g. 10:00.")
    return value


def text(max_length: int, min_length: int = 0):
    """A string of bounded length without NUL characters (PostgreSQL cannot store them)."""
    return Annotated[str, Field(min_length=min_length, max_length=max_length), AfterValidator(no_nul)]


Time = Annotated[dt.time, AfterValidator(local_time), Field(description="HH:MM, local time without an offset")]
Search = text(100)


class Pages(PageNumberPagination):
    """Page numbers bounded so that a huge one is a 422, never a database overflow."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=100)


class Error(Schema):
    detail: str


class Invalid(Schema):
    detail: str
    errors: list[dict]


class AuditFilter(Schema):
    person_id: Id | None = Field(None, description="A young person's id: the reads and changes of their record")
    user_id: Id | None = Field(None, description="The id of the user who acted")
    action: AuditEvent.Action | None = None
    date_from: Day | None = Field(None, alias="from", description="First day, YYYY-MM-DD (Danish time)")
    date_to: Day | None = Field(None, alias="to", description=f"Last day, at most {MAX_RANGE_DAYS} days after from")

    @model_validator(mode="after")
    def a_sensible_range(self):
        if self.date_from and self.date_to:
            if self.date_to < self.date_from:
                raise ValueError("'to' cannot be before 'from'.")
            if (self.date_to - self.date_from).days > MAX_RANGE_DAYS:
                raise ValueError(f"The range can be at most {MAX_RANGE_DAYS} days.")
        return self


class AuditEventOut(Schema):
    id: int
    at: dt.datetime
    actor_id: int
    actor_username: str
    action: AuditEvent.Action
    object_type: str
    object_id: str
    summary: str
    channel: str

    @staticmethod
    def resolve_actor_username(event) -> str:
        return event.actor.username


@router.get("", response={200: list[AuditEventOut], 401: Error, 403: Error, 422: Invalid},
            summary="Your municipality's audit log, newest first (team leads)")
@paginate(Pages, page_size=50)
def list_audit_events(request, filters: Query[AuditFilter]):
    require_or_refuse(request.user, "audit.view", object_type="audit_log")
    return audit_events_filtered(
        municipality_id=request.user.municipality_id, person_id=filters.person_id, actor_id=filters.user_id,
        action=filters.action or "", since=filters.date_from, until=filters.date_to,
    )
