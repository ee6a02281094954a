"""The devising log: a team's experiments under the frame goal "to create networks", the proposals young
people and company representatives make from their own pages, the devising meetings, and the practices shared
with the other municipalities (no personal data)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nextwork.companies.models import Representative
from nextwork.core.models import Municipality
from nextwork.people.models import YoungPerson

from .choices import Decision, ExperimentStatus, ProposalStatus

USER = settings.AUTH_USER_MODEL


class Proposal(models.Model):
    """A change proposed by a young person or a company representative, in their own words. The team takes
    it up (it becomes a proposed experiment) or answers it; the proposer sees which on their page."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(YoungPerson, verbose_name=_("young person"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="devising_proposals")
    representative = models.ForeignKey(Representative, verbose_name=_("company representative"),
                                       on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="devising_proposals")
    title = models.CharField(_("what would you change"), max_length=200)
    where_principles = models.TextField(_("where the principles are in it"), blank=True, max_length=2000)
    why = models.TextField(_("why"), max_length=2000)
    expected = models.TextField(_("what we would see if it works"), max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=ProposalStatus.choices,
                              default=ProposalStatus.NEW)
    response = models.TextField(_("the team's response"), blank=True, max_length=2000)
    responded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        verbose_name = _("devising proposal")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=True) ^ models.Q(representative__isnull=True),
                name="devising_proposal_has_one_proposer",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def from_young_person(self) -> bool:
        return self.person_id is not None


class Experiment(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    principles = models.JSONField(_("principles"), default=list, blank=True)
    why = models.TextField(_("why we do it"), max_length=4000)
    expected = models.TextField(_("what we expect to see if it works"), max_length=4000)
    indicators = models.JSONField(_("indicators"), default=list, blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    review_on = models.DateField(_("review"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ExperimentStatus.choices,
                              default=ExperimentStatus.RUNNING)
    observed = models.TextField(_("what we saw"), blank=True, max_length=4000)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True, default="")
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="experiments")
    # An adjusted experiment continues the one it adjusts.
    follows = models.ForeignKey("self", verbose_name=_("adjusts"), on_delete=models.PROTECT, null=True,
                                blank=True, related_name="followed_by")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("experiment")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["municipality", "status", "review_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review_on__isnull=True) | models.Q(starts_on__isnull=True)
                | models.Q(review_on__gte=models.F("starts_on")),
                name="experiment_review_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ExperimentChange(models.Model):
    """The experiment's own history: created, started, changed, discussed at a meeting, reviewed."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=20)
    actor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    summary = models.CharField(max_length=300)

    class Meta:
        ordering = ["-at", "-pk"]


class DevisingMeeting(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("date"))
    attendees = models.ManyToManyField(USER, verbose_name=_("staff present"), blank=True, related_name="+")
    other_attendees = models.CharField(_("others present"), max_length=300, blank=True,
                                       help_text=_("E.g. “two young people from the Tuesday group”. No names."))
    notes = models.TextField(_("notes"), blank=True, max_length=10000)
    experiments = models.ManyToManyField(Experiment, verbose_name=_("experiments discussed"), blank=True,
                                         related_name="meetings")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("devising meeting")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["municipality", "held_on"])]

    def __str__(self) -> str:
        return str(self.held_on)


class SharedPractice(models.Model):
    """A practice that worked, shared with every municipality. No personal data: the share check refuses it."""

    from_municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT,
                                          related_name="+")
    experiment = models.OneToOneField(Experiment, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="shared_practice")
    title = models.CharField(_("title"), max_length=200)
    principles = models.JSONField(_("principles"), default=list, blank=True)
    what = models.TextField(_("what we did"), blank=True, max_length=4000)
    why = models.TextField(_("why we did it"), max_length=4000)
    what_we_saw = models.TextField(_("what we saw"), max_length=4000)
    shared_on = models.DateField(_("shared on"))
    shared_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("shared practice")
        ordering = ["-shared_on", "-pk"]

    def __str__(self) -> str:
        return self.title
