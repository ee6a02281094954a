import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nextwork.core.errors import DomainError

from ..choices import SessionStatus
from ..models import AgendaItem, AgendaVote, Membership, NetworkGroup, Session

MAX_ITEMS_PER_MEMBER_A_WEEK = 10


@transaction.atomic
def agenda_item_propose(*, group: NetworkGroup, title: str, session: Session | None = None,
                        member: Membership | None = None, staff=None) -> AgendaItem:
    """Exactly one of member (a young person, from their personal page) and staff proposes the item."""
    title = " ".join(title.split())
    if not title:
        raise DomainError(_("Write what you would like to talk about."), field="title")
    if len(title) > 200:
        raise DomainError(_("Keep the topic under 200 characters."), field="title")
    if (member is None) == (staff is None):
        raise ValueError("an agenda item has exactly one proposer")
    if member is not None and (member.group_id != group.pk or member.left_on is not None):
        raise DomainError(_("Only members of the group can propose topics."), field="title")
    if staff is not None and staff.municipality_id != group.municipality_id:
        raise DomainError(_("Only the municipality's staff can add topics."), field="title")
    if session is not None and (session.group_id != group.pk or session.status == SessionStatus.CANCELLED):
        raise DomainError(_("Choose one of the group's coming sessions."), field="session")
    if AgendaItem.objects.filter(group=group, session__isnull=True, title__iexact=title).exists():
        raise DomainError(_("“%(title)s” is already on the list. Vote for it instead, so it rises to the top.")
                          % {"title": title}, field="title")
    recent = timezone.now() - dt.timedelta(days=7)
    if member is not None and AgendaItem.objects.filter(
            proposed_by_member=member, created_at__gte=recent).count() >= MAX_ITEMS_PER_MEMBER_A_WEEK:
        raise DomainError(_("You have proposed many topics already. Wait until the next session."), field="title")
    item = AgendaItem(group=group, session=session, title=title, proposed_by_member=member, proposed_by_staff=staff)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_vote_toggle(*, item: AgendaItem, member: Membership) -> bool:
    """Adds the member's vote, or takes it back if they had voted. Returns whether they now vote for it."""
    if member.group_id != item.group_id or member.left_on is not None:
        raise DomainError(_("Only members of the group can vote."), field="item")
    deleted, _rows = AgendaVote.objects.filter(item=item, membership=member).delete()
    if deleted:
        return False
    AgendaVote.objects.create(item=item, membership=member)
    return True
