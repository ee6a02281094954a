"""The research phase: a randomised trial across municipalities. Allocations are never deleted: an error is
marked, and the row stays in the sequence and in the intention-to-treat population."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from nextwork.core.fields import EncryptedTextField
from nextwork.core.models import Municipality
from nextwork.people.choices import BenefitType
from nextwork.people.models import YoungPerson

from .choices import Arm, Education, ExclusionReason, Gender, Method, PostExclusionReason, TrialStatus

USER = settings.AUTH_USER_MODEL


def default_arms() -> dict:
    return {Arm.TREATMENT.value: 1, Arm.CONTROL.value: 1}


def default_block_multiples() -> list:
    return [2, 3]


def default_strata_factors() -> list:
    return ["age_band", "benefit_type"]


def new_research_id() -> str:
    return "R" + secrets.token_hex(6).upper()


class Trial(models.Model):
    """Network-level: several municipalities (TrialSite) take part in one trial."""

    name = models.CharField(_("name"), max_length=200)
    registry_record = models.TextField(_("trial registration"), blank=True, max_length=2000,
                                       help_text=_("Where the trial is registered, e.g. a ClinicalTrials.gov number."))
    method = models.CharField(_("method"), max_length=20, choices=Method.choices, default=Method.PERMUTED_BLOCKS)
    arms = models.JSONField(_("arms and ratio"), default=default_arms)
    block_multiples = models.JSONField(_("block sizes (multiples of the ratio)"), default=default_block_multiples)
    strata_factors = models.JSONField(_("stratification factors"), default=default_strata_factors)
    # Further baseline fields the trial defines: [{"key": "...", "label": "...", "kind": "int"|"bool"|"text"}].
    extra_fields = models.JSONField(_("further baseline fields"), default=list, blank=True)
    secret = EncryptedTextField(_("secret (hex)"), blank=True)
    secret_sha256 = models.CharField(_("SHA-256 of the secret"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=TrialStatus.choices, default=TrialStatus.SETUP)
    starts_on = models.DateField(_("recruitment starts"), null=True, blank=True)
    ends_on = models.DateField(_("recruitment ends"), null=True, blank=True)
    locked_at = models.DateTimeField(_("settings locked at"), null=True, blank=True)
    locked_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    secret_revealed = models.BooleanField(_("secret revealed"), default=False)
    recruitment_target_treated = models.PositiveIntegerField(_("target: young people offered NExTWORK"),
                                                             default=1200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("trial")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


class TrialSite(models.Model):
    trial = models.ForeignKey(Trial, on_delete=models.PROTECT, related_name="sites")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    recruitment_target_treated = models.PositiveIntegerField(_("target: young people offered NExTWORK"), default=0)
    joined_on = models.DateField(_("joined on"))

    class Meta:
        ordering = ["municipality__name"]
        constraints = [models.UniqueConstraint(fields=["trial", "municipality"], name="one_site_per_municipality")]


class StratumCounter(models.Model):
    """The next free position in a stratum. Locked (SELECT ... FOR UPDATE) while a slot is taken."""

    trial = models.ForeignKey(Trial, on_delete=models.PROTECT, related_name="+")
    stratum = models.CharField(max_length=200)
    is_test = models.BooleanField(default=False)
    next_position = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["trial", "stratum", "is_test"], name="one_counter_per_stratum")]


class Participant(models.Model):
    trial = models.ForeignKey(Trial, on_delete=models.PROTECT, related_name="participants")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    research_id = models.CharField(_("research ID"), max_length=16, unique=True, default=new_research_id,
                                   editable=False)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    cpr = EncryptedTextField(_("CPR number"))
    cpr_lookup = models.CharField(max_length=64, editable=False)
    birth_date = models.DateField(_("birth date"))
    # Baseline, recorded before allocation.
    eligibility_confirmed = models.BooleanField(_("eligibility confirmed"), default=False)
    informed = models.BooleanField(_("the young person has been informed"), default=False)
    age = models.PositiveSmallIntegerField(_("age"))
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    benefit_type = models.CharField(_("benefit type"), max_length=30, choices=BenefitType.choices)
    months_on_support = models.PositiveSmallIntegerField(
        _("months on public support in the last year"), validators=[MinValueValidator(0), MaxValueValidator(12)])
    highest_education = models.CharField(_("highest education"), max_length=20, choices=Education.choices)
    extra_covariates = models.JSONField(_("further baseline fields"), default=dict, blank=True)
    # Allocation.
    stratum = models.CharField(_("stratum"), max_length=200)
    position = models.PositiveIntegerField(_("position"))
    arm = models.CharField(_("arm"), max_length=10, choices=Arm.choices)
    allocated_at = models.DateTimeField(_("allocated at"))
    entered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    is_test = models.BooleanField(_("test allocation"), default=False)
    batch = models.BooleanField(_("randomised in the launch batch"), default=False)
    # Randomised in error: marked, never deleted.
    in_error = models.BooleanField(_("randomised in error"), default=False)
    in_error_reason = models.TextField(_("reason"), blank=True, max_length=1000)
    in_error_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    in_error_at = models.DateTimeField(null=True, blank=True)
    # CONSORT: after randomisation.
    excluded_after_randomisation_reason = models.CharField(
        _("excluded from the analysis"), max_length=20, choices=PostExclusionReason.choices, blank=True)
    lost_to_follow_up = models.BooleanField(_("lost to follow-up"), default=False)
    # Treatment: the programme record created at allocation.
    person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="trial_participations")

    class Meta:
        verbose_name = _("trial participant")
        ordering = ["allocated_at", "pk"]
        indexes = [models.Index(fields=["trial", "municipality", "is_test"])]
        constraints = [
            models.UniqueConstraint(fields=["trial", "stratum", "position", "is_test"], name="one_participant_per_slot"),
            models.UniqueConstraint(fields=["trial", "cpr_lookup", "is_test"], name="one_allocation_per_cpr"),
        ]

    def __str__(self) -> str:
        return self.research_id

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class ScreeningRecord(models.Model):
    """Young people assessed but not randomised, counted by reason: no personal data (CONSORT)."""

    trial = models.ForeignKey(Trial, on_delete=models.PROTECT, related_name="screenings")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField(_("assessed on"))
    reason = models.CharField(_("reason"), max_length=20, choices=ExclusionReason.choices)
    count = models.PositiveIntegerField(_("number of young people"), default=1,
                                        validators=[MinValueValidator(1), MaxValueValidator(1000)])
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-pk"]


class HandoverMeeting(models.Model):
    """Treatment: the previous caseworker hands over so an existing plan or internship carries across."""

    participant = models.OneToOneField(Participant, on_delete=models.PROTECT, related_name="handover")
    meets_on = models.DateField(_("date"))
    previous_caseworker = models.CharField(_("previous caseworker"), max_length=200)
    consultant = models.ForeignKey(USER, verbose_name=_("NExTWORK consultant"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    carries_across = EncryptedTextField(_("plan or internship that carries across"), blank=True)
    held = models.BooleanField(_("held"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)


class PhaseChange(models.Model):
    """The dated switch between a municipality's research phase and operations."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    phase = models.CharField(_("phase"), max_length=20, choices=Municipality.Phase.choices)
    changed_on = models.DateField(_("from"))
    changed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-pk"]
