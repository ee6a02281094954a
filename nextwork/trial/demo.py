"""Demo data for the trial, called by nextwork.demo.builder: a live trial with the municipalities in their
research phase (Fredericia in the small demo), a few hundred participants randomised over the last eighteen
months with realistic baselines and the real sequence (permuted blocks from the trial's secret), treatment
with a NExTWORK course and a hand-over meeting, some randomised in error, some lost to follow-up, some
crossovers, young people assessed and not randomised, and the phase history. The caseworker login
`caseworker-<municipality>` enters young people."""

import datetime as dt

from django.utils import timezone

from nextwork import randomisation
from nextwork.core import cpr
from nextwork.core.crypto import lookup_hash
from nextwork.core.models import Municipality, User
from nextwork.core.roles import Role
from nextwork.demo import names
from nextwork.people.choices import BenefitType, CourseStatus, ReferralSource
from nextwork.people.models import Course, YoungPerson

from . import engine
from .choices import Arm, Education, ExclusionReason, Gender, PostExclusionReason, TrialStatus
from .models import (
    HandoverMeeting,
    Participant,
    PhaseChange,
    ScreeningRecord,
    StratumCounter,
    Trial,
    TrialSite,
)

PER_MUNICIPALITY = {"small": 160, "municipality": 300, "national": 30}
MAX_SITES = 20
BENEFITS = [BenefitType.EDUCATION_BENEFIT] * 5 + [BenefitType.CASH_BENEFIT] * 3 + [BenefitType.RESOURCE_COURSE]
EDUCATIONS = [Education.PRIMARY] * 6 + [Education.UPPER_SECONDARY] * 2 + [Education.VOCATIONAL, Education.UNKNOWN]


def build(context) -> None:
    research = [item for item in context.municipalities
                if item.municipality.phase == Municipality.Phase.RESEARCH][:MAX_SITES]
    if not research:
        return
    today = context.today
    admin = User.objects.filter(role=Role.ADMIN).first()
    secret = randomisation.new_secret()
    trial = Trial.objects.create(
        name="NExTWORK-forsøget 2", registry_record="ClinicalTrials.gov NCT0000000 (demo)",
        secret=secret.hex(), secret_sha256=randomisation.secret_sha256(secret), status=TrialStatus.LIVE,
        starts_on=today - dt.timedelta(days=540), ends_on=today + dt.timedelta(days=540),
        locked_at=timezone.now() - dt.timedelta(days=540), locked_by=admin)
    per_site = PER_MUNICIPALITY.get(context.scale_name, 30)
    for item in research:
        _site(context, trial, item, per_site)


def _site(context, trial: Trial, item, count: int) -> None:
    rng, today, municipality = context.random, context.today, item.municipality
    caseworker = item.team[str(Role.CASEWORKER)][0]
    team_lead = item.team[str(Role.TEAM_LEAD)][0]
    TrialSite.objects.create(trial=trial, municipality=municipality, recruitment_target_treated=200,
                             joined_on=trial.starts_on)
    PhaseChange.objects.create(municipality=municipality, phase=Municipality.Phase.RESEARCH,
                               changed_on=trial.starts_on, changed_by=team_lead, note="Forsøget starter")
    taken = set(YoungPerson.objects.filter(municipality=municipality).values_list("cpr_lookup", flat=True))
    settings, secret = engine.settings_of(trial), engine.secret_of(trial)
    positions: dict[str, int] = {}
    participants = []
    low = max(municipality.target_min_age, 18)
    for index in range(count):
        allocated_on = trial.starts_on + dt.timedelta(days=int(index * (today - trial.starts_on).days / count))
        age = rng.randrange(low, 30)
        birth_date = allocated_on - dt.timedelta(days=age * 365 + rng.randrange(20, 340))
        digits = _cpr(rng, birth_date, taken, today)
        benefit = rng.choice(BENEFITS)
        factors = engine.factors_of(trial, municipality=municipality, age=cpr.age_on(birth_date, allocated_on),
                                    baseline={"benefit_type": benefit})
        stratum = engine.stratum_of(factors)
        positions[stratum] = position = positions.get(stratum, 0) + 1
        first_name, last_name = rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
        participants.append(Participant(
            trial=trial, municipality=municipality, first_name=first_name, last_name=last_name, cpr=digits,
            cpr_lookup=lookup_hash(digits), birth_date=birth_date, eligibility_confirmed=True, informed=True,
            age=cpr.age_on(birth_date, allocated_on), gender=rng.choice([Gender.FEMALE, Gender.MALE] * 6 + [Gender.OTHER]),
            benefit_type=benefit, months_on_support=min(12, max(0, int(rng.gauss(8, 3)))),
            highest_education=rng.choice(EDUCATIONS), stratum=stratum, position=position,
            arm=randomisation.arm_at(settings, secret, stratum, position),
            allocated_at=timezone.make_aware(dt.datetime.combine(allocated_on, dt.time(9 + index % 7, index % 60))),
            entered_by=caseworker, batch=index < count // 5,
            in_error=index % 53 == 7, in_error_reason="Var allerede i job ved lodtrækningen" if index % 53 == 7 else "",
            in_error_by=team_lead if index % 53 == 7 else None,
            lost_to_follow_up=index % 29 == 11,
            excluded_after_randomisation_reason=PostExclusionReason.WITHDREW_CONSENT if index % 71 == 13 else "",
        ))
    for participant in participants:
        if participant.in_error:
            participant.in_error_at = participant.allocated_at + dt.timedelta(days=9)
    Participant.objects.bulk_create(participants, batch_size=1000)
    StratumCounter.objects.bulk_create([StratumCounter(trial=trial, stratum=s, is_test=False, next_position=n + 1)
                                        for s, n in positions.items()])
    _programme(context, item, participants)
    _screening(context, trial, municipality, caseworker, count)


