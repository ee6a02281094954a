"""Builds reproducible demo data (seeded) straight into the database in bulk.

The data follow the same rules as the services (statuses, exits with follow-ups, timelines), so every
page of the demo shows realistic content. Staff logins follow one pattern: `<role>-<municipality>`.

`DemoBuilder(..., add=True)` adds a scale's municipalities that are not there yet (and the cross-municipal
logins that are missing) to a database that already holds demo data, e.g. the national scale on top of the
small demo (the page /demo-data/, nextwork/demo/tasks.py). Everything is built in one transaction.
"""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy

from nextwork.companies import demo as companies_demo
from nextwork.core import cpr
from nextwork.core.crypto import lookup_hash
from nextwork.core.models import Authority, Municipality, User
from nextwork.core.roles import Role
from nextwork.devising import demo as devising_demo
from nextwork.events import demo as events_demo
from nextwork.groups import demo as groups_demo
from nextwork.people.choices import (
    FOLLOW_UP_MONTHS,
    JOB_OR_EDUCATION_EXITS,
    BenefitType,
    ConversationKind,
    CourseStatus,
    ExitType,
    FollowUpOutcome,
    ReferralSource,
    TimelineKind,
    Weekday,
    in_week_order,
)
from nextwork.people.models import (
    Conversation,
    Course,
    Exit,
    FollowUp,
    PsychologistConversation,
    TimelineEntry,
    YoungPerson,
)
from nextwork.research import demo as research_demo
from nextwork.scorecards import demo as scorecards_demo
from nextwork.trial import demo as trial_demo
from nextwork.trial.models import Participant
from nextwork.wellbeing import demo as wellbeing_demo

from . import names

DEMO_PASSWORD = "nextwork-demo"  # noqa: S105  (demo data only)
MUNICIPAL_LOGINS = (
    ("team-lead", Role.TEAM_LEAD),
    ("youth-consultant", Role.YOUTH_CONSULTANT),
    ("company-consultant", Role.COMPANY_CONSULTANT),
    ("psychologist", Role.PSYCHOLOGIST),
    ("caseworker", Role.CASEWORKER),
    ("manager", Role.MANAGER),
)
# One person, several functions (the source documents): Roskilde's team lead is also a youth consultant;
# in Fredericia authority sits inside the team, so its caseworker is also a youth consultant.
ADDITIONAL_ROLES = {
    ("team-lead", "Roskilde"): [Role.YOUTH_CONSULTANT],
    ("caseworker", "Fredericia"): [Role.YOUTH_CONSULTANT],
}
CROSS_MUNICIPAL_LOGINS = (("secretariat", Role.SECRETARIAT), ("researcher", Role.RESEARCHER), ("admin", Role.ADMIN))
EXTRA_MUNICIPALITIES = (
    "Horsens", "Sønderborg", "Vejle", "Kalundborg", "København", "Aarhus", "Odense", "Aalborg", "Esbjerg",
    "Randers", "Kolding", "Herning", "Silkeborg", "Næstved", "Viborg", "Holbæk", "Slagelse", "Svendborg",
)


@dataclass
class MunicipalityDemo:
    municipality: Municipality
    team: dict[str, list[User]]  # role value -> users; "consultants" -> youth consultants and the team lead
    courses: list[Course]  # with .person set


@dataclass
class DemoContext:
    """What later apps' demo builders (groups, companies) get to build on."""

    scale_name: str
    today: dt.date
    random: random.Random
    municipalities: list[MunicipalityDemo]


@dataclass(frozen=True)
class Scale:
    municipalities: int
    young_people: int
    extra_consultants: int


SCALES = {
    "small": Scale(municipalities=2, young_people=60, extra_consultants=2),
    "municipality": Scale(municipalities=3, young_people=1500, extra_consultants=8),
    "national": Scale(municipalities=100, young_people=20000, extra_consultants=4),
}


def municipality_names(count: int) -> list[str]:
    base = ["Roskilde", "Fredericia", *EXTRA_MUNICIPALITIES]
    return [base[i] if i < len(base) else f"Kommune {i + 1:03d}" for i in range(count)]


def _quiet(percent: int, message: str) -> None:
    """Nobody follows the command's build."""


# Each app's demo step, in order, with what the progress bar says while it runs.
APP_STEPS = (
    (gettext_lazy("Network groups"), groups_demo.build),
    (gettext_lazy("Companies and internships"), companies_demo.build),
    (gettext_lazy("Events"), events_demo.build),
    (gettext_lazy("Well-being"), wellbeing_demo.build),
    (gettext_lazy("Devising"), devising_demo.build),
    (gettext_lazy("Fidelity reviews"), scorecards_demo.build),
    (gettext_lazy("The trial"), trial_demo.build),
    (gettext_lazy("Register data and the trial report"), research_demo.build),  # after the trial: its participants' panel
    (gettext_lazy("Fidelity figures"), scorecards_demo.store_figures),  # last: over every app's records
)


