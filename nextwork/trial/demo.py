"""Demo data for the trial, called by nextwork.demo.builder: a live trial with the municipalities in their
research phase (Fredericia in the small demo), participants randomised over the last two and a half years
from the real sequence (permuted blocks from the trial's seeded secret): the treated are the demo's own
NExTWORK young people with their courses and a hand-over meeting, control young people drawn beside them, some randomised in error, some lost to follow-up, some
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
from nextwork.people.choices import CourseStatus, ReferralSource
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

# At most this many of a municipality's demo young people become treated participants; about as many
# control participants are drawn beside them.
TREATED_AT_MOST = {"small": 40, "municipality": 150, "national": 15}
MAX_SITES = 20
DEMO_TRIAL = "NExTWORK-forsøget 2"
EDUCATIONS = [Education.PRIMARY] * 6 + [Education.UPPER_SECONDARY] * 2 + [Education.VOCATIONAL, Education.UNKNOWN]
GENDERS = [Gender.FEMALE, Gender.MALE] * 6 + [Gender.OTHER]


def build(context) -> None:
    research = [item for item in context.municipalities
                if item.municipality.phase == Municipality.Phase.RESEARCH][:MAX_SITES]
    if not research:
        return
    today = context.today
    admin = User.objects.filter(role=Role.ADMIN).first()
    secret = bytes(context.random.getrandbits(8) for _ in range(32))  # seeded: the demo is reproducible
    # Municipalities added to an existing demo (nextwork/demo/tasks.py) join its trial, up to MAX_SITES.
    trial = Trial.objects.filter(name=DEMO_TRIAL).order_by("pk").first() or Trial.objects.create(
        name=DEMO_TRIAL, registry_record="ClinicalTrials.gov NCT0000000 (demo)",
        secret=secret.hex(), secret_sha256=randomisation.secret_sha256(secret), status=TrialStatus.LIVE,
        starts_on=today - dt.timedelta(days=900), ends_on=today + dt.timedelta(days=540),
        locked_at=timezone.now() - dt.timedelta(days=900), locked_by=admin)
    for item in research[:max(0, MAX_SITES - trial.sites.count())]:
        _site(context, trial, item, TREATED_AT_MOST.get(context.scale_name, 15))


def _site(context, trial: Trial, item, most: int) -> None:
    """The municipality's demo young people, in the order they were referred, are entered one by one; where
    the sequence says control, a young person with the same stratum who stayed with the usual services is
    drawn first (so the treated are the demo's own NExTWORK young people, drawn from the real sequence)."""
    rng, today, municipality = context.random, context.today, item.municipality
    caseworker = item.team[str(Role.CASEWORKER)][0]
    team_lead = item.team[str(Role.TEAM_LEAD)][0]
    TrialSite.objects.create(trial=trial, municipality=municipality, recruitment_target_treated=200,
                             joined_on=trial.starts_on)
    PhaseChange.objects.create(municipality=municipality, phase=Municipality.Phase.RESEARCH,
                               changed_on=trial.starts_on, changed_by=team_lead, note="Forsøget starter")
    # A CPR number is allocated once in a trial, across its municipalities.
    taken = {*YoungPerson.objects.filter(municipality=municipality).values_list("cpr_lookup", flat=True),
             *Participant.objects.filter(trial=trial).values_list("cpr_lookup", flat=True)}
    settings, secret = engine.settings_of(trial), engine.secret_of(trial)
    positions: dict[str, int] = {}
    participants: list[Participant] = []
    seen: set[int] = set()
    courses = sorted((c for c in item.courses if c.person_id not in seen and not seen.add(c.person_id)),
                     key=lambda c: (c.referred_on, c.pk))
    low = max(municipality.target_min_age, 18)
    for course in courses[:most]:
        person, on = course.person, max(course.referred_on, trial.starts_on)
        age = cpr.age_on(person.birth_date, on)
        if not low <= age <= 29:
            continue
        factors = engine.factors_of(trial, municipality=municipality, age=age,
                                    baseline={"benefit_type": person.benefit_type})
        stratum = engine.stratum_of(factors)
        while True:
            positions[stratum] = position = positions.get(stratum, 0) + 1
            arm = randomisation.arm_at(settings, secret, stratum, position)
            if arm == Arm.TREATMENT:
                participants.append(_participant(rng, trial, caseworker, on, stratum, position, arm, person=person,
                                                 age=age))
                break
            birth_date = _birth_date(rng, on, age)
            digits = _cpr(rng, birth_date, taken, today)
            participants.append(_participant(rng, trial, caseworker, on, stratum, position, arm, age=age,
                                             fresh=(digits, birth_date, person.benefit_type)))
    for index, participant in enumerate(participants):
        if index % 37 == 7:
            participant.in_error, participant.in_error_by = True, team_lead
            participant.in_error_reason = "Var allerede i job ved lodtrækningen"
            participant.in_error_at = participant.allocated_at + dt.timedelta(days=9)
        participant.lost_to_follow_up = index % 23 == 11
        if index % 41 == 13:
            participant.excluded_after_randomisation_reason = PostExclusionReason.WITHDREW_CONSENT
        participant.batch = participant.allocated_at.date() == trial.starts_on
    Participant.objects.bulk_create(participants, batch_size=1000)
    StratumCounter.objects.bulk_create([StratumCounter(trial=trial, stratum=s, is_test=False, next_position=n + 1)
                                        for s, n in positions.items()])
    YoungPerson.objects.filter(pk__in=[p.person_id for p in participants if p.person_id]).update(
        referral_source=ReferralSource.RANDOMISATION)
    _handovers(context, item, [p for p in participants if p.arm == Arm.TREATMENT])
    _crossovers(context, item, [p for p in participants if p.arm == Arm.CONTROL][2::10])
    _screening(context, trial, municipality, caseworker, len(participants))


def _participant(rng, trial, caseworker, on: dt.date, stratum: str, position: int, arm: str, *, age: int,
                 person=None, fresh=None) -> Participant:
    if person is not None:
        first, last, digits, birth_date, benefit = (person.first_name, person.last_name, person.cpr,
                                                    person.birth_date, person.benefit_type)
    else:
        (digits, birth_date, benefit), first, last = fresh, rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
    return Participant(
        trial=trial, municipality_id=caseworker.municipality_id, first_name=first, last_name=last, cpr=digits,
        cpr_lookup=lookup_hash(digits), birth_date=birth_date, eligibility_confirmed=True, informed=True, age=age,
        gender=rng.choice(GENDERS), benefit_type=benefit, months_on_support=min(12, max(0, int(rng.gauss(8, 3)))),
        highest_education=rng.choice(EDUCATIONS), stratum=stratum, position=position, arm=arm,
        allocated_at=timezone.make_aware(dt.datetime.combine(on, dt.time(9 + position % 7, position % 60))),
        entered_by=caseworker, person=person)


def _birth_date(rng, on: dt.date, age: int) -> dt.date:
    while True:
        birth_date = on - dt.timedelta(days=age * 365 + rng.randrange(20, 340))
        if cpr.age_on(birth_date, on) == age:
            return birth_date


def _handovers(context, item, treated: list[Participant]) -> None:
    rng, today, consultants = context.random, context.today, item.team["consultants"]
    HandoverMeeting.objects.bulk_create([HandoverMeeting(
        participant=p, meets_on=p.allocated_at.date() + dt.timedelta(days=7),
        previous_caseworker=p.entered_by.get_full_name(), consultant=rng.choice(consultants),
        carries_across="Praktik i gang: fortsætter" if i % 4 == 0 else "",
        held=p.allocated_at.date() + dt.timedelta(days=7) < today) for i, p in enumerate(treated)], batch_size=1000)


def _crossovers(context, item, controls: list[Participant]) -> None:
    """Control participants who later turned up in NExTWORK anyway: flagged on the trial's pages."""
    rng, today = context.random, context.today
    people = [YoungPerson(municipality_id=p.municipality_id, first_name=p.first_name, last_name=p.last_name,
                          cpr=p.cpr, cpr_lookup=p.cpr_lookup, birth_date=p.birth_date,
                          legal_sex="male" if int(p.cpr[-1]) % 2 else "female", referral_source=ReferralSource.SELF,
                          benefit_type=p.benefit_type, consent_given=True, consent_date=today)
              for p in controls]
    YoungPerson.objects.bulk_create(people)
    courses = []
    for participant, person in zip(controls, people, strict=True):
        referred = min(today, participant.allocated_at.date() + dt.timedelta(days=rng.randrange(30, 200)))
        courses.append(Course(municipality_id=person.municipality_id, person=person, referred_on=referred,
                              consultant=rng.choice(item.team["consultants"]), status=CourseStatus.ACTIVE,
                              started_on=min(today, referred + dt.timedelta(days=7))))
    Course.objects.bulk_create(courses)


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
