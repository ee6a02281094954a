"""The wellbeing app's part of merging two records of one young person: check-ins, goals and concern flags
move to the kept record."""

from django.utils.translation import ngettext

from nextwork.core.merge import MergeStep

from ..models import CheckIn, ConcernFlag, Goal


def _preview(*, keep, duplicate) -> list[str]:
    lines = []
    checkins = CheckIn.objects.filter(person=duplicate).count()
    goals = Goal.objects.filter(person=duplicate).count()
    concerns = ConcernFlag.objects.filter(person=duplicate).count()
    if checkins:
        lines.append(ngettext("%(count)d check-in", "%(count)d check-ins", checkins) % {"count": checkins})
    if goals:
        lines.append(ngettext("%(count)d goal", "%(count)d goals", goals) % {"count": goals})
    if concerns:
        lines.append(ngettext("%(count)d concern", "%(count)d concerns", concerns) % {"count": concerns})
    return lines


def _reassign(*, keep, duplicate) -> int:
    moved = CheckIn.objects.filter(person=duplicate).update(person=keep)
    moved += Goal.objects.filter(person=duplicate).update(person=keep)
    moved += ConcernFlag.objects.filter(person=duplicate).update(person=keep)
    return moved


WELLBEING = MergeStep(name="wellbeing", covers=(("wellbeing.CheckIn", "person"), ("wellbeing.Goal", "person"),
                                                ("wellbeing.ConcernFlag", "person")),
                      preview=_preview, reassign=_reassign)
