from django.db import models
from django.utils.translation import gettext_lazy as _

from nextwork.people.choices import Weekday  # noqa: F401  (re-exported: groups meet on the same weekdays)

WEEKDAY_NUMBERS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4}


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    ABSENT = "absent", _("Absent")
    ABSENT_WITH_NOTICE = "absent_notice", _("Absent with notice")


ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class CheckInMethod(models.TextChoices):
    PICTURE_CARDS = "picture_cards", _("Picture cards")
    CONVERSATION_CARDS = "conversation_cards", _("Conversation cards")
    FILT = "filt", _("FILT")
    GAME = "game", _("Game")
    OTHER = "other", _("Other")


class LeaveReason(models.TextChoices):
    MOVED = "moved", _("Moved to another group")
    COURSE_ENDED = "course_ended", _("The course ended")
    OWN_WISH = "own_wish", _("Own wish")
    OTHER = "other", _("Other")
