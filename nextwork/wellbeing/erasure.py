"""The wellbeing app's part in erasure after the retention period (nextwork/portal/erasure.py): once a young
person is blanked, their own goals' words and the concern notes and actions about them are blanked (the
texts are encrypted; an empty text is stored empty). Check-in scores, goal status and progress, and each
concern's kind and dates stay for the aggregate figures: they hold no text and belong to an empty shell."""

from django.db.models import Exists, OuterRef

from nextwork.core.erasure import ErasureStep
from nextwork.people.models import YoungPerson

from .models import ConcernAction, ConcernFlag, Goal


def _goals(person):
    return Goal.objects.filter(person=person).exclude(text="")


def _concerns(person):
    return ConcernFlag.objects.filter(person=person).exclude(note="")


def _actions(person):
    return ConcernAction.objects.filter(flag__person=person).exclude(text="")


def _pending():
    person = OuterRef("pk")
    return (YoungPerson.objects.filter(erased_on__isnull=False)
            .filter(Exists(_goals(person)) | Exists(_concerns(person)) | Exists(_actions(person))).values("pk"))


def _erase(person) -> str:
    goals = _goals(person).update(text="")
    concerns = _concerns(person).update(note="")
    actions = _actions(person).update(text="")
    if not (goals or concerns or actions):
        return ""
    return f"{goals} goals' words, {concerns} concern notes and {actions} concern actions' notes blanked"


WELLBEING = ErasureStep(label="wellbeing",
                        covers=(("wellbeing.Goal", "person"), ("wellbeing.ConcernFlag", "person")),
                        pending=_pending, erase=_erase)
