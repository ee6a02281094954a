"""The data subject's right of access (GDPR art. 15): everything held about one young person, across every
app, as JSON and as a readable PDF. `EXPORT_SECTIONS` is the only place that knows them all, like
`merge.MERGE_STEPS`; `portal/tests/test_subject_access.py` fails when a model points to a young person (or to
a course) and no section covers it. Psychologist notes are included: the request covers all data held, so
only a team lead may run it (`person.export_all`). See docs/privacy.md."""

import datetime as dt
import decimal
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nextwork.companies.models import Internship, InternshipEvent
from nextwork.devising.models import Proposal
from nextwork.events.models import Invitation, Lock, Placement, Veto, Wish
from nextwork.groups.models import AgendaItem, AgendaVote, Attendance, Membership, PersonalLink
from nextwork.people.models import (
    Conversation,
    Course,
    Exit,
    FollowUp,
    PsychologistConversation,
    TimelineEntry,
    YoungPerson,
)
from nextwork.trial.models import Participant
from nextwork.wellbeing.models import CheckIn, ConcernAction, ConcernFlag, Goal, GoalProgress

# Columns that are no one's data to read: lookup hashes and token hashes.
NEVER = frozenset({"cpr_lookup", "token_hash"})


@dataclass(frozen=True)
class ExportSection:
    """`rows(records)` gives the section's model instances for the person's records (`records.people`: the
    person and the duplicates merged into them; `records.courses`: their courses). `covers`: the
    ("app_label.Model", "field") foreign keys to a young person or a course this section exports."""

    name: str
    title: str
    covers: tuple[tuple[str, str], ...]
    rows: Callable[["Records"], models.QuerySet]
    more_fields: Callable[[models.Model], dict] | None = None  # name -> (label, value) beyond the model's fields


@dataclass(frozen=True)
class Records:
    people: list[int]
    courses: list[int]


def _timeline_text(entry: TimelineEntry) -> dict:
    return {"text": (_("Text"), entry.text)}


EXPORT_SECTIONS = (
    ExportSection("details", gettext_lazy("Personal details"), (("people.YoungPerson", "merged_into"),),
                  lambda r: YoungPerson.objects.filter(pk__in=r.people).order_by("pk")),
    ExportSection("courses", gettext_lazy("Courses"), (("people.Course", "person"),),
                  lambda r: Course.objects.filter(pk__in=r.courses).order_by("referred_on", "pk")),
    ExportSection("timeline", gettext_lazy("Timeline"), (("people.TimelineEntry", "course"),),
                  lambda r: TimelineEntry.objects.filter(course__in=r.courses).order_by("occurred_on", "pk"),
                  more_fields=_timeline_text),
    ExportSection("conversations", gettext_lazy("Conversations"), (("people.Conversation", "course"),),
                  lambda r: Conversation.objects.filter(course__in=r.courses).order_by("occurred_on", "pk")),
    ExportSection("psychologist_notes", gettext_lazy("Psychologist's notes"),
                  (("people.PsychologistConversation", "course"),),
                  lambda r: PsychologistConversation.objects.filter(course__in=r.courses).order_by("occurred_on",
                                                                                                   "pk")),
    ExportSection("exits", gettext_lazy("Exits"), (("people.Exit", "course"),),
                  lambda r: Exit.objects.filter(course__in=r.courses).order_by("exit_date", "pk")),
    ExportSection("follow_ups", gettext_lazy("Follow-ups"), (),
                  lambda r: FollowUp.objects.filter(exit__course__in=r.courses).order_by("due_on", "pk")),
    ExportSection("internships", gettext_lazy("Internships"), (("companies.Internship", "course"),),
                  lambda r: Internship.objects.filter(course__in=r.courses).order_by("start_on", "pk")),
    ExportSection("internship_history", gettext_lazy("Internship history"), (),
                  lambda r: InternshipEvent.objects.filter(internship__course__in=r.courses)
                  .order_by("occurred_on", "pk")),
    ExportSection("group_memberships", gettext_lazy("Network group memberships"), (("groups.Membership", "person"),),
                  lambda r: Membership.objects.filter(person__in=r.people).order_by("joined_on", "pk")),
    ExportSection("attendance", gettext_lazy("Network group attendance"), (),
                  lambda r: Attendance.objects.filter(membership__person__in=r.people)
                  .order_by("session__date", "pk")),
    ExportSection("agenda_items", gettext_lazy("Topics proposed for the group"), (),
                  lambda r: AgendaItem.objects.filter(proposed_by_member__person__in=r.people).order_by("pk")),
    ExportSection("agenda_votes", gettext_lazy("Votes on the group's topics"), (),
                  lambda r: AgendaVote.objects.filter(membership__person__in=r.people).order_by("pk")),
    ExportSection("personal_links", gettext_lazy("Personal links"), (("groups.PersonalLink", "person"),),
                  lambda r: PersonalLink.objects.filter(person__in=r.people).order_by("created_at", "pk")),
    ExportSection("event_invitations", gettext_lazy("Match event invitations"), (("events.Invitation", "person"),),
                  lambda r: Invitation.objects.filter(person__in=r.people).order_by("event__held_on", "pk")),
    ExportSection("event_wishes", gettext_lazy("Match event wishes"), (("events.Wish", "person"),),
                  lambda r: Wish.objects.filter(person__in=r.people).order_by("event__held_on", "rank", "pk")),
    ExportSection("event_vetoes", gettext_lazy("Companies not wanted at match events"), (("events.Veto", "person"),),
                  lambda r: Veto.objects.filter(person__in=r.people).order_by("event__held_on", "pk")),
    ExportSection("event_locks", gettext_lazy("Staff decisions on match event places"), (("events.Lock", "person"),),
                  lambda r: Lock.objects.filter(person__in=r.people).order_by("event__held_on", "pk")),
    ExportSection("event_placements", gettext_lazy("Match event placements"), (("events.Placement", "person"),),
                  lambda r: Placement.objects.filter(person__in=r.people).order_by("run__event__held_on", "pk")),
    ExportSection("devising_proposals", gettext_lazy("Proposals for how NExTWORK works"),
                  (("devising.Proposal", "person"),),
                  lambda r: Proposal.objects.filter(person__in=r.people).order_by("created_at", "pk")),
    ExportSection("trial_participations", gettext_lazy("Randomised trial"), (("trial.Participant", "person"),),
                  lambda r: Participant.objects.filter(person__in=r.people, is_test=False).order_by("pk")),
    ExportSection("wellbeing_checkins", gettext_lazy("Check-ins (wellbeing)"), (("wellbeing.CheckIn", "person"),),
                  lambda r: CheckIn.objects.filter(person__in=r.people).order_by("taken_on", "pk")),
    ExportSection("wellbeing_goals", gettext_lazy("Own goals"), (("wellbeing.Goal", "person"),),
                  lambda r: Goal.objects.filter(person__in=r.people).order_by("set_on", "pk")),
    ExportSection("wellbeing_goal_progress", gettext_lazy("Progress on own goals"), (),
                  lambda r: GoalProgress.objects.filter(goal__person__in=r.people).order_by("marked_on", "pk")),
    ExportSection("concerns", gettext_lazy("Concerns about safety"), (("wellbeing.ConcernFlag", "person"),),
                  lambda r: ConcernFlag.objects.filter(person__in=r.people).order_by("raised_at", "pk")),
    ExportSection("concern_actions", gettext_lazy("Actions on concerns"), (),
                  lambda r: ConcernAction.objects.filter(flag__person__in=r.people).order_by("at", "pk")),
)


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    value: object  # JSON
    shown: str  # for reading


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    items: list[list[Field]]


