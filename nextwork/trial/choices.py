from django.db import models
from django.utils.translation import gettext_lazy as _


class Arm(models.TextChoices):
    TREATMENT = "treatment", _("NExTWORK")
    CONTROL = "control", _("Usual services")


class TrialStatus(models.TextChoices):
    SETUP = "setup", _("Being set up")
    TEST = "test", _("Test mode")
    LIVE = "live", _("Live")
    CLOSED = "closed", _("Closed")


class Method(models.TextChoices):
    PERMUTED_BLOCKS = "permuted_blocks", _("Permuted blocks within strata")
    MINIMISATION = "minimisation", _("Minimisation (Pocock-Simon)")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other or not stated")


class Education(models.TextChoices):
    PRIMARY = "primary", _("Primary school (grundskole) or less")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary (gymnasium)")
    VOCATIONAL = "vocational", _("Vocational education")
    HIGHER = "higher", _("Higher education")
    UNKNOWN = "unknown", _("Not known")


class ExclusionReason(models.TextChoices):
    """Why an assessed young person was not randomised (CONSORT: excluded before randomisation)."""

    NOT_ELIGIBLE = "not_eligible", _("Did not meet the inclusion criteria")
    DECLINED = "declined", _("Declined to take part")
    OTHER = "other", _("Other reasons")


class PostExclusionReason(models.TextChoices):
    """Why a randomised participant is left out of the analysis (CONSORT: excluded after randomisation)."""

    WITHDREW_CONSENT = "withdrew_consent", _("Withdrew consent to the use of their data")
    DIED = "died", _("Died")
    EMIGRATED = "emigrated", _("Emigrated before follow-up")
    OTHER = "other", _("Other reasons")


AGE_BANDS = ((18, 24, "18-24"), (25, 29, "25-29"))


def age_band(age: int) -> str:
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return "other"
