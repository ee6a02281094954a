from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeBand(models.TextChoices):
    MICRO = "1-9", _("1-9 employees")
    SMALL = "10-49", _("10-49 employees")
    MEDIUM = "50-249", _("50-249 employees")
    LARGE = "250+", _("250 or more employees")


class Sector(models.TextChoices):
    PRIVATE = "private", _("Private")
    PUBLIC = "public", _("Public")


class ContactKind(models.TextChoices):
    CALL = "call", _("Phone call")
    VISIT = "visit", _("Visit")
    MEETING = "meeting", _("Meeting")
    EMAIL = "email", _("E-mail")


class InternshipKind(models.TextChoices):
    CLARIFICATION = "clarification", _("Clarification")
    TRAINING = "training", _("Training")
    RECRUITMENT = "recruitment", _("Recruitment")


class AgreementStatus(models.TextChoices):
    DRAFTED = "drafted", _("Drafted")
    SIGNED = "signed", _("Signed")
    INSURED = "insured", _("Signed, insurance in place")


class InternshipStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class Outcome(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    INTERRUPTED = "interrupted", _("Interrupted")
    PAID_HOURS = "paid_hours", _("Converted to paid hours")
    JOB = "job", _("Converted to a job")


CONVERSIONS = frozenset({Outcome.PAID_HOURS, Outcome.JOB})


class Initiative(models.TextChoices):
    YOUNG_PERSON = "young_person", _("The young person")
    COMPANY = "company", _("The company")
    TEAM = "team", _("The NExTWORK team")
    MUTUAL = "mutual", _("Mutual agreement")


class EventKind(models.TextChoices):
    CREATED = "created", _("Created")
    EDITED = "edited", _("Details changed")
    AGREEMENT = "agreement", _("Agreement status changed")
    MEETING = "meeting", _("Three-party meeting")
    STARTED = "started", _("Started")
    FUNCTION = "function", _("Function changed")
    HOURS = "hours", _("Hours changed")
    PAUSED = "paused", _("Paused")
    RESUMED = "resumed", _("Resumed")
    EXTENDED = "extended", _("Extended")
    INTERRUPTED = "interrupted", _("Interrupted")
    ENDED = "ended", _("Ended")
    CONVERTED = "converted", _("Converted")
    OVERRIDE = "override", _("Rule overridden by team lead")


class Attendance(models.TextChoices):
    INVITED = "invited", _("Invited")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Did not attend")
