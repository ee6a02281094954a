"""The devising app's part in merging two records of one young person: their proposals move to the kept
record."""

from django.utils.translation import ngettext

from nextwork.core.merge import MergeStep

from ..models import Proposal


def _preview(*, keep, duplicate) -> list[str]:
    count = Proposal.objects.filter(person=duplicate).count()
    if not count:
        return []
    return [ngettext("%(count)d proposal for the devising log", "%(count)d proposals for the devising log",
                     count) % {"count": count}]


def _reassign(*, keep, duplicate) -> int:
    return Proposal.objects.filter(person=duplicate).update(person=keep)


PROPOSALS = MergeStep(name="devising proposals", covers=(("devising.Proposal", "person"),),
                      preview=_preview, reassign=_reassign)
