"""The trial's part of merging two records of one young person: the trial participation moves to the kept
record. Two participations in the same trial cannot be merged: that is a randomisation error to mark first."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nextwork.core.errors import DomainError
from nextwork.core.merge import MergeStep

from ..models import Participant


def _check(*, keep, duplicate) -> None:
    kept_trials = Participant.objects.filter(person=keep, is_test=False).values("trial")
    if Participant.objects.filter(person=duplicate, is_test=False, trial__in=kept_trials).exists():
        raise DomainError(_("Both records were randomised in the same trial. An administrator must mark one "
                            "of the allocations as made in error before the records can be merged."),
                          field="duplicate")


def _preview(*, keep, duplicate) -> list[str]:
    count = Participant.objects.filter(person=duplicate).count()
    if not count:
        return []
    return [ngettext("%(count)d trial participation", "%(count)d trial participations", count) % {"count": count}]


def _reassign(*, keep, duplicate) -> int:
    return Participant.objects.filter(person=duplicate).update(person=keep)


PARTICIPATIONS = MergeStep(name="trial participations", covers=(("trial.Participant", "person"),),
                           preview=_preview, reassign=_reassign, check=_check)
