"""The groups app's part in erasure after the retention period (nextwork/portal/erasure.py): once a young
person is blanked, the topics they proposed for their group lose their words (the title becomes "—"; the
item and its votes stay in the group's history). Memberships hold no free text (the reason for leaving is
a choice), attendance and votes none either."""

from django.db.models import Exists, OuterRef

from nextwork.core.erasure import ErasureStep
from nextwork.people.models import YoungPerson

from .models import AgendaItem

ERASED_TITLE = "—"


def _items(person):
    return AgendaItem.objects.filter(proposed_by_member__person=person).exclude(title=ERASED_TITLE)


def _pending():
    return YoungPerson.objects.filter(erased_on__isnull=False).filter(Exists(_items(OuterRef("pk")))).values("pk")


def _erase(person) -> str:
    items = _items(person).update(title=ERASED_TITLE)
    return f"{items} topics proposed for the group blanked" if items else ""


AGENDA = ErasureStep(label="network groups", covers=(("groups.Membership", "person"),), pending=_pending,
                     erase=_erase)
