from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import CROSS_MUNICIPAL_ROLES, Role


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
        help_text=_("Raises the caseload norm from 15 to 20-22 young people per consultant."),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.target_min_age > self.target_max_age:
            raise ValidationError({"target_min_age": _("The minimum age must not exceed the maximum age.")})


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
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

    def clean(self) -> None:
        super().clean()
        if self.role in CROSS_MUNICIPAL_ROLES and self.municipality_id:
            raise ValidationError({"municipality": _("Cross-municipal roles do not belong to a municipality.")})
        if self.role and self.role not in CROSS_MUNICIPAL_ROLES and not self.municipality_id:
            raise ValidationError({"municipality": _("Municipal roles must belong to a municipality.")})


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a hash is stored; the token is shown once at creation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
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
