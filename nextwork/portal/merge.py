"""Merging two records of one young person across every app. Each app contributes a step (what it moves,
what it refuses); this list is the only place that knows them all. The duplicate record stays, marked as
merged, so nothing is lost."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_noop

from nextwork.companies.services import merge as companies_merge
from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.permissions import require
from nextwork.devising.services import merge as devising_merge
from nextwork.events.services import merge as events_merge
from nextwork.groups.services import merge as groups_merge
from nextwork.people.choices import TimelineKind
from nextwork.people.models import YoungPerson
from nextwork.people.services import merge as people_merge
from nextwork.people.services.timeline import timeline_add
from nextwork.trial.services import merge as trial_merge
from nextwork.wellbeing.services import merge as wellbeing_merge

MERGE_STEPS = (
    people_merge.COURSES,
    groups_merge.MEMBERSHIPS,
    groups_merge.PERSONAL_LINKS,
    companies_merge.INTERNSHIPS,
    events_merge.EVENTS,
    wellbeing_merge.WELLBEING,
    devising_merge.PROPOSALS,
    trial_merge.PARTICIPATIONS,
)


@dataclass(frozen=True)
class MergePreview:
    moves: list[str]
    problem: str | None


def merge_preview(*, keep: YoungPerson, duplicate: YoungPerson) -> MergePreview:
    """What a merge would move, or what must be resolved first."""
    try:
        _check(keep=keep, duplicate=duplicate)
    except DomainError as error:
        return MergePreview(moves=[], problem=error.message)
    moves = [line for step in MERGE_STEPS if step.preview for line in step.preview(keep=keep, duplicate=duplicate)]
    return MergePreview(moves=moves, problem=None)


def _check(*, keep, duplicate) -> None:
    people_merge.young_people_check_mergeable(keep=keep, duplicate=duplicate)
    for step in MERGE_STEPS:
        if step.check:
            step.check(keep=keep, duplicate=duplicate)


@transaction.atomic
def young_people_merge(*, actor, keep: YoungPerson, duplicate: YoungPerson) -> YoungPerson:
    require(actor, "person.merge")
    # Both rows locked in id order: two team leads merging the same pair wait for each other.
    locked = {p.pk: p for p in YoungPerson.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk])
              .order_by("pk")}
    keep, duplicate = locked.get(keep.pk, keep), locked.get(duplicate.pk, duplicate)
    _check(keep=keep, duplicate=duplicate)
    taken = people_merge.young_person_take_details(keep=keep, duplicate=duplicate)
    moved = {step.name: step.reassign(keep=keep, duplicate=duplicate) for step in MERGE_STEPS if step.reassign}
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into"])
    _record(actor=actor, keep=keep, duplicate=duplicate, moved=moved, taken=taken)
    return keep


def _record(*, actor, keep, duplicate, moved: dict, taken: list) -> None:
    counts = ", ".join(f"{name}: {count}" for name, count in moved.items())
    course = keep.courses.order_by("-referred_on", "-id").first()
    if course is not None:
        timeline_add(course=course, kind=TimelineKind.MERGED, actor=actor,
                     message=gettext_noop("Merged with a duplicate record of %(name)s (record %(id)s)."),
                     params={"name": duplicate.full_name, "id": duplicate.pk})
    # The history of both records: the kept one and the duplicate (which stays, marked as merged).
    audit.record(actor=actor, action="merge", object_type="young_person", object_id=keep.pk,
                 municipality_id=keep.municipality_id,
                 summary=f"kept; record {duplicate.pk} merged into it ({counts}; details: {', '.join(taken) or '-'})")
    audit.record(actor=actor, action="merge", object_type="young_person", object_id=duplicate.pk,
                 municipality_id=keep.municipality_id, summary=f"merged into record {keep.pk} ({counts})")