def _programme(context, item, participants: list[Participant]) -> None:
    """Treatment: a NExTWORK record and course (most begun) and a hand-over meeting; control: every tenth
    turns up in NExTWORK anyway (crossover)."""
    rng, today = context.random, context.today
    consultants = item.team["consultants"]
    treated = [p for p in participants if p.arm == Arm.TREATMENT]
    crossover = [p for p in participants if p.arm == Arm.CONTROL][3::10]
    people = [YoungPerson(municipality=p.municipality, first_name=p.first_name, last_name=p.last_name, cpr=p.cpr,
                          cpr_lookup=p.cpr_lookup, birth_date=p.birth_date,
                          legal_sex="male" if int(p.cpr[-1]) % 2 else "female",
                          referral_source=ReferralSource.RANDOMISATION if p.arm == Arm.TREATMENT
                          else ReferralSource.SELF, benefit_type=p.benefit_type,
                          consent_given=True, consent_date=p.allocated_at.date())
              for p in treated + crossover]
    YoungPerson.objects.bulk_create(people, batch_size=1000)
    courses = []
    for index, (participant, person) in enumerate(zip(treated + crossover, people, strict=True)):
        referred = participant.allocated_at.date()
        if participant.arm == Arm.CONTROL:
            referred = min(today, referred + dt.timedelta(days=rng.randrange(30, 200)))
        began = index % 9 != 4 and (today - referred).days > 14
        courses.append(Course(municipality=participant.municipality, person=person, referred_on=referred,
                              consultant=rng.choice(consultants),
                              status=CourseStatus.ACTIVE if began else CourseStatus.REFERRED,
                              started_on=referred + dt.timedelta(days=rng.randrange(5, 14)) if began else None))
    Course.objects.bulk_create(courses, batch_size=1000)
    for participant, person in zip(treated, people, strict=False):
        participant.person = person
    Participant.objects.bulk_update(treated, ["person"], batch_size=1000)
    HandoverMeeting.objects.bulk_create([HandoverMeeting(
        participant=p, meets_on=p.allocated_at.date() + dt.timedelta(days=7),
        previous_caseworker=p.entered_by.get_full_name(), consultant=rng.choice(consultants),
        carries_across="Praktik i gang: fortsætter" if i % 4 == 0 else "",
        held=p.allocated_at.date() + dt.timedelta(days=7) < today) for i, p in enumerate(treated)], batch_size=1000)


def _screening(context, trial, municipality, caseworker, count: int) -> None:
    rng, today = context.random, context.today
    records = []
    for month in range(18):
        on = today - dt.timedelta(days=30 * month + 3)
        for reason, most in ((ExclusionReason.NOT_ELIGIBLE, 4), (ExclusionReason.DECLINED, 2),
                             (ExclusionReason.OTHER, 1)):
            n = rng.randrange(0, most + 1) * max(1, count // 160)
            if n:
                records.append(ScreeningRecord(trial=trial, municipality=municipality, assessed_on=on, reason=reason,
                                               count=n, recorded_by=caseworker))
    ScreeningRecord.objects.bulk_create(records)


def _cpr(rng, birth_date: dt.date, taken: set[str], today: dt.date) -> str:
    while True:
        digit7 = rng.choice("0123") if birth_date.year < 2000 else "4"
        digits = f"{birth_date:%d%m%y}{digit7}{rng.randrange(1000):03d}"
        try:
            cpr.parse(digits, today=today)
        except cpr.CprError:
            continue
        lookup = lookup_hash(digits)
        if lookup not in taken:
            taken.add(lookup)
            return digits
