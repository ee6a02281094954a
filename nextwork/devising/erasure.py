"""The devising app's part in erasure after the retention period (nextwork/portal/erasure.py): once a young
person is blanked, the proposals they made lose their words and the team's answer to them (the title becomes
"—"). The proposal row stays, because an experiment may have come from it; the experiment's own texts are
the team's and stay."""

from django.db.models import Exists, OuterRef, Q

from nextwork.core.erasure import ErasureStep
from nextwork.people.models import YoungPerson

from .models import Proposal

ERASED_TITLE = "—"


def _proposals(person):
    return Proposal.objects.filter(person=person).filter(
        ~Q(title=ERASED_TITLE) | ~Q(where_principles="") | ~Q(why="") | ~Q(expected="") | ~Q(response=""))


def _pending():
    return YoungPerson.objects.filter(erased_on__isnull=False).filter(
        Exists(_proposals(OuterRef("pk")))).values("pk")


def _erase(person) -> str:
    proposals = _proposals(person).update(title=ERASED_TITLE, where_principles="", why="", expected="",
                                          response="")
    return f"{proposals} proposals' words and the team's answers blanked" if proposals else ""


PROPOSALS = ErasureStep(label="devising proposals", covers=(("devising.Proposal", "person"),),
                        pending=_pending, erase=_erase)
