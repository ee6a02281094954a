"""The young person's anonymous "was today worth coming?" tap.

The stored row holds the session, the answer and the day: nothing that points to the young person. A
second tap by the same member is refused through `tapper_hash`, a keyed hash (core's lookup key, HMAC-
SHA256) of the membership and session: without the key it cannot be turned back into a member, and the
page never shows single answers (staff see the share only from 5 taps; see selectors_group_life).
No audit row names the young person for a tap: that row would undo the anonymity."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nextwork.core.crypto import lookup_hash
from nextwork.core.errors import DomainError

from ..models import Membership, Session, SessionTap

TAP_DAYS = 3  # a tap is asked for (and taken) this many days after the session


def tapper_hash(*, membership: Membership, session: Session) -> str:
    return lookup_hash(f"group-session-tap:{membership.pk}:{session.pk}")


def has_tapped(*, membership: Membership, session: Session) -> bool:
    return SessionTap.objects.filter(session=session,
                                     tapper_hash=tapper_hash(membership=membership, session=session)).exists()


def session_tap_give(*, membership: Membership, session: Session, worth_coming: bool, today: dt.date) -> SessionTap:
    """One tap per member per session, for a session they came to in the last few days. The caller has
    checked that the session is the one the member is asked about (panels.tap_session)."""
    if not 0 <= (today - session.date).days <= TAP_DAYS:
        raise DomainError(_("You can answer for a few days after a meeting."), field="worth_coming")
    if membership.group_id != session.group_id:
        raise DomainError(_("Only members of the group can answer."), field="worth_coming")
    try:
        with transaction.atomic():
            return SessionTap.objects.create(session=session, worth_coming=bool(worth_coming), created_on=today,
                                             tapper_hash=tapper_hash(membership=membership, session=session))
    except IntegrityError:  # the unique (session, tapper_hash): a second tap, also a simultaneous one
        raise DomainError(_("You have already answered for this meeting. Thank you."),
                          field="worth_coming") from None
