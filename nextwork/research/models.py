"""The trial's evaluation: the pre-analysis plan (frozen with a timestamp and a SHA-256 before any outcome data
arrives), the register extracts imported for the trial's participants, and the reports computed from them by
the evaluation engine. Register rows belong to a participant, and so to the participant's municipality."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nextwork.core.models import Job
from nextwork.trial.models import Participant, Trial

USER = settings.AUTH_USER_MODEL

# The engine's status codes, stored as their index: a weekly panel of 20,000 people x 260 weeks is 5.2 million
# rows, and a small integer keeps the table and its COPY lean.
STATUS_CODES = ("public_support", "internship", "employment", "education", "other")


class AnalysisPlan(models.Model):
    """The pre-analysis plan of a trial. Editable until frozen; frozen, it never changes, and its canonical
    JSON (kept verbatim) hashes to `sha256`."""

    trial = models.OneToOneField(Trial, on_delete=models.PROTECT, related_name="analysis_plan")
    outcomes = models.JSONField(_("outcomes"), default=list)
    horizon_weeks = models.PositiveSmallIntegerField(_("horizon (weeks after randomisation)"), default=130)
    covariates = models.JSONField(_("baseline covariates"), default=list, blank=True)
    subgroups = models.JSONField(_("subgroups"), default=list, blank=True)
    ri_draws = models.PositiveIntegerField(_("randomisation-inference draws"), default=10_000)
    seed = models.PositiveIntegerField(_("seed of the draws"), default=1)
    text = models.TextField(_("the plan in words"), blank=True, max_length=20_000)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True)
    frozen_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    canonical = models.TextField(_("canonical JSON"), blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("pre-analysis plan")

    def __str__(self) -> str:
        return f"{self.trial} plan"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class RegisterImport(models.Model):
    class Kind(models.TextChoices):
        PANEL = "panel", _("Weekly register panel")
        EVENTS = "events", _("Register events")

    trial = models.ForeignKey(Trial, on_delete=models.PROTECT, related_name="register_imports")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file_name = models.CharField(_("file"), max_length=200)
    file_format = models.CharField(_("format"), max_length=10)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    rows = models.PositiveIntegerField(_("rows"))
    people = models.PositiveIntegerField(_("people"), default=0)
    imported_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("register import")
        ordering = ["-imported_at", "-pk"]


class RegisterWeek(models.Model):
    """One person-week of the register panel, counted from randomisation (week 1 is the first).

    No database foreign-key constraints here: PostgreSQL checks them row by row at commit, which doubled the
    import of 5 million rows. The import checks every participant itself, participants are never deleted
    (PROTECT), and an import's rows are deleted with it by the service."""

    register_import = models.ForeignKey(RegisterImport, on_delete=models.CASCADE, related_name="weeks",
                                        db_constraint=False)
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="register_weeks",
                                    db_constraint=False)
    week = models.PositiveSmallIntegerField()
    status = models.PositiveSmallIntegerField(choices=list(enumerate(STATUS_CODES)))
    earnings = models.IntegerField(null=True, blank=True)  # DKK earned that week, when the extract has it

    class Meta:
        constraints = [models.UniqueConstraint(fields=["participant", "week"], name="one_register_row_per_week")]


class RegisterEvent(models.Model):
    """A dated register event (e.g. a charge or a conviction), in weeks from randomisation."""

    register_import = models.ForeignKey(RegisterImport, on_delete=models.CASCADE, related_name="events")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="register_events")
    week = models.PositiveSmallIntegerField()
    event = models.CharField(max_length=30)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["participant", "week", "event"],
                                               name="one_register_event_per_week")]


class ReportRun(models.Model):
    """A computed report, kept so the page is fast: the engine's JSON result with what it was run on."""

    trial = models.ForeignKey(Trial, on_delete=models.PROTECT, related_name="report_runs")
    spec = models.JSONField(default=dict)
    plan_sha256 = models.CharField(max_length=64, blank=True)
    result = models.JSONField(default=dict)
    deviations = models.JSONField(default=list)
    data = models.JSONField(default=dict)  # rows, people and imports the report was computed on
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    seconds = models.FloatField(default=0)

    class Meta:
        verbose_name = _("trial report")
        ordering = ["-created_at", "-pk"]