class DemoBuilder:
    def __init__(self, *, scale: str, seed: int = 2017, today: dt.date | None = None, add: bool = False,
                 progress: Callable[[int, str], None] = _quiet):
        self.scale_name = scale
        self.add = add
        self.progress = progress
        self.added: list[Municipality] = []
        self.scale = SCALES[scale]
        self.seed = seed
        self.random = random.Random(seed)
        self.today = today or dt.date.today()
        self.password = make_password(DEMO_PASSWORD)
        self.used_cprs: set[str] = set()
        self.used_lookups: set[str] = set()  # adding: the CPR numbers already in the database, as lookup hashes
        self.logins: list[tuple[str, str, str]] = []

    @transaction.atomic
    def build(self) -> list[tuple[str, str, str]]:
        existing_users = set(User.objects.values_list("username", flat=True)) if self.add else set()
        for username, role in CROSS_MUNICIPAL_LOGINS:
            if username not in existing_users:
                self._user(username, role, None, is_staff=role == Role.ADMIN)
        names_ = municipality_names(self.scale.municipalities)
        existing = set(Municipality.objects.values_list("name", flat=True)) if self.add else set()
        if existing:
            # Other draws than the demo already here (else the new towns would repeat its people), and no CPR
            # number twice: the demo trial takes each number once, across its municipalities.
            self.random.seed(f"{self.seed}+{len(existing)}")
            self.used_lookups = {*YoungPerson.objects.values_list("cpr_lookup", flat=True),
                                 *Participant.objects.values_list("cpr_lookup", flat=True)}
        # Indexes stay those of the whole scale: a municipality is built the same way whether added or not.
        missing = [(index, name) for index, name in enumerate(names_) if name not in existing]
        built: list[MunicipalityDemo] = []
        per_municipality = self.scale.young_people // len(names_)
        for done, (index, name) in enumerate(missing):
            self.progress(60 * done // len(missing), gettext("Municipality %(name)s (%(done)d of %(count)d)")
                          % {"name": name, "done": done + 1, "count": len(missing)})
            municipality = self._municipality(name, index)
            team = self._team(municipality)
            courses = self._young_people(municipality, team, per_municipality, overloaded=name == "Fredericia")
            if self.scale is SCALES["small"]:
                self._scenarios(municipality, team)
            built.append(MunicipalityDemo(municipality=municipality, team=team, courses=courses))
            self.added.append(municipality)
        if not built:
            return self.logins
        context = DemoContext(scale_name=self.scale_name, today=self.today, random=self.random,
                              municipalities=built)
        for done, (label, step) in enumerate(APP_STEPS):
            self.progress(60 + 40 * done // len(APP_STEPS), str(label))
            step(context)
        return self.logins

    def _municipality(self, name: str, index: int) -> Municipality:
        municipality = Municipality.objects.create(
            name=name, slug=slugify(name.replace("ø", "oe").replace("æ", "ae").replace("å", "aa")),
            # Fredericia has been in the research phase since 2023; Roskilde in operations since 2019.
            phase=(Municipality.Phase.RESEARCH if name == "Fredericia" or index % 3 == 2
                   else Municipality.Phase.OPERATIONS),
            authority=Authority.INSIDE_TEAM if name == "Fredericia" else Authority.OUTSIDE_TEAM,
            attendance_shared_with_caseworkers=name == "Fredericia",
            routines_established=index % 2 == 0,
            # Fredericia wishes to take young people from 16 (the source documents).
            target_min_age=16 if name == "Fredericia" else 18,
        )
        return municipality

    def _user(self, username, role, municipality, *, first="", last="", is_staff=False,
              additional_roles=()) -> User:
        user = User.objects.create(
            username=username, password=self.password, role=role, municipality=municipality,
            first_name=first, last_name=last, is_staff=is_staff, is_superuser=is_staff,
            additional_roles=[str(extra) for extra in additional_roles],
        )
        self.logins.append((username, ", ".join(str(label) for label in user.roles_display()),
                            municipality.name if municipality else "—"))
        return user

    def _team(self, municipality: Municipality) -> dict[str, list[User]]:
        slug = municipality.slug
        team: dict[str, list[User]] = {"consultants": []}
        for prefix, role in MUNICIPAL_LOGINS:
            first, last = self._name()
            user = self._user(f"{prefix}-{slug}", role, municipality, first=first, last=last,
                              additional_roles=ADDITIONAL_ROLES.get((prefix, municipality.name), ()))
            team.setdefault(str(role), []).append(user)
            if role in (Role.YOUTH_CONSULTANT, Role.TEAM_LEAD):
                team["consultants"].append(user)
        for number in range(1, self.scale.extra_consultants + 1):
            first, last = self._name()
            user = User.objects.create(
                username=f"youth-consultant-{slug}-{number + 1}", password=self.password,
                role=Role.YOUTH_CONSULTANT, municipality=municipality, first_name=first, last_name=last)
            team["consultants"].append(user)
        return team

    def _name(self) -> tuple[str, str]:
        return self.random.choice(names.FIRST_NAMES), self.random.choice(names.LAST_NAMES)

    def _cpr(self, birth_date: dt.date) -> str:
        while True:
            if birth_date.year < 2000:
                century_digit = self.random.choice("0123")
            else:
                century_digit = self.random.choice("4" if birth_date.year % 100 <= 36 else "5")
            digits = f"{birth_date:%d%m%y}{century_digit}{self.random.randrange(1000):03d}"
            if digits in self.used_cprs or (self.used_lookups and lookup_hash(digits) in self.used_lookups):
                continue
            try:
                cpr.parse(digits, today=self.today)
            except cpr.CprError:
                continue
            self.used_cprs.add(digits)
            return digits

    def _young_people(self, municipality, team, count, *, overloaded: bool) -> list[Course]:
        rng = self.random
        consultants = team["consultants"]
        primary = team[str(Role.YOUTH_CONSULTANT)][0]
        psychologist = team[str(Role.PSYCHOLOGIST)][0]
        people, plans = [], []
        for index in range(count):
            first_name, last_name = self._name()
            age_days = rng.randrange(18 * 365 + 30, 29 * 365)
            birth_date = self.today - dt.timedelta(days=age_days)
            digits = self._cpr(birth_date)
            days_ago = rng.randrange(1, 900)
            referred_on = self.today - dt.timedelta(days=days_ago)
            people.append(YoungPerson(
                municipality=municipality, first_name=first_name, last_name=last_name, cpr=digits,
                cpr_lookup=lookup_hash(digits), birth_date=birth_date,
                legal_sex="male" if int(digits[-1]) % 2 else "female",
                phone=f"+45 {rng.randrange(20, 99)} {rng.randrange(10, 99)} {rng.randrange(10, 99)} {rng.randrange(10, 99)}",
                email=f"{slugify(first_name)}.{slugify(last_name)}{index}@example.dk",
                address=f"{rng.choice(names.STREETS)} {rng.randrange(1, 120)}, {municipality.name}",
                referral_source=rng.choice(ReferralSource.values), benefit_type=rng.choice(
                    [BenefitType.EDUCATION_BENEFIT] * 4 + [BenefitType.CASH_BENEFIT] * 2 + BenefitType.values),
                education_history=rng.choice(names.EDUCATION), work_history=rng.choice(names.WORK),
                interests=", ".join(rng.sample(names.INTERESTS, 2)),
                dream_trades=", ".join(rng.sample(names.DREAM_TRADES, rng.randrange(1, 3))),
                available_days=in_week_order(rng.sample(Weekday.values, rng.randrange(2, 6))),
                consent_given=True, consent_date=referred_on,
            ))
            plans.append((referred_on, days_ago))
        YoungPerson.objects.bulk_create(people, batch_size=2000)
        courses, stage_of = [], {}
        for index, (person, (referred_on, days_ago)) in enumerate(zip(people, plans, strict=True)):
            stage = self._stage(index, days_ago)
            consultant = primary if overloaded or index % 3 != 2 else rng.choice(consultants)
            if stage == "referred" and index % 2:
                consultant = None
            course = Course(municipality=municipality, person=person, referred_on=referred_on,
                            consultant=consultant, status=stage if stage != "ended" else CourseStatus.ENDED)
            if stage != "referred":
                course.started_on = min(referred_on + dt.timedelta(days=rng.randrange(2, 21)), self.today)
            courses.append(course)
            stage_of[id(course)] = stage
        Course.objects.bulk_create(courses, batch_size=2000)
        self._histories(courses, psychologist)
        return courses

    def _stage(self, index: int, days_ago: int) -> str:
        if days_ago < 20:
            return "referred" if index % 3 else "active"
        if days_ago > 400 and index % 5 != 0:
            return "ended"
        # By position, not by draw: every stage appears in every demo, whatever day it is built on.
        return (["active"] * 6 + ["paused"] + ["ended"] * 2)[index % 9]

    def _histories(self, courses: list[Course], psychologist: User) -> None:
        rng = self.random
        timeline, conversations, psych, exits, follow_ups = [], [], [], [], []
        for course in courses:
            actor = course.consultant
            timeline.append(TimelineEntry(course=course, kind=TimelineKind.INTAKE, occurred_on=course.referred_on,
                                          actor=actor, summary="Registreret og henvist til NExTWORK."))
            if course.consultant:
                timeline.append(TimelineEntry(course=course, kind=TimelineKind.ASSIGNED,
                                              occurred_on=course.referred_on, actor=actor,
                                              summary=f"Ansvarlig konsulent: {course.consultant}"))
            if course.started_on is None:
                continue
            timeline.append(TimelineEntry(course=course, kind=TimelineKind.STATUS, occurred_on=course.started_on,
                                          actor=actor, summary="Status: Aktiv"))
            end = self.today if course.status != CourseStatus.ENDED else min(
                self.today, course.started_on + dt.timedelta(days=rng.randrange(90, 500)))
            last_contact = None
            span = max((end - course.started_on).days, 1)
            for _ in range(rng.randrange(1, 7)):
                day = course.started_on + dt.timedelta(days=rng.randrange(span))
                kind = rng.choice(ConversationKind.values)
                text = rng.choice(names.CONVERSATION_TEXTS)
                conversations.append(Conversation(course=course, kind=kind, occurred_on=day,
                                                  author=actor or psychologist, text=text))
                # The timeline says the kind and the date, never the note's text (it is in the note).
                timeline.append(TimelineEntry(course=course, kind=TimelineKind.CONVERSATION, occurred_on=day,
                                              actor=actor, summary=str(ConversationKind(kind).label),
                                              message="%(conversation_kind)s", params={"conversation_kind": kind}))
                if kind != ConversationKind.NOTE:
                    last_contact = max(last_contact or day, day)
            if rng.random() < 0.25:
                day = course.started_on + dt.timedelta(days=rng.randrange(span))
                psych.append(PsychologistConversation(course=course, occurred_on=day, author=psychologist,
                                                      note=rng.choice(names.PSYCHOLOGIST_TEXTS)))
                timeline.append(TimelineEntry(course=course, kind=TimelineKind.PSYCHOLOGIST, occurred_on=day,
                                              actor=psychologist, summary="Samtale med psykologen."))
            course.last_contact_on = last_contact
            if course.status == CourseStatus.PAUSED:
                timeline.append(TimelineEntry(course=course, kind=TimelineKind.STATUS, occurred_on=end,
                                              actor=actor, summary="Status: På pause"))
            if course.status == CourseStatus.ENDED:
                exit_type = rng.choice([ExitType.JOB] * 4 + [ExitType.EDUCATION_SU] * 3 + ExitType.values)
                course.ended_on = end
                exit = Exit(course=course, exit_type=exit_type, exit_date=end, recorded_by=actor or psychologist,
                            employer_or_school=rng.choice(["Roskilde Tekniske Skole", "Netto", "Kommunens vejafdeling",
                                                           "Bygma", "Lokal tømrermester", ""]))
                exits.append(exit)
                timeline.append(TimelineEntry(course=course, kind=TimelineKind.EXIT, occurred_on=end, actor=actor,
                                              summary=f"Forløb afsluttet: {ExitType(exit_type).label}"))
        Course.objects.bulk_update([c for c in courses if c.started_on], ["last_contact_on", "ended_on"],
                                   batch_size=2000)
        Exit.objects.bulk_create(exits, batch_size=2000)
        for exit in exits:
            for months in FOLLOW_UP_MONTHS:
                due = exit.exit_date + relativedelta(months=months)
                follow_up = FollowUp(exit=exit, municipality_id=exit.course.municipality_id,
                                     months_after=months, due_on=due)
                if due <= self.today - dt.timedelta(days=14) or (due <= self.today and rng.random() < 0.5):
                    follow_up.outcome = self._outcome(exit.exit_type)
                    follow_up.recorded_on = min(due + dt.timedelta(days=rng.randrange(0, 10)), self.today)
                    follow_up.recorded_by = exit.recorded_by
                follow_ups.append(follow_up)
        FollowUp.objects.bulk_create(follow_ups, batch_size=5000)
        Conversation.objects.bulk_create(conversations, batch_size=5000)
        PsychologistConversation.objects.bulk_create(psych, batch_size=2000)
        TimelineEntry.objects.bulk_create(timeline, batch_size=5000)

    def _outcome(self, exit_type: str) -> str:
        if exit_type in JOB_OR_EDUCATION_EXITS:
            return self.random.choice([FollowUpOutcome.STAYED] * 5 + FollowUpOutcome.values)
        return self.random.choice(FollowUpOutcome.values)

    def _scenarios(self, municipality: Municipality, team: dict[str, list[User]]) -> None:
        """Hand-made cases for the small demo: a follow-up due today, a duplicate to merge, an exception."""
        consultant = team[str(Role.YOUTH_CONSULTANT)][0]
        lead = team[str(Role.TEAM_LEAD)][0]
        birth_date = self.today - relativedelta(years=23, days=40)
        pair = []
        for phone in ("+45 22 33 44 55", ""):
            digits = self._cpr(birth_date)
            pair.append(YoungPerson.objects.create(
                municipality=municipality, first_name="Sofie", last_name="Lund", cpr=digits,
                cpr_lookup=lookup_hash(digits), birth_date=birth_date, phone=phone,
                referral_source=ReferralSource.YOUTH_GUIDANCE, benefit_type=BenefitType.EDUCATION_BENEFIT,
                dream_trades="Frisør", available_days=["mon", "thu"], consent_given=True,
                consent_date=self.today - dt.timedelta(days=30)))
        for person in pair:
            course = Course.objects.create(municipality=municipality, person=person, consultant=consultant,
                                           referred_on=self.today - dt.timedelta(days=30))
            TimelineEntry.objects.create(course=course, kind=TimelineKind.INTAKE, occurred_on=course.referred_on,
                                         actor=consultant, summary="Registreret og henvist til NExTWORK.")
        older = self.today - relativedelta(years=30, days=100)
        digits = self._cpr(older)
        person = YoungPerson.objects.create(
            municipality=municipality, first_name="Jonas", last_name="Berg", cpr=digits,
            cpr_lookup=lookup_hash(digits), birth_date=older, referral_source=ReferralSource.JOBCENTRE,
            benefit_type=BenefitType.CASH_BENEFIT, dream_trades="Mekaniker", available_days=["tue", "wed"],
            consent_given=True, consent_date=self.today - dt.timedelta(days=60))
        course = Course.objects.create(
            municipality=municipality, person=person, consultant=consultant, status=CourseStatus.ACTIVE,
            referred_on=self.today - dt.timedelta(days=60), started_on=self.today - dt.timedelta(days=50),
            last_contact_on=self.today - dt.timedelta(days=5), outside_target_group=True, admitted_by=lead,
            admission_reason="Netop fyldt 30; har et tæt netværk i gruppen fra et tidligere forløb.")
        TimelineEntry.objects.create(course=course, kind=TimelineKind.INTAKE, occurred_on=course.referred_on,
                                     actor=lead, summary="Optaget uden for målgruppen: " + course.admission_reason)
        exit_date = self.today - relativedelta(months=3)
        digits = self._cpr(self.today - relativedelta(years=21))
        person = YoungPerson.objects.create(
            municipality=municipality, first_name="Ahmad", last_name="Hussein", cpr=digits,
            cpr_lookup=lookup_hash(digits), birth_date=self.today - relativedelta(years=21),
            referral_source=ReferralSource.YOUTH_GUIDANCE, benefit_type=BenefitType.EDUCATION_BENEFIT,
            dream_trades="Smed", consent_given=True, consent_date=exit_date - dt.timedelta(days=200))
        course = Course.objects.create(
            municipality=municipality, person=person, consultant=consultant, status=CourseStatus.ENDED,
            referred_on=exit_date - dt.timedelta(days=200), started_on=exit_date - dt.timedelta(days=190),
            ended_on=exit_date)
        exit = Exit.objects.create(course=course, exit_type=ExitType.EDUCATION_SU, exit_date=exit_date,
                                   employer_or_school="Erhvervsskole, smedeuddannelsen", recorded_by=consultant)
        TimelineEntry.objects.create(course=course, kind=TimelineKind.EXIT, occurred_on=exit_date, actor=consultant,
                                     summary="Forløb afsluttet: Uddannelse med SU")
        FollowUp.objects.bulk_create(
            FollowUp(exit=exit, municipality=municipality, months_after=months,
                     due_on=exit_date + relativedelta(months=months))
            for months in FOLLOW_UP_MONTHS
        )
        # "A follow-up due today", also at the end of a month (31 May minus three months plus three is 28 May).
        FollowUp.objects.filter(exit=exit, months_after=3).update(due_on=self.today)
