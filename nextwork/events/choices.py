from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")  # the event took place; wishes are open until the deadline
    ALLOCATED = "allocated", _("Allocation confirmed")


class EventKind(models.TextChoices):
    EVENT = "event", _("Match event")
    BETWEEN = "between", _("A place between events")


class Response(models.TextChoices):
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Coming")
    DECLINED = "declined", _("Not coming")


class HostRole(models.TextChoices):
    NONE = "", _("No hosting task")
    WELCOME = "welcome", _("Welcomes the companies")
    GAME = "game", _("Introduces the game")
    TIME = "time", _("Keeps the time")


class Support(models.TextChoices):
    NONE = "", _("No special arrangement")
    WITH_CONSULTANT = "consultant", _("Comes with a consultant")
    QUIET_TABLE = "quiet_table", _("Sits at a quiet table")
    BUDDY = "buddy", _("Comes with a peer buddy")
    ONE_TO_ONE = "one_to_one", _("Meets companies one to one instead")
