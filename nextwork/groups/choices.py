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


class TookPart(models.TextChoices):
    """Whether the young people took part, not only turned up (the facilitators' judgement after a session)."""

    MOST = "most", _("Most took part")
    SOME = "some", _("Some took part")
    FEW = "few", _("Few took part")


class Sign(models.TextChoices):
    """What the facilitators saw in a session. Words from the evaluation's field notes and interviews."""

    TOOK_OVER = "took_over", _("The young people took over")
    PEER_ADVICE = "peer_advice", _("They gave each other advice")
    WORK_TALK = "work_talk", _("Real talk about work and dilemmas")
    SHOWED_THE_WAY = "showed_the_way", _("Someone's step showed the others it can be done")
    OWN_AGENDA = "own_agenda", _("Their own topic on the agenda")
    PITY_PARTY = "pity_party", _("Pity-party drift")
    COFFEE_CLUB = "coffee_club", _("Coffee club")
    SAME_STORY = "same_story", _("The same internship story again")
    LOW_ENERGY = "low_energy", _("Low energy")
    PHONES = "phones", _("Phones and headphones out")


DRIFT_SIGNS = (Sign.PITY_PARTY, Sign.COFFEE_CLUB, Sign.SAME_STORY, Sign.LOW_ENERGY, Sign.PHONES)
