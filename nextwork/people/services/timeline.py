import datetime as dt

from nextwork.core.i18n import working_language

from ..models import Course, TimelineEntry
from ..timeline_text import render_message


def timeline_add(*, course: Course, kind: str, actor, message: str, params: dict | None = None,
                 on: dt.date | None = None) -> TimelineEntry:
    """`message` is an English source text marked with gettext_noop; it is shown in each reader's language."""
    params = params or {}
    with working_language():
        summary = render_message(message, params)
    return TimelineEntry.objects.create(
        course=course, kind=kind, actor=actor, summary=summary[:300], message=message, params=params,
        occurred_on=on or dt.date.today(),
    )
