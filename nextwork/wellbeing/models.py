"""Check-ins (WHO-5, loneliness, work identity), the young person's own goals, and concern flags that the
team follows until they are closed. Goal texts and concern notes are encrypted at rest."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from nextwork.core.fields import EncryptedTextField
from nextwork.core.models import Municipality
from nextwork.people.models import YoungPerson

USER = settings.AUTH_USER_MODEL


class CheckInBy(models.TextChoices):
    SELF = "self", _("The young person, on their own page")
    CONSULTANT = "consultant", _("With a consultant")


class CheckInFlag(models.TextChoices):
    NONE = "", _("No flag")
    TALK = "talk", _("Talk to them")
    PSYCHOLOGIST = "psychologist", _("The psychologist is told")


class CheckIn(models.Model):
    """One check-in: the answers as given and the scores computed from them (scales.py)."""

    person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="wellbeing_checkins")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    taken_on = models.DateField(_("date"))
    by = models.CharField(_("answered"), max_length=12, choices=CheckInBy.choices)
    recorded_by = models.ForeignKey(USER, verbose_name=_("consultant"), on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="+")
    who5_answers = models.JSONField(default=list)  # five answers 0-5, in the items' order
    loneliness_answers = models.JSONField(default=list)  # three answers 1-3
    work_identity_answers = models.JSONField(default=list)  # four answers 1-5
    who5_raw = models.PositiveSmallIntegerField(validators=[MaxValueValidator(25)])
    who5_percent = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    loneliness_score = models.PositiveSmallIntegerField(validators=[MinValueValidator(3), MaxValueValidator(9)])
    severe_loneliness = models.BooleanField(default=False)
    work_identity_mean = models.FloatField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    flag = models.CharField(_("flag"), max_length=12, choices=CheckInFlag.choices, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("check-in")
        ordering = ["-taken_on", "-pk"]
        indexes = [models.Index(fields=["municipality", "taken_on"]), models.Index(fields=["person", "taken_on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(who5_percent=models.F("who5_raw") * 4),
                                   name="checkin_who5_percent_is_raw_times_4"),
        ]


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("Working on it")
    REACHED = "reached", _("Reached")
    DROPPED = "dropped", _("Put aside")


class Goal(models.Model):
    """A goal in the young person's own words, e.g. "to turn up on time"."""

    person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="wellbeing_goals")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField(_("goal"))
    status = models.CharField(_("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.ACTIVE)
    set_on = models.DateField(_("set on"))
    # None: the young person wrote it on their own page.
    written_with = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("goal")
        ordering = ["status", "-set_on", "-pk"]


class GoalProgress(models.Model):
    """How far the young person is with a goal, marked by them (or with a consultant) on a day."""

    class Level(models.IntegerChoices):
        NOT_YET = 0, _("Not started yet")
        A_LITTLE = 1, _("A little of the way")
        HALFWAY = 2, _("Halfway")
        NEARLY = 3, _("Nearly there")
        REACHED = 4, _("Reached it")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="progress")
    marked_on = models.DateField(_("date"))
    level = models.PositiveSmallIntegerField(_("how far"), choices=Level.choices)
    marked_with = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["marked_on", "pk"]


class ConcernKind(models.TextChoices):
    HOMELESSNESS = "homelessness", _("Homelessness")
    CRISIS = "crisis", _("A crisis")
    SUICIDE = "suicide", _("Thoughts of suicide")
    OTHER = "other", _("Other")


class ConcernFlag(models.Model):
    """A worry about a young person's safety that reaches the psychologist and the team lead at once, and is
    followed until someone closes it with a note."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="concern_flags")
    kind = models.CharField(_("kind"), max_length=15, choices=ConcernKind.choices)
    note = EncryptedTextField(_("what happened"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    raised_by = models.ForeignKey(USER, verbose_name=_("raised by"), on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(_("raised"), auto_now_add=True)
    closed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("concern")
        ordering = ["-raised_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "status"])]


class ConcernAction(models.Model):
    """What was done about a concern: who, when, and a note (encrypted). Closing is an action with a note."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Action or note")
        CLOSED = "closed", _("Closed")

    flag = models.ForeignKey(ConcernFlag, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NOTE)
    text = EncryptedTextField(_("note"))
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class ConcernProcedure(models.Model):
    """The municipality's own procedure for concerns, with the crisis numbers staff should have at hand."""

    municipality = models.OneToOneField(Municipality, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("procedure"), max_length=5000,
                            help_text=_("What staff do when they are worried about a young person's safety."))
    crisis_numbers = models.TextField(_("crisis numbers"), max_length=2000,
                                      help_text=_("One a line, e.g. \"Livslinien: 70 201 201\"."))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    def numbers(self) -> list[str]:
        return [line.strip() for line in self.crisis_numbers.splitlines() if line.strip()]
