"""Match events: many young people meet many companies; afterwards the young people wish, and the team
allocates with the allocation engine. Every run is kept with its input, seed and result."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nextwork.companies.models import Company, Internship, Offer
from nextwork.core.models import Municipality
from nextwork.people.models import YoungPerson

from .choices import EventKind, EventStatus, HostRole, Response, Support

USER = settings.AUTH_USER_MODEL
DEFAULT_MAX_WISHES = 3


class MatchEvent(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.PLANNED)
    # A company's place offered between events: shown on the own page of the young people whose wishes
    # match its trade; those who want it say so, and the team allocates among them the same way.
    kind = models.CharField(_("kind"), max_length=10, choices=EventKind.choices, default=EventKind.EVENT)
    wish_deadline = models.DateTimeField(_("wishes until"), null=True, blank=True,
                                         help_text=_("The young people can change their wishes until then."))
    max_wishes = models.PositiveSmallIntegerField(_("wishes per young person"), default=DEFAULT_MAX_WISHES)
    offers = models.ManyToManyField(Offer, verbose_name=_("offers at the event"), blank=True,
                                    related_name="match_events")
    # The table plan (nextwork.tableplan): its input and the rounds, kept to print and to explain.
    table_plan = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("match event")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["municipality", "held_on"])]

    def __str__(self) -> str:
        return f"{self.place} {self.held_on:%d.%m.%Y}"


class EventContent(models.Model):
    """The municipality's own game rules and conversation cards for its match events (printable)."""

    municipality = models.OneToOneField(Municipality, on_delete=models.PROTECT, related_name="+")
    game_rules = models.TextField(_("the game's rules"), blank=True, max_length=5000)
    conversation_cards = models.TextField(_("conversation cards"), blank=True, max_length=10000,
                                          help_text=_("One card a line."))
    updated_at = models.DateTimeField(auto_now=True)

    def cards(self) -> list[str]:
        return [line.strip() for line in self.conversation_cards.splitlines() if line.strip()]


class Invitation(models.Model):
    """A young person invited to an event: whether they come, whether they came, what they need."""

    event = models.ForeignKey(MatchEvent, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="event_invitations")
    response = models.CharField(_("answer"), max_length=10, choices=Response.choices, default=Response.INVITED)
    attended = models.BooleanField(_("came"), null=True, blank=True)
    support = models.CharField(_("arrangement"), max_length=12, choices=Support.choices, blank=True,
                               default=Support.NONE)
    about_me = models.TextField(_("what I want the company to know"), blank=True, max_length=1000)
    buddy_name = models.CharField(_("peer buddy"), max_length=100, blank=True,
                                  help_text=_("Someone who has been to an event before, chosen by the young person."))
    # Companies the young person asked to meet at the event: the table plan seats them there first.
    requested_companies = models.JSONField(default=list, blank=True)
    # The young people host the event: a task they volunteered for on their own page.
    host_role = models.CharField(_("hosting task"), max_length=10, choices=HostRole.choices, blank=True,
                                 default=HostRole.NONE)

    class Meta:
        ordering = ["person__first_name", "person__last_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="one_invitation_per_person")]


class Wish(models.Model):
    """A young person's ranked wish for an offer at the event (1 = most wanted)."""

    event = models.ForeignKey(MatchEvent, on_delete=models.CASCADE, related_name="wishes")
    person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="event_wishes")
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person", "rank"], name="one_wish_per_rank"),
            models.UniqueConstraint(fields=["event", "person", "offer"], name="one_wish_per_offer"),
        ]


class Veto(models.Model):
    """A company the young person does not want (power shift: they may say no)."""

    event = models.ForeignKey(MatchEvent, on_delete=models.CASCADE, related_name="vetoes")
    person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="event_vetoes")
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "person", "company"], name="one_veto_per_company")]


class AllocationRun(models.Model):
    """One run of the allocation engine, kept with its input, seed and result so it can be reproduced."""

    event = models.ForeignKey(MatchEvent, on_delete=models.CASCADE, related_name="runs")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    seed = models.PositiveIntegerField()
    instance = models.JSONField()
    result = models.JSONField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    first_wish_share = models.FloatField(null=True, blank=True)
    top3_share = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    @property
    def first_wish_percent(self) -> int | None:
        return round(100 * self.first_wish_share) if self.first_wish_share is not None else None

    @property
    def top3_percent(self) -> int | None:
        return round(100 * self.top3_share) if self.top3_share is not None else None


class Lock(models.Model):
    """A staff decision before confirmation: this young person gets this offer (or no place), for a recorded
    reason. The next run keeps it fixed and allocates the rest around it."""

    event = models.ForeignKey(MatchEvent, on_delete=models.CASCADE, related_name="locks")
    person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="event_locks")
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    engine_rank = models.PositiveSmallIntegerField(null=True, blank=True)  # what the engine had proposed
    rank = models.PositiveSmallIntegerField(null=True, blank=True)  # the chosen offer's place in the wishes
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="one_lock_per_person")]

    @property
    def worse_than_proposed(self) -> bool:
        """A move that gives the young person a worse wish than the engine did (or none at all)."""
        if self.engine_rank is None:
            return False
        return self.rank is None or self.rank > self.engine_rank


class Placement(models.Model):
    """A confirmed placement: the young person, the offer, the rank of the wish, the internship it became."""

    run = models.ForeignKey(AllocationRun, on_delete=models.CASCADE, related_name="placements")
    person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="event_placements")
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    internship = models.OneToOneField(Internship, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="event_placement")
    note = models.CharField(max_length=300, blank=True)  # why no draft internship was made, if not
    representative_called_on = models.DateField(_("the company phoned the young person on"), null=True,
                                                blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "person"], name="one_placement_per_run")]
