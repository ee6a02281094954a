"""Demo data for what happens in the group: the facilitators' observations of the last sessions, the young
people's anonymous taps and each group's agreement. Called from demo.build per municipality.

Its own random stream (seeded per municipality), so the other apps' demo data stays as it was. The first
"steady" group drifts into coffee club three sessions running; the first "thriving" group is taken over by
the young people; agreements were written before the latest newcomers joined in some groups, so the
group page asks to revisit them."""

import datetime as dt
import random

from django.utils import timezone

from .choices import ATTENDED, SessionStatus, Sign
from .models import GroupAgreement, GroupAgreementVersion, SessionObservation, SessionTap
from .services.taps import TAP_DAYS, tapper_hash

OBSERVED_SESSIONS = 12
TAPPED_SESSIONS = 4
GOOD = (Sign.TOOK_OVER, Sign.PEER_ADVICE, Sign.WORK_TALK, Sign.SHOWED_THE_WAY, Sign.OWN_AGENDA)
# profile name -> (chance of each good sign, drift signs likely here, their chance, took part weights, worth)
PROFILE_SIGNS = {
    "thriving": (0.5, (Sign.COFFEE_CLUB, Sign.SAME_STORY), 0.15, (0.7, 0.25, 0.05), 0.85),
    "steady": (0.3, (Sign.SAME_STORY, Sign.LOW_ENERGY, Sign.PHONES), 0.25, (0.35, 0.5, 0.15), 0.7),
    "struggling": (0.12, (Sign.LOW_ENERGY, Sign.PHONES, Sign.PITY_PARTY), 0.35, (0.1, 0.4, 0.5), 0.45),
}
AGREEMENTS = (
    "Telefonen ligger i tasken, til vi holder pause.\nVi lader hinanden tale færdig.\n"
    "Det, der bliver sagt her, bliver her.\nMan må godt bare lytte.",
    "Høretelefoner af, når vi er i gang.\nVi griner med hinanden, ikke af hinanden.\n"
    "Siger man noget svært, spørger vi, før vi giver gode råd.",
    "Vi starter til tiden, og siger det i gruppechatten, hvis vi kommer senere.\n"
    "Telefonen på lydløs og med skærmen nedad.\nAlle får en tur i tjek-ind-runden, man må sige pas.",
)


def build_municipality(*, demo, today: dt.date, groups, profile_of, sessions, attendance, facilitators_of,
                       members_of) -> None:
    rng = random.Random(f"group-life:{demo.municipality.name}")
    held_of: dict[int, list] = {group.pk: [] for group in groups}
    for session in sessions:
        if session.status == SessionStatus.HELD and session.date <= today:
            held_of[session.group_id].append(session)
    came: dict[int, list] = {}
    for row in attendance:
        if row.status in ATTENDED:
            came.setdefault(row.session.pk, []).append(row.membership)
    took_over_group = groups[0].pk  # "thriving" (demo.PROFILES)
    coffee_club_group = groups[1].pk if len(groups) > 1 else None
    observations, taps = [], []
    for group in groups:
        profile = profile_of[group.pk][0]
        held = sorted(held_of[group.pk], key=lambda s: s.date)
        recent = held[-OBSERVED_SESSIONS:]
        for index, session in enumerate(recent):
            running = len(recent) - index <= 3  # the last three
            signs = _signs(rng, profile, took_over=running and group.pk == took_over_group,
                           coffee_club=running and group.pk == coffee_club_group)
            if signs is None:
                continue
            weights = PROFILE_SIGNS[profile][3]
            took_part = rng.choices(("most", "some", "few"), weights=weights)[0]
            if group.pk == took_over_group and running:
                took_part = "most"
            observations.append(SessionObservation(session=session, signs=signs, took_part=took_part,
                                                   recorded_by=rng.choice(facilitators_of[group.pk])))
        for session in held[-TAPPED_SESSIONS:]:
            worth = PROFILE_SIGNS[profile][4]
            for membership in came.get(session.pk, []):
                if rng.random() < 0.85:
                    taps.append(SessionTap(session=session, worth_coming=rng.random() < worth,
                                           tapper_hash=tapper_hash(membership=membership, session=session),
                                           created_on=min(today, session.date + dt.timedelta(
                                               days=rng.randrange(0, TAP_DAYS + 1)))))
    SessionObservation.objects.bulk_create(observations, batch_size=5000)
    SessionTap.objects.bulk_create(taps, batch_size=5000)
    _agreements(rng, groups, facilitators_of, members_of, today)


def _signs(rng, profile: str, *, took_over: bool, coffee_club: bool) -> list[str] | None:
    if not (took_over or coffee_club) and rng.random() < 0.15:
        return None  # nobody recorded this one
    good, drift, chance, _weights, _worth = PROFILE_SIGNS[profile]
    chosen = {sign for sign in GOOD if rng.random() < good}
    chosen |= {sign for sign in drift if rng.random() < chance}
    if took_over:
        chosen |= {Sign.TOOK_OVER, Sign.OWN_AGENDA}
        chosen -= set(drift)
    if coffee_club:
        chosen.add(Sign.COFFEE_CLUB)
        chosen.discard(Sign.WORK_TALK)
    return [code for code in Sign.values if code in chosen]


def _agreements(rng, groups, facilitators_of, members_of, today: dt.date) -> None:
    agreements, versions = [], []
    for index, group in enumerate(groups):
        written = max(group.active_from + dt.timedelta(days=7), today - dt.timedelta(weeks=rng.randrange(3, 12)))
        joins = sorted(m.joined_on for m in members_of[group.pk] if m.left_on is None and m.joined_on <= today)
        if index % 2 and joins and joins[-1] > group.active_from + dt.timedelta(days=14):
            written = joins[-1] - dt.timedelta(days=7)  # a newcomer since: the group page asks to revisit
        if written >= today:
            continue
        at = timezone.make_aware(dt.datetime.combine(written, group.ends_at))
        author = rng.choice(facilitators_of[group.pk])
        text = AGREEMENTS[index % len(AGREEMENTS)]
        agreement = GroupAgreement(group=group, text=text, updated_at=at, updated_by=author,
                                   revisited_on=today - dt.timedelta(days=7) if index % 4 == 2 else None,
                                   revisited_by=author if index % 4 == 2 else None)
        agreement.first_text = text.split("\n", 1)[1] if index % 2 else None  # an earlier, shorter version
        agreements.append(agreement)
    GroupAgreement.objects.bulk_create(agreements, batch_size=5000)
    for agreement in agreements:
        if agreement.first_text:
            versions.append(GroupAgreementVersion(agreement=agreement, text=agreement.first_text,
                                                  saved_at=agreement.updated_at - dt.timedelta(weeks=4),
                                                  saved_by=agreement.updated_by))
        versions.append(GroupAgreementVersion(agreement=agreement, text=agreement.text,
                                              saved_at=agreement.updated_at, saved_by=agreement.updated_by))
    GroupAgreementVersion.objects.bulk_create(versions, batch_size=5000)
