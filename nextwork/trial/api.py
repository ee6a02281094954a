"""The JSON API for the trial, with the same permissions, municipal scoping and audit as the pages:
randomise (idempotent per CPR number), the participant list (names for the entering roles of the
municipality, pseudonyms for researchers), CONSORT, balance, recruitment and marking an error."""

import datetime as dt

from ninja import Field, Router, Schema, Status

from nextwork.core.api import Id, text
from nextwork.core.permissions import can
from nextwork.people.choices import BenefitType

from . import access
from .choices import Education, Gender
from .services import records
from .services.randomise import participant_randomise

router = Router(tags=["randomised trial"])


class Error(Schema):
    detail: str


class DomainErrorOut(Schema):
    detail: str
    field: str | None = None


class EntryIn(Schema):
    eligibility_confirmed: bool = Field(description="The caseworker confirms the young person is eligible")
    informed: bool = Field(description="The young person has been told about the trial")
    first_name: text(100, min_length=1)
    last_name: text(100, min_length=1)
    cpr_number: text(11, min_length=10)
    gender: Gender
    benefit_type: BenefitType
    months_on_support: int = Field(ge=0, le=12)
    highest_education: Education
    extra_covariates: dict[str, str | int | bool] = Field(default_factory=dict, max_length=50)


class AllocationOut(Schema):
    participant_id: int
    research_id: str
    stratum: str
    position: int
    arm: str
    allocated_at: dt.datetime
    is_test: bool
    repeated: bool = Field(description="True: the person was already randomised; this is the original allocation")
    person_id: int | None


class ParticipantOut(Schema):
    id: int
    research_id: str
    municipality_id: int
    stratum: str
    position: int
    arm: str
    allocated_at: dt.datetime
    age: int
    gender: str
    benefit_type: str
    months_on_support: int
    highest_education: str
    extra_covariates: dict
    in_error: bool
    batch: bool
    lost_to_follow_up: bool
    excluded_after_randomisation_reason: str
    crossover: bool
    first_name: str | None = None
    last_name: str | None = None


class InErrorIn(Schema):
    reason: text(1000, min_length=1)


def _allocation(participant, repeated: bool) -> dict:
    return {"participant_id": participant.pk, "research_id": participant.research_id,
            "stratum": participant.stratum, "position": participant.position, "arm": participant.arm,
            "allocated_at": participant.allocated_at, "is_test": participant.is_test, "repeated": repeated,
            "person_id": participant.person_id}


@router.post("/{trial_id}/randomise/", response={201: AllocationOut, 200: AllocationOut, 400: DomainErrorOut,
                                                 403: Error, 404: Error})
def randomise(request, trial_id: Id, body: EntryIn):
    """Enters a young person (baseline first) and draws the arm. The same CPR number again answers 200 with
    the original allocation; a new allocation answers 201."""
    trial = access.trial_for(request.user, trial_id, "trial.randomise")
    result = participant_randomise(actor=request.user, trial=trial, data=body.dict())
    return Status(200 if result.repeated else 201, _allocation(result.participant, result.repeated))


@router.get("/{trial_id}/participants/", response={200: list[ParticipantOut], 403: Error, 404: Error})
def participants(request, trial_id: Id):
    """The municipality's participants with names for those who enter them; everyone's, pseudonymised, for
    researchers (research ID, stratum, arm and baseline; no names or CPR numbers)."""
    user = request.user
    trial = access.trial_for_view(user, trial_id)
    named = can(user, "trial.participants")
    rows = access.participants_list(user, trial) if named else list(access.pseudonymised_participants(user, trial))
    out = []
    for p in rows:
        item = {name: getattr(p, name) for name in ParticipantOut.model_fields if hasattr(p, name)}
        item["crossover"] = p.arm == "control" and bool(getattr(p, "in_activity", False))
        if not named:
            item["first_name"] = item["last_name"] = None
        out.append(item)
    return out


@router.get("/{trial_id}/consort/", response={200: dict, 403: Error, 404: Error})
def consort(request, trial_id: Id):
    trial = access.trial_for(request.user, trial_id, "trial.figures")
    return access.figures_for(request.user, trial, "consort")


@router.get("/{trial_id}/balance/", response={200: dict, 403: Error, 404: Error})
def balance(request, trial_id: Id):
    trial = access.trial_for(request.user, trial_id, "trial.figures")
    table = access.figures_for(request.user, trial, "balance")
    return {"treatment_n": table["treatment_n"], "control_n": table["control_n"],
            "rows": [{"label": str(r.label), "kind": r.kind, "treatment": r.treatment, "control": r.control,
                      "std_difference": r.std_difference} for r in table["rows"]]}


@router.get("/{trial_id}/recruitment/", response={200: dict, 403: Error, 404: Error})
def recruitment(request, trial_id: Id):
    trial = access.trial_for(request.user, trial_id, "trial.figures")
    figures = access.figures_for(request.user, trial, "recruitment")

    def row(site):
        return {"municipality": str(site.name), "municipality_id": site.municipality_id, "target": site.target,
                "treated": site.treated, "control": site.control, "share_percent": site.share,
                "per_week_needed": site.per_week_needed, "per_month_needed": site.per_month_needed}

    return {"ends_on": figures["ends_on"], "total": row(figures["total"]), "sites": [row(s) for s in figures["sites"]]}


@router.post("/participants/{participant_id}/in-error/", response={200: AllocationOut, 400: DomainErrorOut,
                                                                    403: Error, 404: Error})
def mark_in_error(request, participant_id: Id, body: InErrorIn):
    """Marks a participant randomised in error (a team lead in their municipality, an administrator). The
    participant stays in the sequence and in the intention-to-treat population."""
    participant = access.participant_for_change(request.user, participant_id, "trial.mark_in_error")
    participant = records.participant_mark_in_error(actor=request.user, participant=participant, reason=body.reason)
    return _allocation(participant, False)
