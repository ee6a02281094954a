"""The trial's part in erasure after the retention period (nextwork/portal/erasure.py).

The trial keeps what its analysis needs for as long as it runs: the research ID, municipality, arm,
stratum, position, baseline covariates and the CONSORT marks are never erased (register outcomes are keyed
by the research ID). What it does not need goes:
- once the young person is blanked: the participant's name (the letter and the staff pages were its only
  use) and what the hand-over meeting said carries across;
- once the trial is closed: the CPR number and its lookup hash (the register extracts are made by linking
  the research ID to the CPR number, so the number stays while outcomes may still be extracted), and the
  birth date is reduced to the year, since the CPR number carries it;
- control participants belong to no young person: their name and CPR number go once the trial has been
  closed longer than the retention period (`sweep`)."""

import datetime as dt

from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat, TruncYear

from nextwork.core.erasure import Erasure, ErasureStep
from nextwork.people.models import YoungPerson

from .choices import TrialStatus
from .models import HandoverMeeting, Participant

ERASED_NAME = "—"
ERASED_PREFIX = "erased-"


def _named(participants):
    return participants.exclude(first_name=ERASED_NAME, last_name="")


def _with_cpr(participants):
    return participants.exclude(cpr_lookup__startswith=ERASED_PREFIX)


def _handovers(person):
    return HandoverMeeting.objects.filter(participant__person=person).exclude(carries_across="")


def _closed(person):
    return Participant.objects.filter(person=person, trial__status=TrialStatus.CLOSED)


def _pending():
    person = OuterRef("pk")
    return (YoungPerson.objects.filter(erased_on__isnull=False)
            .filter(Exists(_named(Participant.objects.filter(person=person))) | Exists(_handovers(person))
                    | Exists(_with_cpr(_closed(person)))).values("pk"))


def _blank_names(participants) -> int:
    return _named(participants).update(first_name=ERASED_NAME, last_name="")


def _blank_cpr(participants) -> int:
    return _with_cpr(participants).update(
        cpr="", cpr_lookup=Concat(Value(ERASED_PREFIX), Cast("pk", CharField())), birth_date=TruncYear("birth_date"))


def _erase(person) -> str:
    names = _blank_names(Participant.objects.filter(person=person))
    handovers = _handovers(person).update(carries_across="")
    cpr = _blank_cpr(_closed(person))
    if not (names or handovers or cpr):
        return ""
    return (f"{names} trial participants' names, {handovers} hand-over notes and {cpr} CPR numbers (trial "
            "closed) blanked; research ID, arm, stratum and baseline kept")


def _sweep(*, today: dt.date, cutoff: dt.date) -> list[Erasure]:
    controls = Participant.objects.filter(person=None, trial__status=TrialStatus.CLOSED,
                                          trial__closed_at__date__lt=cutoff)
    done = []
    for participant in _with_cpr(controls).order_by("pk").only("pk", "municipality_id"):
        one = Participant.objects.filter(pk=participant.pk)
        _blank_names(one)
        _blank_cpr(one)
        done.append(Erasure("trial_participant", participant.pk, participant.municipality_id,
                            "name and CPR number blanked, birth date reduced to the year (trial closed more than "
                            "the retention period ago); research ID, arm, stratum and baseline kept"))
    return done


PARTICIPATIONS = ErasureStep(label="randomised trial", covers=(("trial.Participant", "person"),),
                             pending=_pending, erase=_erase, sweep=_sweep)
