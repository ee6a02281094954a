import datetime as dt

from ..models import Course, TimelineEntry


def timeline_add(*, course: Course, kind: str, actor, summary: str, on: dt.date | None = None) -> TimelineEntry:
    return TimelineEntry.objects.create(
        course=course, kind=kind, actor=actor, summary=summary[:300], occurred_on=on or dt.date.today()
    )
