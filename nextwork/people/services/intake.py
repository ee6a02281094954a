import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nextwork.core import audit, cpr
from nextwork.core.crypto import lookup_hash
from nextwork.core.errors import DomainError
from nextwork.core.models import Municipality
from nextwork.core.permissions import can, require

from ..choices import CourseStatus, TimelineKind
from ..models import Course, YoungPerson
from ..selectors import find_duplicates
from .timeline import timeline_add

CPR_MESSAGES = {
    "length": lambda: _("A CPR number has 10 digits, e.g. 010203-1234."),
    "date": lambda: _("The first six digits of a CPR number must be a valid date (DDMMYY)."),
    "future": lambda: _("The CPR number gives a birth date in the future."),
    "modulus11": lambda: _(
        "The CPR number fails the modulus-11 check that applies to people born before 1 October 2007."
    ),
}

PERSON_FIELDS = (
    "first_name", "last_name", "phone", "email", "address", "referral_source", "benefit_type",
    "in_employment", "in_education", "in_internship", "education_history", "work_history", "interests",
    "dream_trades", "available_days", "availability_note", "consent_given", "consent_date",
)


def parse_cpr(value: str) -> cpr.CprNumber:
    try:
        return cpr.parse(value)
    except cpr.CprError as error:
        raise DomainError(CPR_MESSAGES[error.code](), field="cpr_number") from error


def target_group_problems(
    *, municipality: Municipality, birth_date: dt.date, in_employment: bool, in_education: bool,
    in_internship: bool, on: dt.date,
) -> list[str]:
    """Why a person falls outside the municipality's target group; empty when they are inside it."""
    problems = []
    age = cpr.age_on(birth_date, on)
    if not municipality.target_min_age <= age <= municipality.target_max_age:
        problems.append(
            _("Age %(age)s is outside %(municipality)s's target group of %(low)s-%(high)s years.")
            % {"age": age, "municipality": municipality.name, "low": municipality.target_min_age,
               "high": municipality.target_max_age}
        )
    if municipality.target_requires_neet:
        occupied = [
            label for flag, label in (
                (in_employment, _("in employment")),
                (in_education, _("in education")),
                (in_internship, _("in an internship")),
            ) if flag
        ]
        if occupied:
            problems.append(
                _("The target group is young people neither in employment, education nor internship; "
                  "this person is %(occupied)s.") % {"occupied": ", ".join(occupied)}
            )
    return problems


@dataclass(frozen=True)
class Intake:
    person: YoungPerson
    course: Course


@transaction.atomic
def young_person_register(
    *, actor, details: dict, cpr_number: str, referred_on: dt.date, consultant=None,
    admission_reason: str = "", not_a_duplicate: bool = False,
) -> Intake:
    require(actor, "person.create")
    municipality = actor.municipality
    parsed = parse_cpr(cpr_number)
    cpr_lookup = lookup_hash(parsed.digits)
    if YoungPerson.objects.filter(municipality=municipality, cpr_lookup=cpr_lookup, merged_into=None).exists():
        raise DomainError(
            _("A young person with this CPR number is already registered. Open their record instead."),
            field="cpr_number",
        )
    duplicates = find_duplicates(
        municipality=municipality, first_name=details["first_name"], last_name=details["last_name"],
        birth_date=parsed.birth_date,
    )
    if duplicates and not not_a_duplicate:
        raise DomainError(
            _("A young person with the same name and birth date is already registered. Check whether it is "
              "the same person; if not, tick 'This is a different person' and save again."),
            field="not_a_duplicate",
        )
    problems = target_group_problems(
        municipality=municipality, birth_date=parsed.birth_date, in_employment=details["in_employment"],
        in_education=details["in_education"], in_internship=details["in_internship"], on=referred_on,
    )
    admission_reason = admission_reason.strip()
    if problems and not admission_reason:
        raise DomainError(
            " ".join(problems) + " " + _("A team lead can admit the person with a recorded reason."),
            field="admission_reason",
        )
    if problems and not can(actor, "person.admit_outside_target_group"):
        raise DomainError(
            " ".join(problems) + " " + _("Only a team lead can admit a person outside the target group."),
            field="admission_reason",
        )
    if consultant is not None and consultant.municipality_id != municipality.pk:
        raise DomainError(_("The consultant must belong to your municipality."), field="consultant")
    person = YoungPerson(
        municipality=municipality, cpr=parsed.digits, cpr_lookup=cpr_lookup, birth_date=parsed.birth_date,
        legal_sex=parsed.legal_sex,
        **{name: details[name] for name in PERSON_FIELDS if name in details},
    )
    person.full_clean(exclude=["cpr_lookup"])
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as error:  # a concurrent intake of the same CPR number
        raise DomainError(_("A young person with this CPR number is already registered."), field="cpr_number") from error
    course = Course.objects.create(
        municipality=municipality, person=person, referred_on=referred_on, consultant=consultant,
        status=CourseStatus.REFERRED, outside_target_group=bool(problems),
        admission_reason=admission_reason if problems else "", admitted_by=actor if problems else None,
    )
    timeline_add(course=course, kind=TimelineKind.INTAKE, actor=actor, on=referred_on,
                 message=gettext_noop("Registered and referred to NExTWORK."))
    if problems:
        timeline_add(course=course, kind=TimelineKind.INTAKE, actor=actor, on=referred_on,
                     message=gettext_noop("Admitted outside the target group: %(reason)s"),
                     params={"reason": admission_reason})
    audit.record(actor=actor, action="create", object_type="young_person", object_id=person.pk,
                 municipality_id=municipality.pk, summary="intake")
    return Intake(person=person, course=course)


@transaction.atomic
def young_person_update(*, actor, person: YoungPerson, details: dict, cpr_number: str | None = None) -> YoungPerson:
    require(actor, "person.edit")
    # Compare with what is stored, not with `person`: a bound model form has already copied the new values
    # onto the instance it was given. The row lock keeps two simultaneous edits from both seeing "before".
    stored = YoungPerson.objects.select_for_update().get(pk=person.pk)
    changed = [name for name in PERSON_FIELDS if name in details and getattr(stored, name) != details[name]]
    diff = {name: (getattr(stored, name), details[name]) for name in changed}
    for name in changed:
        setattr(person, name, details[name])
    if cpr_number is not None:
        parsed = parse_cpr(cpr_number)
        if parsed.digits != stored.cpr:
            lookup = lookup_hash(parsed.digits)
            clash = YoungPerson.objects.filter(
                municipality=person.municipality_id, cpr_lookup=lookup, merged_into=None
            ).exclude(pk=person.pk)
            if clash.exists():
                raise DomainError(_("Another young person is registered with this CPR number."), field="cpr_number")
            person.cpr, person.cpr_lookup, person.birth_date = parsed.digits, lookup, parsed.birth_date
            person.legal_sex = parsed.legal_sex
            changed.append("cpr")
            diff["cpr"] = None  # never the number itself
    if not changed:
        return person
    person.full_clean(exclude=["cpr_lookup"])
    person.save()
    course = person.courses.order_by("-referred_on", "-id").first()
    if course is not None:
        timeline_add(course=course, kind=TimelineKind.EDITED, actor=actor,
                     message=gettext_noop("Details changed: %(fields)s"), params={"fields": changed})
    audit.record_change(actor=actor, object_type="young_person", object_id=person.pk,
                        municipality_id=person.municipality_id, changes=diff)
    return person
