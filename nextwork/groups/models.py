from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nextwork.core.models import Municipality
from nextwork.people.models import YoungPerson

from .choices import AttendanceStatus, CheckInMethod, LeaveReason, SessionStatus, Sign, TookPart, Weekday


class NetworkGroup(models.Model):
    """A weekly network group of 8-12 young people, facilitated by one or more consultants."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="network_groups")
    name = models.CharField(_("name"), max_length=100)
    weekday = models.CharField(_("weekday"), max_length=3, choices=Weekday.choices)
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("facilitators"), related_name="facilitated_groups"
    )
    target_min = models.PositiveSmallIntegerField(_("minimum target size"), default=8)
    target_max = models.PositiveSmallIntegerField(_("maximum target size"), default=12)
    active_from = models.DateField(_("active from"))
    active_until = models.DateField(_("active until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("network group")
        verbose_name_plural = _("network groups")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="group_name_unique_in_municipality")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A young person's time in one group. Moving or leaving closes the row; history is never deleted."""

    group = models.ForeignKey(NetworkGroup, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="group_memberships")
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    leave_reason = models.CharField(_("reason"), max_length=20, choices=LeaveReason.choices, blank=True)
    share_first_name = models.BooleanField(
        _("share first name with the group"), default=False,
        help_text=_("Other members see this first name on their personal page."),
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["-joined_on", "-pk"]
        indexes = [models.Index(fields=["group", "left_on"]), models.Index(fields=["person", "left_on"])]
        constraints = [
            # One current group per young person, also under simultaneous requests (the service locks the
            # person's row; this is the backstop).
            models.UniqueConstraint(fields=["person"], condition=models.Q(left_on__isnull=True),
                                    name="one_current_group_per_person"),
        ]

    def is_member_on(self, day) -> bool:
        return self.joined_on <= day and (self.left_on is None or day < self.left_on)


class Session(models.Model):
    group = models.ForeignKey(NetworkGroup, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    status = models.CharField(_("status"), max_length=10, choices=SessionStatus.choices,
                              default=SessionStatus.PLANNED)
    moved_from = models.DateField(_("moved from"), null=True, blank=True)
    check_in_method = models.CharField(_("check-in method"), max_length=20, choices=CheckInMethod.choices,
                                       blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["date", "starts_at", "pk"]
        indexes = [models.Index(fields=["group", "date"])]

    def __str__(self) -> str:
        return f"{self.group} {self.date:%Y-%m-%d}"


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=15, choices=AttendanceStatus.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "membership"], name="one_attendance_per_member")]


class AgendaItem(models.Model):
    """A topic for a session, proposed by a member (through their personal page) or by staff."""

    group = models.ForeignKey(NetworkGroup, on_delete=models.PROTECT, related_name="agenda_items")
    session = models.ForeignKey(Session, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="agenda_items")
    title = models.CharField(_("topic"), max_length=200)
    proposed_by_member = models.ForeignKey(Membership, on_delete=models.PROTECT, null=True, blank=True,
                                           related_name="proposed_items")
    proposed_by_staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                          blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proposed_by_member__isnull=True) ^ models.Q(proposed_by_staff__isnull=True),
                name="agenda_item_has_one_proposer",
            )
        ]

    @property
    def proposed_by_young_person(self) -> bool:
        return self.proposed_by_member_id is not None


class AgendaVote(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "membership"], name="one_vote_per_member")]


class PersonalLink(models.Model):
    """The young person's key to their own page. Only a hash of the token is stored."""

    person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="personal_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class RateCounter(models.Model):
    """One fixed-window rate-limit counter, shared by every worker process (see ratelimit.py)."""

    key = models.CharField(max_length=200)
    window_start = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="one_counter_per_key_window")]


class SessionObservation(models.Model):
    """What the facilitators saw in one session: signs ticked and whether the young people took part."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="observation")
    signs = models.JSONField(_("what we saw"), default=list, blank=True)  # Sign codes, in Sign order
    took_part = models.CharField(_("did they take part"), max_length=4, choices=TookPart.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session observation")

    def sign_labels(self) -> list[str]:
        return [Sign(code).label for code in self.signs if code in Sign.values]


class SessionTap(models.Model):
    """One anonymous "was today worth coming?" answer. Nothing here points to the young person: the
    tapper_hash is an HMAC (core's lookup key) of membership and session, only there to refuse a second
    tap; the day is stored, not the time, so the row cannot be matched to a page visit in the audit log."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="taps")
    worth_coming = models.BooleanField(_("worth coming"))
    tapper_hash = models.CharField(max_length=64)
    created_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "tapper_hash"], name="one_tap_per_member")]


class GroupAgreement(models.Model):
    """The group's own agreement (how phones are used, how we talk to each other); the current text.
    Each save also adds a GroupAgreementVersion, so the history is kept."""

    group = models.OneToOneField(NetworkGroup, on_delete=models.CASCADE, related_name="agreement")
    text = models.TextField(_("our agreement"))
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                   related_name="+")
    revisited_on = models.DateField(_("revisited on"), null=True, blank=True)
    revisited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+")

    class Meta:
        verbose_name = _("group agreement")

    @property
    def last_looked_at_on(self):
        """The day the group last wrote or revisited its agreement."""
        written = timezone.localdate(self.updated_at)
        return max(written, self.revisited_on) if self.revisited_on else written

    @property
    def revisit_due(self) -> bool:
        """Newcomers joined (and are still in the group) since the agreement was last written or revisited."""
        today = timezone.localdate()
        return (self.group.memberships.filter(joined_on__gt=self.last_looked_at_on, joined_on__lte=today)
                .exclude(left_on__lte=today).exists())


class GroupAgreementVersion(models.Model):
    agreement = models.ForeignKey(GroupAgreement, on_delete=models.CASCADE, related_name="versions")
    text = models.TextField()
    saved_at = models.DateTimeField()
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["-saved_at", "-pk"]
