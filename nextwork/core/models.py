from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

from .roles import CROSS_MUNICIPAL_ROLES, Role


class Authority(models.TextChoices):
    OUTSIDE_TEAM = "outside_team", _("Outside the NExTWORK team (e.g. the job centre)")
    INSIDE_TEAM = "inside_team", _("Inside the NExTWORK team")


class Municipality(models.Model):
    class Phase(models.TextChoices):
        RESEARCH = "research", _("Research phase (randomised trial)")
        OPERATIONS = "operations", _("Operations phase")

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short name"), unique=True)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.OPERATIONS)
    target_min_age = models.PositiveSmallIntegerField(_("target group minimum age"), default=18)
    target_max_age = models.PositiveSmallIntegerField(_("target group maximum age"), default=29)
    target_requires_neet = models.BooleanField(
        _("target group requires NEET status"),
        default=True,
        help_text=_("Neither in employment, education nor internship."),
    )
    routines_established = models.BooleanField(
        _("routines established"),
        default=False,
        help_text=_("Raises the caseload norm from the start norm to the norm with routines."),
    )
    # The brochure: 15 young people per consultant to start, 20 once routines exist (20-22 in teams of
    # 4-5 consultants).
    caseload_norm_start = models.PositiveSmallIntegerField(
        _("caseload norm at the start"), default=15,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Young people per consultant while routines are being built."))
    caseload_norm_established = models.PositiveSmallIntegerField(
        _("caseload norm with routines"), default=20,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Young people per consultant once routines exist (20-22 in teams of 4-5 consultants)."))
    authority = models.CharField(
        _("where authority sits"), max_length=20, choices=Authority.choices, default=Authority.OUTSIDE_TEAM,
        help_text=_("Benefits, job-readiness decisions and sanctions (myndighed)."))
    agreement_shows_cpr = models.BooleanField(
        _("internship agreements show the CPR number"), default=False,
        help_text=_("Only where the municipality's insurance needs it; otherwise the birth date is printed."))
    attendance_shared_with_caseworkers = models.BooleanField(
        _("network group attendance is shared with caseworkers"), default=False,
        help_text=_("A decision of the municipality. Caseworkers never see 1:1 or psychologist notes."))

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.target_min_age > self.target_max_age:
            raise ValidationError({"target_min_age": _("The minimum age must not exceed the maximum age.")})
        if self.caseload_norm_start > self.caseload_norm_established:
            raise ValidationError({"caseload_norm_start": _(
                "The norm at the start must not exceed the norm with routines.")})

    def caseload_norm(self) -> int:
        return self.caseload_norm_established if self.routines_established else self.caseload_norm_start


class User(AbstractUser):
    """A staff member. `role` is the main role; one person may hold more functions in the same
    municipality (`additional_roles`), and the permission matrix answers for all of them together."""

    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    language = models.CharField(_("language"), max_length=5, blank=True, choices=settings.LANGUAGES,
                                help_text=_("The user's choice; Danish until they choose."))
    additional_roles = models.JSONField(
        _("additional roles"), default=list, blank=True,
        help_text=_("Other functions the same person holds in the municipality, e.g. a consultant who is "
                    "also the team lead."))
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def roles(self) -> frozenset[str]:
        return frozenset([self.role, *self.additional_roles]) - {""}

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))

    def roles_display(self) -> list[str]:
        """The main role first, then the others in the order of the role list."""
        others = [Role(role).label for role in Role.values if role in self.additional_roles and role != self.role]
        return [Role(self.role).label, *others] if self.role else others

    def clean(self) -> None:
        super().clean()
        extra = self.additional_roles
        if not isinstance(extra, list) or any(role not in Role.values for role in extra):
            raise ValidationError({"additional_roles": _("Choose roles from the list.")})
        if extra and (self.role in CROSS_MUNICIPAL_ROLES or set(extra) & CROSS_MUNICIPAL_ROLES):
            raise ValidationError({"additional_roles": _(
                "Only municipal roles can be combined, within one municipality.")})
        if self.role in CROSS_MUNICIPAL_ROLES and self.municipality_id:
            raise ValidationError({"municipality": _("Cross-municipal roles do not belong to a municipality.")})
        if self.role and self.role not in CROSS_MUNICIPAL_ROLES and not self.municipality_id:
            raise ValidationError({"municipality": _("Municipal roles must belong to a municipality.")})


API_TOKEN_VALID_DAYS = 90


def api_token_default_expiry():
    import datetime as dt

    from django.utils import timezone

    return timezone.now() + dt.timedelta(days=API_TOKEN_VALID_DAYS)


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a hash is stored; the token is shown once at creation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=api_token_default_expiry)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEvent(models.Model):
    """Who read or changed which personal data, and when. Rows are never updated or deleted."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        NOTE_READ = "note_read", _("Read psychologist's notes")
        LIST = "list", _("Listed")
        CREATE = "create", _("Created")
        CHANGE = "change", _("Changed")
        MERGE = "merge", _("Merged")
        EXPORT = "export", _("Exported")
        DENIED = "denied", _("Access denied")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("record type"), max_length=50)
    object_id = models.CharField(_("record"), max_length=50, blank=True)
    summary = models.CharField(_("details"), max_length=300, blank=True)
    channel = models.CharField(_("channel"), max_length=10, default="web")

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["municipality", "-at"])]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")


class Job(models.Model):
    """A piece of background work a user started (nextwork/core/jobs.py): its task runs in `manage.py db_worker`
    and reports its progress here; the owner follows it on the page that started it (core/_job_progress.html)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    owner = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="jobs")
    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    kind = models.CharField(_("kind"), max_length=50)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # The uploaded file a job works on, kept in the database so any worker machine can read it; emptied when
    # the job ends.
    upload = models.BinaryField(default=bytes, blank=True, editable=False)
    # A file the job made (an export), encrypted like notes; downloadable by the owner for a day.
    output = models.TextField(blank=True, editable=False)
    output_name = models.CharField(max_length=200, blank=True, editable=False)
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0,
                                                validators=[MinValueValidator(0), MaxValueValidator(100)])
    message = models.CharField(_("message"), max_length=300, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "kind", "-created_at"])]
        constraints = [models.CheckConstraint(condition=models.Q(progress__lte=100), name="job_progress_at_most_100")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class BackupCodeDevice(ThrottlingMixin, Device):
    """One-time backup codes for a lost phone: a django-otp device, so a code logs in like the app does. Only a
    keyed hash of each code is stored; the codes are shown once when made."""

    def get_throttle_factor(self) -> int:
        return 1

    def verify_token(self, token) -> bool:
        from .backup_codes import code_hash

        allowed, _data = self.verify_is_allowed()
        if not allowed:
            return False
        used = self.codes.filter(code_hash=code_hash(str(token)), used_at__isnull=True).update(
            used_at=timezone.now())
        if used:
            self.throttle_reset()
            return True
        self.throttle_increment()
        return False


class BackupCode(models.Model):
    device = models.ForeignKey(BackupCodeDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)
