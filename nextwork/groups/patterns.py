"""Reads for what happens in the group: the facilitators' signs over the last sessions (the pattern and its
drift hints), the suppressed "worth coming" share per session, and whether the agreement is due a revisit.
Fixed numbers of queries, whatever the number of sessions or taps."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q

from .choices import ATTENDED, DRIFT_SIGNS, SessionStatus, Sign, TookPart
from .models import GroupAgreement, Membership, NetworkGroup, Session, SessionObservation, SessionTap

PATTERN_SESSIONS = 12
DRIFT_RUN = 3  # a drift sign seen this many observed sessions running: bring it to devising
MIN_TAPS = 5  # below this the share is not shown: with few answers one person's answer could be guessed


@dataclass(frozen=True)
class SignRow:
    code: str
    label: str
    drift: bool
    cells: list  # per session column: True (seen), False (observed, not seen), None (no observation)
    count: int


@dataclass(frozen=True)
class DriftHint:
    code: str
    label: str
    run: int


@dataclass
class Pattern:
    sessions: list[Session]  # oldest first; each with .observation_or_none
    rows: list[SignRow] = field(default_factory=list)
    took_part: list = field(default_factory=list)  # per column: TookPart value or ""
    hints: list[DriftHint] = field(default_factory=list)

    @property
    def observed(self) -> int:
        return sum(1 for session in self.sessions if session.observation_or_none is not None)


def observation_pattern(group: NetworkGroup, *, today: dt.date, count: int = PATTERN_SESSIONS) -> Pattern:
    """The last `count` held sessions up to today x the signs; one query. A session with an observation but
    no attendance yet counts as held here."""
    held = Q(status=SessionStatus.HELD) | Q(observation__isnull=False, status=SessionStatus.PLANNED)
    sessions = list(Session.objects.filter(held, group=group, date__lte=today)
                    .select_related("observation").order_by("-date", "-pk")[:count])
    sessions.reverse()
    for session in sessions:
        session.observation_or_none = getattr(session, "observation", None)
    observations = [session.observation_or_none for session in sessions]
    pattern = Pattern(sessions=sessions)
    for code, label in Sign.choices:
        cells = [None if obs is None else code in obs.signs for obs in observations]
        pattern.rows.append(SignRow(code=code, label=label, drift=code in DRIFT_SIGNS, cells=cells,
                                    count=sum(1 for cell in cells if cell)))
    pattern.took_part = [obs.took_part if obs else "" for obs in observations]
    pattern.hints = drift_hints([obs for obs in observations if obs is not None])
    return pattern


def drift_hints(observations: list[SessionObservation]) -> list[DriftHint]:
    """Drift signs in each of the latest DRIFT_RUN observed sessions (sessions nobody recorded are skipped)."""
    hints = []
    for code in DRIFT_SIGNS:
        run = 0
        for obs in reversed(observations):
            if code not in obs.signs:
                break
            run += 1
        if run >= DRIFT_RUN:
            hints.append(DriftHint(code=code, label=Sign(code).label, run=run))
    return hints


@dataclass(frozen=True)
class TapSummary:
    taps: int
    worth: int

    @property
    def shown(self) -> bool:
        return self.taps >= MIN_TAPS

    @property
    def percent(self) -> int | None:
        return round(100 * self.worth / self.taps) if self.shown else None


def tap_summaries(session_ids) -> dict[int, TapSummary]:
    """Per session: how many tapped and (from MIN_TAPS taps) the share who found it worth coming. One query."""
    rows = (SessionTap.objects.filter(session_id__in=list(session_ids)).values("session_id")
            .annotate(taps=Count("pk"), worth=Count("pk", filter=Q(worth_coming=True))))
    return {row["session_id"]: TapSummary(taps=row["taps"], worth=row["worth"]) for row in rows}


def tap_summary(session: Session) -> TapSummary:
    return tap_summaries([session.pk]).get(session.pk, TapSummary(taps=0, worth=0))


def took_part_label(value: str) -> str:
    return TookPart(value).label if value else ""


# The agreement


@dataclass(frozen=True)
class AgreementState:
    agreement: GroupAgreement | None
    newcomers: int  # current members who joined after the agreement was last written or revisited

    @property
    def revisit_due(self) -> bool:
        return self.agreement is not None and self.newcomers > 0


def newcomers_since(group: NetworkGroup, since: dt.date, *, today: dt.date) -> int:
    return (Membership.objects.filter(group=group, joined_on__gt=since, joined_on__lte=today)
            .exclude(left_on__lte=today).count())


def agreement_state(group: NetworkGroup, *, today: dt.date) -> AgreementState:
    agreement = GroupAgreement.objects.filter(group=group).select_related("updated_by", "revisited_by").first()
    if agreement is None:
        return AgreementState(agreement=None, newcomers=0)
    return AgreementState(agreement=agreement,
                          newcomers=newcomers_since(group, agreement.last_looked_at_on, today=today))


def agreement_versions(agreement: GroupAgreement, *, limit: int = 20) -> list:
    return list(agreement.versions.select_related("saved_by")[:limit])


# The young person's own page


def tap_session_for(membership: Membership, *, today: dt.date, days: int) -> Session | None:
    """The member's most recent held session in the last `days` days that they came to."""
    return (Session.objects.filter(group_id=membership.group_id, status=SessionStatus.HELD,
                                   date__gte=today - dt.timedelta(days=days), date__lte=today,
                                   attendance__membership=membership, attendance__status__in=ATTENDED)
            .order_by("-date", "-pk").first())
