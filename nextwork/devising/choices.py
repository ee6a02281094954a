from django.db import models
from django.utils.translation import gettext_lazy as _


class Principle(models.TextChoices):
    """The three principles an experiment can serve (keys shared with nextwork.fidelity.PRINCIPLES)."""

    WORK_IDENTITY = "work_identity", _("Work identity")
    MANY_TO_MANY = "many_to_many", _("Many to many")
    POWER_SHIFT = "power_shift", _("Power shift")


class ExperimentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    RUNNING = "running", _("Running")
    REVIEWED = "reviewed", _("Reviewed")


class Decision(models.TextChoices):
    NONE = "", _("Not decided")
    KEEP = "keep", _("Keep it")
    ADJUST = "adjust", _("Adjust it")
    DROP = "drop", _("Drop it")


class ProposalStatus(models.TextChoices):
    NEW = "new", _("Waiting for the team")
    TAKEN_UP = "taken_up", _("Taken up by the team")
    ANSWERED = "answered", _("Answered")


class LogFilter(models.TextChoices):
    """The log list's filters."""

    RUNNING = "running", _("Running")
    DUE = "due", _("Due for review")
    REVIEWED = "reviewed", _("Reviewed")
    PROPOSED = "proposed", _("Proposed")
    ALL = "all", _("All")


# The experiment's history: kind -> label (the summary holds dates, field names or the decision's key).
HISTORY_LABELS = {
    "created": _("Started; start and review dates"),
    "taken_up": _("Taken up from a proposal"),
    "started": _("Started; start and review dates"),
    "changed": _("Changed"),
    "discussed": _("Discussed at the devising meeting on"),
    "reviewed": _("Reviewed"),
    "shared": _("Shared with the other municipalities"),
}
