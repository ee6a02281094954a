from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralSource(models.TextChoices):
    YOUTH_GUIDANCE = "youth_guidance", _("Youth guidance unit (UngeGuiden)")
    JOBCENTRE = "jobcentre", _("Jobcentre caseworker")
    RANDOMISATION = "randomisation", _("Randomisation (research phase)")
    SELF = "self", _("Own initiative")
    EDUCATION = "education", _("Education institution")
    SOCIAL_SERVICES = "social_services", _("Social services")
    OTHER = "other", _("Other")


class BenefitType(models.TextChoices):
    EDUCATION_BENEFIT = "education_benefit", _("Education benefit (uddannelseshjælp)")
    CASH_BENEFIT = "cash_benefit", _("Cash benefit (kontanthjælp)")
    RESOURCE_COURSE = "resource_course", _("Resource course (ressourceforløb)")
    SICKNESS_BENEFIT = "sickness_benefit", _("Sickness benefit (sygedagpenge)")
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit", _("Unemployment benefit (dagpenge)")
    NONE = "none", _("No public support")
    OTHER = "other", _("Other")


class Weekday(models.TextChoices):
    MONDAY = "mon", _("Monday")
    TUESDAY = "tue", _("Tuesday")
    WEDNESDAY = "wed", _("Wednesday")
    THURSDAY = "thu", _("Thursday")
    FRIDAY = "fri", _("Friday")


def in_week_order(days) -> list[str]:
    """Weekday codes Monday first (sorting the codes themselves would put Friday first)."""
    order = Weekday.values
    return sorted(set(days), key=order.index)


class CourseStatus(models.TextChoices):
    REFERRED = "referred", _("Referred")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class ExitType(models.TextChoices):
    JOB = "job", _("Ordinary job")
    PAID_HOURS = "paid_hours", _("Paid hours")
    FLEX_JOB = "flex_job", _("Flex-job")
    EDUCATION_SU = "education_su", _("Education with SU")
    EDUCATION_NO_SU = "education_no_su", _("Education without SU")
    OTHER_OFFER = "other_offer", _("Another municipal offer")
    CLARIFICATION = "clarification", _("Clarification for flex-job or early pension")
    MOVED = "moved", _("Moved")
    DROPPED_OUT = "dropped_out", _("Dropped out")
    OTHER = "other", _("Other")


# Exits into work or education: their follow-ups ask whether the young person stayed.
JOB_OR_EDUCATION_EXITS = frozenset(
    {ExitType.JOB, ExitType.PAID_HOURS, ExitType.FLEX_JOB, ExitType.EDUCATION_SU, ExitType.EDUCATION_NO_SU}
)
FOLLOW_UP_MONTHS = (3, 6, 12, 30)


class FollowUpOutcome(models.TextChoices):
    STAYED = "stayed", _("Still in the same job or education")
    OTHER_JOB_OR_EDUCATION = "other_job_or_education", _("In another job or education")
    PUBLIC_SUPPORT = "public_support", _("Back on public support")
    UNKNOWN = "unknown", _("Could not be reached")


class ConversationKind(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("1:1 conversation")
    PHONE = "phone", _("Phone call")
    NOTE = "note", _("Note")


class TimelineKind(models.TextChoices):
    INTAKE = "intake", _("Intake")
    STATUS = "status", _("Status changed")
    ASSIGNED = "assigned", _("Consultant assigned")
    CONVERSATION = "conversation", _("Conversation or note")
    PSYCHOLOGIST = "psychologist", _("Psychologist conversation")
    EXIT = "exit", _("Exit")
    FOLLOW_UP = "follow_up", _("Follow-up")
    MERGED = "merged", _("Records merged")
    EDITED = "edited", _("Details changed")
