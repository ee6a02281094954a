import datetime as dt
import functools

import holidays
from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError

from ..choices import WEEKDAY_NUMBERS, CheckInMethod, SessionStatus
from ..models import AgendaItem, NetworkGroup, Session

# A plan reaches at most this far past today; one run of the generator never spans more than MAX_SPAN.
MAX_PLAN_AHEAD = relativedelta(months=18)
MAX_SPAN = dt.timedelta(days=4 * 366)
# The dates a group, a session or a plan may have at all.
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2099, 12, 31)


def check_in_window(day: dt.date | None, *, field: str) -> None:
    if day is not None and not EARLIEST <= day <= LATEST:
        raise DomainError(_("Choose a date between 2000 and 2099."), field=field)


@functools.lru_cache(maxsize=16)
def _holidays_for(years: tuple[int, ...]):
    return holidays.Denmark(years=list(years))


def danish_holidays(years):
    """Danish public holidays; cached because building the calendar is slow (tens of milliseconds)."""
    return _holidays_for(tuple(years))


def schedule_dates(*, group: NetworkGroup, start: dt.date, until: dt.date) -> list[dt.date]:
    """The group's weekly meeting dates from start to until (both included), without public holidays."""
    end = min(until, group.active_until) if group.active_until else until
    start = max(start, group.active_from)
    if end < start:
        return []
    closed = danish_holidays(range(start.year, end.year + 1))
    day = start + dt.timedelta(days=(WEEKDAY_NUMBERS[group.weekday] - start.weekday()) % 7)
    dates = []
    while day <= end:
        if day not in closed:
            dates.append(day)
        day += dt.timedelta(weeks=1)
    return dates


@transaction.atomic
def sessions_generate(*, group: NetworkGroup, until: dt.date, start: dt.date | None = None) -> list[Session]:
    """Plans the sessions of the schedule up to `until`. Dates that already have a session (or had one that
    was moved away) are left alone, so running it again is harmless."""
    first = max(start or group.active_from, group.active_from)
    if until - first > MAX_SPAN:
        raise DomainError(_("Sessions can be planned at most four years at a time."), field="until")
    taken = set()
    for date, moved_from in Session.objects.filter(group=group).values_list("date", "moved_from"):
        taken.add(date)
        if moved_from:
            taken.add(moved_from)
    new = [Session(group=group, date=day, starts_at=group.starts_at)
           for day in schedule_dates(group=group, start=start or group.active_from, until=until) if day not in taken]
    return Session.objects.bulk_create(new)


def sessions_plan(*, group: NetworkGroup, until: dt.date, today: dt.date | None = None) -> list[Session]:
    """Plans the sessions from today up to `until`, which may be at most 18 months ahead."""
    today = today or dt.date.today()
    check_in_window(until, field="until")
    if until > today + MAX_PLAN_AHEAD:
        raise DomainError(_("Sessions can be planned at most 18 months ahead."), field="until")
    return sessions_generate(group=group, until=until, start=today)


def _check_changeable(session: Session) -> None:
    if session.status == SessionStatus.HELD:
        raise DomainError(_("The session has been held and cannot be moved or cancelled."), field="date")


@transaction.atomic
def session_move(*, actor, session: Session, date: dt.date, starts_at: dt.time | None = None) -> Session:
    _check_changeable(session)
    check_in_window(date, field="date")
    if starts_at is not None and starts_at.tzinfo is not None:
        raise DomainError(_("Give the time without a timezone."), field="starts_at")
    if date in danish_holidays([date.year]):
        raise DomainError(_("That day is a public holiday."), field="date")
    if Session.objects.filter(group_id=session.group_id, date=date).exclude(pk=session.pk).exists():
        raise DomainError(_("The group already meets on that day."), field="date")
    if session.moved_from is None and date != session.date:
        session.moved_from = session.date
    session.date = date
    session.starts_at = starts_at or session.starts_at
    session.status = SessionStatus.PLANNED
    session.save(update_fields=["date", "starts_at", "moved_from", "status"])
    audit.record(actor=actor, action="change", object_type="group_session", object_id=session.pk,
                 municipality_id=actor.municipality_id, summary=f"moved to {date.isoformat()}")
    return session


@transaction.atomic
def session_cancel(*, actor, session: Session) -> Session:
    _check_changeable(session)
    if session.attendance.exists():
        raise DomainError(_("Attendance has been recorded for this session; it cannot be cancelled."),
                          field="date")
    session.status = SessionStatus.CANCELLED
    session.save(update_fields=["status"])
    audit.record(actor=actor, action="change", object_type="group_session", object_id=session.pk,
                 municipality_id=actor.municipality_id, summary="cancelled")
    return session


@transaction.atomic
def session_restore(*, actor, session: Session) -> Session:
    """Undoes a cancellation: the session is planned again on its date."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.status != SessionStatus.CANCELLED:
        raise DomainError(_("The session is not cancelled."), field="date")
    if Session.objects.filter(group_id=session.group_id, date=session.date).exclude(
            pk=session.pk).exclude(status=SessionStatus.CANCELLED).exists():
        raise DomainError(_("The group already meets on that day."), field="date")
    session.status = SessionStatus.PLANNED
    session.save(update_fields=["status"])
    audit.record_change(actor=actor, object_type="group_session", object_id=session.pk,
                        municipality_id=actor.municipality_id,
                        changes={"status": (SessionStatus.CANCELLED, SessionStatus.PLANNED)})
    return session


@transaction.atomic
def session_record(*, actor, session: Session, check_in_method: str, notes: str,
                   today: dt.date | None = None) -> Session:
    """Saves how the session went: the check-in method and short notes. It then counts as held."""
    today = today or dt.date.today()
    if session.status == SessionStatus.CANCELLED:
        raise DomainError(_("The session is cancelled."), field="check_in_method")
    if session.date > today:
        raise DomainError(_("A session can only be recorded on or after its date."), field="check_in_method")
    if check_in_method and check_in_method not in CheckInMethod.values:
        raise DomainError(_("Choose a check-in method from the list."), field="check_in_method")
    session.check_in_method = check_in_method
    session.notes = notes.strip()
    session.status = SessionStatus.HELD
    session.save(update_fields=["check_in_method", "notes", "status"])
    # Open topics proposed up to the session's date belonged to it: they leave the open list.
    AgendaItem.objects.filter(group_id=session.group_id, session__isnull=True,
                              created_at__date__lte=session.date).update(session=session)
    return session
