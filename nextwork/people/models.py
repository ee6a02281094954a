from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nextwork.core.fields import EncryptedTextField
from nextwork.core.models import Municipality

from .choices import (
    BenefitType,
    ConversationKind,
    CourseStatus,
    ExitType,
    FollowUpOutcome,
    ReferralSource,
    TimelineKind,
)


class YoungPerson(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="young_people")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    cpr = EncryptedTextField(_("CPR number"))
    cpr_lookup = models.CharField(max_length=64, editable=False)
    birth_date = models.DateField(_("birth date"))
    # From the CPR number's last digit at registration, so the group mix never needs to decrypt CPR numbers.
    legal_sex = models.CharField(_("legal sex"), max_length=6, editable=False, blank=True,
                                 choices=[("female", _("Female")), ("male", _("Male"))])
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    referral_source = models.CharField(_("referral source"), max_length=30, choices=ReferralSource.choices)
    benefit_type = models.CharField(_("benefit type"), max_length=30, choices=BenefitType.choices)
    in_employment = models.BooleanField(_("in employment"), default=False)
    in_education = models.BooleanField(_("in education"), default=False)
    in_internship = models.BooleanField(_("in an internship"), default=False)
    education_history = models.TextField(_("education history"), blank=True)
    work_history = models.TextField(_("work history"), blank=True)
    interests = models.TextField(_("interests"), blank=True)
    dream_trades = models.TextField(_("trades they dream of"), blank=True)
    available_days = models.JSONField(_("available weekdays"), default=list, blank=True)
    availability_note = models.CharField(_("availability note"), max_length=200, blank=True)
    consent_given = models.BooleanField(_("consent given"), default=False)
    consent_date = models.DateField(_("consent date"), null=True, blank=True)
    # Withdrawal keeps the date consent was given; from then on the young person is left out of research data.
    consent_withdrawn_on = models.DateField(_("consent withdrawn on"), null=True, blank=True)
    # Set when the retention period ran out (manage.py erase_expired): the row stays as an empty shell so
    # other apps' history keeps its foreign key, without a name, CPR number, contact details or notes.
    erased_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_records"
    )

    class Meta:
        verbose_name = _("young person")
        verbose_name_plural = _("young people")
        ordering = ["first_name", "last_name"]
        indexes = [models.Index(fields=["municipality", "birth_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "cpr_lookup"],
                condition=models.Q(merged_into__isnull=True),
                name="one_record_per_cpr_in_municipality",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        digits = "".join(ch for ch in (self.cpr or "") if ch.isdigit()) if "cpr" in self.__dict__ else ""
        if not self.legal_sex and len(digits) == 10:
            self.legal_sex = "male" if int(digits[-1]) % 2 else "female"
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Course(models.Model):
    """A young person's time in the programme (forløb), from referral to exit."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="courses")
    person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="courses")
    status = models.CharField(
        _("status"), max_length=20, choices=CourseStatus.choices, default=CourseStatus.REFERRED
    )
    referred_on = models.DateField(_("referred on"))
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible consultant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
    )
    outside_target_group = models.BooleanField(_("admitted outside the target group"), default=False)
    admission_reason = models.TextField(_("reason for admission"), blank=True)
    admitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True)
    # Set by manage.py erase_expired once the retention period ran out: notes and timeline deleted.
    erased_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-referred_on", "-id"]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            models.Index(fields=["consultant", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status != CourseStatus.ENDED


class TimelineEntry(models.Model):
    """One line in a course's timeline. Psychologist entries never carry the note's content."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="timeline")
    kind = models.CharField(max_length=20, choices=TimelineKind.choices)
    occurred_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    summary = models.CharField(max_length=300)
    message = models.CharField(max_length=300, blank=True)  # English source, rendered in the reader's language
    params = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]

    @property
    def text(self) -> str:
        """The line in the reader's language (older entries: the text as it was written)."""
        if not self.message:
            return self.summary
        from .timeline_text import render_message

        return render_message(self.message, self.params)


class Conversation(models.Model):
    """A 1:1 conversation, phone call or note by a staff member (not the psychologist's notes). The text is
    encrypted and never copied into the timeline."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="conversations")
    kind = models.CharField(_("kind"), max_length=20, choices=ConversationKind.choices)
    occurred_on = models.DateField(_("date"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField(_("note"))  # social details: encrypted at rest like the psychologist's notes
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]


class PsychologistConversation(models.Model):
    """A psychologist's conversation. The note is encrypted and readable by psychologists only."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="psychologist_conversations")
    occurred_on = models.DateField(_("date"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = EncryptedTextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]


class Exit(models.Model):
    course = models.OneToOneField(Course, on_delete=models.PROTECT, related_name="exit")
    exit_type = models.CharField(_("exit"), max_length=30, choices=ExitType.choices)
    exit_date = models.DateField(_("exit date"))
    employer_or_school = models.CharField(_("employer or school"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")


class FollowUp(models.Model):
    """A planned check, months after an exit, of whether the young person stayed in job or education."""

    exit = models.ForeignKey(Exit, on_delete=models.PROTECT, related_name="follow_ups")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    months_after = models.PositiveSmallIntegerField(_("months after exit"))
    due_on = models.DateField(_("due"))
    outcome = models.CharField(_("outcome"), max_length=30, choices=FollowUpOutcome.choices, blank=True)
    recorded_on = models.DateField(_("recorded on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [models.UniqueConstraint(fields=["exit", "months_after"], name="one_follow_up_per_month")]
        indexes = [models.Index(fields=["municipality", "due_on"])]


class ResearchRecord(models.Model):
    """What stays of an erased course in a municipality in the research phase: the pseudonymised row that
    `stats.pseudonymised_courses` gives researchers, frozen at erasure. No link to a person or course."""

    person = models.CharField(max_length=16)  # the pseudonyms the course had in earlier exports
    course = models.CharField(max_length=16, unique=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    birth_year = models.PositiveSmallIntegerField()
    referral_source = models.CharField(max_length=30, choices=ReferralSource.choices)
    benefit_type = models.CharField(max_length=30, choices=BenefitType.choices)
    referred_on = models.DateField()
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=CourseStatus.choices)
    exit_type = models.CharField(max_length=30, choices=ExitType.choices, blank=True)
    stayed_12_months = models.CharField(max_length=3, blank=True)  # "yes", "no" or "" (unknown)
    created_on = models.DateField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
