from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nextwork.core.models import Municipality
from nextwork.people.models import Course

from . import codes
from .choices import (
    AgreementStatus,
    Attendance,
    ContactKind,
    EventKind,
    Initiative,
    InternshipKind,
    InternshipStatus,
    Outcome,
    Sector,
    SizeBand,
)

USER = settings.AUTH_USER_MODEL


class Company(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="companies")
    cvr = models.CharField(_("CVR number"), max_length=8)
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=200, blank=True)
    industry_code = models.CharField(_("industry (DB07)"), max_length=6)
    size_band = models.CharField(_("size"), max_length=10, choices=SizeBand.choices)
    sector = models.CharField(_("private or public"), max_length=10, choices=Sector.choices)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["municipality", "cvr"], name="one_company_per_cvr")]

    def __str__(self) -> str:
        return self.name

    @property
    def industry_label(self) -> str:
        return codes.industry_label(self.industry_code)


class Representative(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="representatives")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """A call, visit or meeting with the company, with the next follow-up it asked for."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("kind"), max_length=10, choices=ContactKind.choices)
    occurred_on = models.DateField(_("date"))
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    representative = models.ForeignKey(Representative, verbose_name=_("with"), on_delete=models.SET_NULL,
                                       null=True, blank=True, related_name="+")
    note = models.TextField(_("note"))
    next_follow_up_on = models.DateField(_("next follow-up"), null=True, blank=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]


class Offer(models.Model):
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="offers")
    function = models.CharField(_("function"), max_length=200)
    tasks = models.TextField(_("tasks"), blank=True)
    industry_code = models.CharField(_("industry (DB07)"), max_length=6, blank=True)
    occupation_code = models.CharField(_("occupation (DISCO-08)"), max_length=6)
    kind = models.CharField(_("kind"), max_length=20, choices=InternshipKind.choices,
                            default=InternshipKind.TRAINING)
    paid_hours_possible = models.BooleanField(_("paid hours possible"), default=False)
    hours_flexibility = models.CharField(_("hours flexibility"), max_length=200, blank=True)
    places = models.PositiveSmallIntegerField(_("places"), default=1)
    location = models.CharField(_("location"), max_length=200, blank=True)
    directions = models.TextField(_("how to get there"), blank=True)
    is_open = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("internship offer")
        ordering = ["company__name", "function", "pk"]

    def __str__(self) -> str:
        return f"{self.function} ({self.company})"

    @property
    def occupation_label(self) -> str:
        return codes.occupation_label(self.occupation_code)


class NetworkMeeting(models.Model):
    """The companies' own peer meeting in the company network."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class MeetingInvitation(models.Model):
    meeting = models.ForeignKey(NetworkMeeting, on_delete=models.CASCADE, related_name="invitations")
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="meeting_invitations")
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance.choices,
                                  default=Attendance.INVITED)

    class Meta:
        ordering = ["company__name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "company"], name="one_invitation_per_company")]


class Internship(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="internships")
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="internships")
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="internships")
    function = models.CharField(_("function"), max_length=200)
    # The 14-day promise counts from here: the day the young person wished for this internship (at a match
    # event, or with their consultant for a hand-arranged one).
    wished_on = models.DateField(_("wished for on"), null=True, blank=True)
    start_on = models.DateField(_("start"))
    planned_end_on = models.DateField(_("planned end"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1)
    kind = models.CharField(_("kind"), max_length=20, choices=InternshipKind.choices)
    paid_hours = models.BooleanField(_("with paid hours"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=InternshipStatus.choices,
                              default=InternshipStatus.PLANNED)
    agreement_status = models.CharField(_("agreement"), max_length=10, choices=AgreementStatus.choices,
                                        default=AgreementStatus.DRAFTED)
    agreement_signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    insurance_confirmed_on = models.DateField(_("insurance confirmed on"), null=True, blank=True)
    meeting_on = models.DateField(_("three-party meeting"), null=True, blank=True)
    meeting_notes = models.TextField(_("expectations agreed"), blank=True)
    # The young person's own words for the company (from their wishes at a match event): the only text about
    # them the company sees, also at the three-party meeting.
    youth_note = models.TextField(_("what the young person wants the company to know"), blank=True,
                                  max_length=1000)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    interruption_reason = models.TextField(_("reason for the interruption"), blank=True)
    initiative = models.CharField(_("initiative"), max_length=20, choices=Initiative.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("internship")
        ordering = ["-start_on", "-pk"]
        indexes = [models.Index(fields=["municipality", "status"]), models.Index(fields=["company", "start_on"])]
        constraints = [models.CheckConstraint(condition=models.Q(planned_end_on__gte=models.F("start_on")),
                                              name="internship_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.function} ({self.company})"

    @property
    def end_on(self):
        return self.ended_on or self.planned_end_on

    @property
    def days_from_wish_to_start(self) -> int | None:
        return (self.start_on - self.wished_on).days if self.wished_on else None

    @property
    def length_days(self) -> int:
        return (self.end_on - self.start_on).days + 1


class InternshipEvent(models.Model):
    """The internship's own history: every lifecycle step, with the values before and after."""

    internship = models.ForeignKey(Internship, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    occurred_on = models.DateField()
    actor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    summary = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]


class ChangeRecord(models.Model):
    """Edits to companies and offers: field -> [before, after]. Append-only, like the audit log."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    object_type = models.CharField(max_length=20)
    object_id = models.PositiveIntegerField()
    actor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The change history is append-only.")
        super().save(*args, **kwargs)


class RepresentativeLink(models.Model):
    """A company representative's key to their own page (no account). Only a hash of the token is stored,
    like the young people's personal links (nextwork.companies.links)."""

    representative = models.ForeignKey(Representative, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