@dataclass(frozen=True)
class SubjectAccess:
    person: YoungPerson
    generated_at: dt.datetime
    sections: list[Section]

    def as_json(self) -> dict:
        return {
            "young_person_id": self.person.pk,
            "municipality": self.person.municipality.name,
            "generated_at": self.generated_at.isoformat(),
            "sections": {section.name: [{field.name: field.value for field in item} for item in section.items]
                         for section in self.sections},
        }


def records_of(person: YoungPerson) -> Records:
    """The person and every duplicate record merged into them (at any depth), with all their courses."""
    people, frontier = [person.pk], [person.pk]
    while frontier:
        frontier = list(YoungPerson.objects.filter(merged_into__in=frontier).values_list("pk", flat=True))
        people += frontier
    return Records(people=people, courses=list(Course.objects.filter(person__in=people).values_list("pk", flat=True)))


def subject_access(person: YoungPerson) -> SubjectAccess:
    """Everything held about the person. The caller is the access function that checked and logged it."""
    records = records_of(person)
    sections = []
    for section in EXPORT_SECTIONS:
        items = [_describe(row, section.more_fields) for row in section.rows(records)]
        sections.append(Section(section.name, str(section.title), items))
    return SubjectAccess(person=person, generated_at=timezone.now(), sections=sections)


def subject_access_pdf(export: SubjectAccess) -> bytes:
    from weasyprint import CSS, HTML  # imported here: loading pango costs a second nobody else should pay

    html = render_to_string("portal/subject_access_pdf.html", {"export": export, "person": export.person})
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=PDF_CSS)], pdf_variant="pdf/ua-1", pdf_tags=True)


def _describe(row: models.Model, more_fields) -> list[Field]:
    fields = []
    for field in row._meta.concrete_fields:
        if field.name in NEVER:
            continue
        label = str(field.verbose_name)
        if field.is_relation:
            related = getattr(row, field.name)
            value = str(related) if related is not None else None
            fields.append(Field(field.name, label, value, value or "—"))
            continue
        raw = getattr(row, field.attname)
        shown = getattr(row, f"get_{field.name}_display")() if field.choices else raw
        fields.append(Field(field.name, label, _json(raw), _shown(shown)))
    for name, (label, value) in (more_fields(row) if more_fields else {}).items():
        fields.append(Field(name, str(label), _json(value), _shown(value)))
    return fields


def _json(value):
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _shown(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


# The PDF's style (kept out of the template: templates carry no inline styles).
PDF_CSS = """
  body { font-family: sans-serif; font-size: 10pt; }
  h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 1.5em; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 0.8em; page-break-inside: avoid; }
  th { text-align: left; width: 35%; font-weight: normal; color: #555; vertical-align: top; }
  th, td { border-bottom: 1px solid #ddd; padding: 2pt 4pt; }
  .muted { color: #555; }
"""
