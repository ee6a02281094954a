"""JSON API for what happens in the group: the facilitators' observation of a session, the pattern over the
last sessions, the young people's anonymous "worth coming" share (suppressed below 5 answers) and the
group's agreement. Mounted on the groups router (api.py); same matrix and municipal scoping as the pages."""

import datetime as dt

from django.http import Http404
from django.utils import translation
from ninja import Field, Router, Schema

from nextwork.core.api import Id, text

from . import access, patterns
from .choices import Sign, TookPart
from .models import SessionObservation
from .services import agreements, observations
from .services.agreements import MAX_LENGTH

router = Router(tags=["network groups"])


class Error(Schema):
    detail: str


COMMON = {401: Error, 403: Error, 404: Error}
CHANGE = {**COMMON, 400: Error, 422: Error}


class ObservationOut(Schema):
    session_id: int
    signs: list[Sign]
    took_part: TookPart
    recorded_by_id: int | None
    recorded_at: dt.datetime


class ObservationIn(Schema):
    signs: list[Sign] = Field(default_factory=list, max_length=len(Sign.values))
    took_part: TookPart


class TapsOut(Schema):
    session_id: int
    taps: int
    shown: bool = Field(description=f"False below {patterns.MIN_TAPS} answers: the share is then not given")
    worth_coming_percent: int | None


class PatternSessionOut(Schema):
    session_id: int
    date: dt.date
    signs: list[Sign] | None = Field(description="None when nothing was recorded for the session")
    took_part: TookPart | None
    worth_coming_percent: int | None


class DriftHintOut(Schema):
    sign: Sign
    sessions_running: int


class PatternOut(Schema):
    group_id: int
    sessions: list[PatternSessionOut]
    drift: list[DriftHintOut] = Field(description="Drift signs seen in each of the latest 3 or more "
                                                  "recorded sessions: bring them to devising")


class AgreementVersionOut(Schema):
    text: str
    saved_at: dt.datetime
    saved_by_id: int | None


class AgreementOut(Schema):
    group_id: int
    text: str
    updated_at: dt.datetime
    updated_by_id: int | None
    revisited_on: dt.date | None
    newcomers_since: int
    revisit_due: bool
    versions: list[AgreementVersionOut]


class AgreementIn(Schema):
    text: text(MAX_LENGTH, min_length=1)


def _observation_out(observation: SessionObservation) -> dict:
    return {"session_id": observation.session_id, "signs": observation.signs, "took_part": observation.took_part,
            "recorded_by_id": observation.recorded_by_id, "recorded_at": observation.recorded_at}


def _taps_out(session_id: int, summary: patterns.TapSummary | None) -> dict:
    summary = summary or patterns.TapSummary(taps=0, worth=0)
    return {"session_id": session_id, "taps": summary.taps, "shown": summary.shown,
            "worth_coming_percent": summary.percent}


@router.get("/sessions/{session_id}/observation/", response={200: ObservationOut, **COMMON},
            summary="What the facilitators saw in a session (404 when nothing is recorded)")
def get_observation(request, session_id: Id):
    session = access.access_session_by_id(request.user, session_id)
    observation = SessionObservation.objects.filter(session=session).first()
    if observation is None:
        raise Http404
    return _observation_out(observation)


@router.put("/sessions/{session_id}/observation/", response={200: ObservationOut, **CHANGE},
            summary="Record or change what the facilitators saw (signs, took part); audit-logged")
def put_observation(request, session_id: Id, payload: ObservationIn):
    user = request.user
    session = access.access_session_by_id(user, session_id, action="group.observe")
    with translation.override("en"):
        observation = observations.session_observation_save(
            actor=user, session=session, signs=[str(sign) for sign in payload.signs],
            took_part=str(payload.took_part), today=dt.date.today())
    observation.refresh_from_db()
    return _observation_out(observation)


@router.get("/sessions/{session_id}/taps/", response={200: TapsOut, **COMMON},
            summary="How many members answered \"worth coming?\" and, from 5 answers, the share who said yes")
def get_taps(request, session_id: Id):
    session = access.access_session_by_id(request.user, session_id)
    return _taps_out(session.pk, patterns.tap_summary(session))


@router.get("/groups/{group_id}/pattern/", response={200: PatternOut, **COMMON},
            summary="The signs over the group's last 12 held sessions, oldest first, and the drift hints")
def get_pattern(request, group_id: Id):
    group = access.access_group_by_id(request.user, group_id)
    pattern = patterns.observation_pattern(group, today=dt.date.today())
    taps = patterns.tap_summaries(session.pk for session in pattern.sessions)
    rows = []
    for session in pattern.sessions:
        obs = session.observation_or_none
        rows.append({"session_id": session.pk, "date": session.date, "signs": obs.signs if obs else None,
                     "took_part": obs.took_part if obs else None,
                     "worth_coming_percent": _taps_out(session.pk, taps.get(session.pk))["worth_coming_percent"]})
    return {"group_id": group.pk, "sessions": rows,
            "drift": [{"sign": hint.code, "sessions_running": hint.run} for hint in pattern.hints]}


def _agreement_out(group) -> dict:
    state = patterns.agreement_state(group, today=dt.date.today())
    agreement = state.agreement
    if agreement is None:
        raise Http404
    return {"group_id": group.pk, "text": agreement.text, "updated_at": agreement.updated_at,
            "updated_by_id": agreement.updated_by_id, "revisited_on": agreement.revisited_on,
            "newcomers_since": state.newcomers, "revisit_due": state.revisit_due,
            "versions": [{"text": v.text, "saved_at": v.saved_at, "saved_by_id": v.saved_by_id}
                         for v in patterns.agreement_versions(agreement)]}


@router.get("/groups/{group_id}/agreement/", response={200: AgreementOut, **COMMON},
            summary="The group's own agreement, its earlier versions and whether newcomers joined since "
                    "(404 when the group has none)")
def get_agreement(request, group_id: Id):
    return _agreement_out(access.access_group_by_id(request.user, group_id))


@router.put("/groups/{group_id}/agreement/", response={200: AgreementOut, **CHANGE},
            summary="Write or change the group's agreement (the earlier text is kept as a version)")
def put_agreement(request, group_id: Id, payload: AgreementIn):
    user = request.user
    group = access.access_group_by_id(user, group_id, action="group.agreement_edit")
    with translation.override("en"):
        agreements.group_agreement_save(actor=user, group=group, text=payload.text)
    return _agreement_out(group)


@router.post("/groups/{group_id}/agreement/revisited/", response={200: AgreementOut, **CHANGE},
             summary="Record that the group went through its agreement today (after newcomers joined)")
def agreement_revisited(request, group_id: Id):
    user = request.user
    group = access.access_group_by_id(user, group_id, action="group.agreement_edit")
    with translation.override("en"):
        agreements.group_agreement_revisited(actor=user, group=group, on=dt.date.today())
    return _agreement_out(group)
