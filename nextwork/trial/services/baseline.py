"""Checking what a caseworker enters before allocation. One function for the form, the API and the batch
import, so each says the same thing about the same mistake."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from nextwork.core import cpr as cpr_numbers
from nextwork.core.crypto import lookup_hash
from nextwork.core.errors import DomainError
from nextwork.people.choices import BenefitType
from nextwork.people.models import YoungPerson
from nextwork.people.services.intake import parse_cpr

from ..choices import Education, Gender

BASELINE_FIELDS = ("first_name", "last_name", "cpr_number", "gender", "benefit_type", "months_on_support",
                   "highest_education")


@dataclass(frozen=True)
class Baseline:
    first_name: str
    last_name: str
    cpr: str
    cpr_lookup: str
    birth_date: dt.date
    age: int
    gender: str
    benefit_type: str
    months_on_support: int
    highest_education: str
    extra: dict = field(default_factory=dict)

    def factor_values(self) -> dict:
        return {"gender": self.gender, "benefit_type": self.benefit_type,
                "months_on_support": str(self.months_on_support), "highest_education": self.highest_education,
                **{key: str(value) for key, value in self.extra.items()}}


def _choice(data: dict, name: str, choices, message: str) -> str:
    value = str(data.get(name) or "").strip()
    if value not in choices.values:
        raise DomainError(message, field=name)
    return value


def _months(data: dict) -> int:
    raw = data.get("months_on_support")
    try:
        months = int(str(raw).strip())
    except (TypeError, ValueError):
        months = -1
    if not 0 <= months <= 12:
        raise DomainError(_("Months on public support in the last year must be a whole number from 0 to 12."),
                          field="months_on_support")
    return months


def _extra(trial, data: dict) -> dict:
    extra = {}
    given = data.get("extra_covariates") or {}
    for spec in trial.extra_fields:
        key, kind = spec["key"], spec.get("kind", "text")
        raw = given.get(key, data.get(f"extra_{key}", ""))
        if kind == "bool":
            extra[key] = raw in (True, "true", "True", "1", "on", "yes", 1)
            continue
        text = str(raw if raw is not None else "").strip()
        if not text:
            raise DomainError(_("Fill in %(field)s.") % {"field": spec.get("label", key)}, field=f"extra_{key}")
        if kind == "int":
            try:
                extra[key] = int(text)
            except ValueError:
                raise DomainError(_("%(field)s must be a whole number.") % {"field": spec.get("label", key)},
                                  field=f"extra_{key}") from None
        else:
            extra[key] = text[:200]
    return extra


def baseline_check(*, trial, municipality, data: dict, on: dt.date) -> Baseline:
    """The entered baseline, or DomainError naming the first field that is wrong."""
    if data.get("eligibility_confirmed") not in (True, "true", "True", "1", "on", 1):
        raise DomainError(_("Confirm that the young person is eligible for the trial."), field="eligibility_confirmed")
    if data.get("informed") not in (True, "true", "True", "1", "on", 1):
        raise DomainError(_("Confirm that the young person has been told about the trial."), field="informed")
    first_name = str(data.get("first_name") or "").strip()[:100]
    last_name = str(data.get("last_name") or "").strip()[:100]
    if not first_name:
        raise DomainError(_("Fill in the first name."), field="first_name")
    if not last_name:
        raise DomainError(_("Fill in the last name."), field="last_name")
    parsed = parse_cpr(str(data.get("cpr_number") or ""))
    age = cpr_numbers.age_on(parsed.birth_date, on)
    if not municipality.target_min_age <= age <= municipality.target_max_age:
        raise DomainError(_("Age %(age)s is outside the trial's age range of %(low)s-%(high)s years: the young "
                            "person is not eligible.") % {"age": age, "low": municipality.target_min_age,
                                                          "high": municipality.target_max_age}, field="cpr_number")
    gender = _choice(data, "gender", Gender, _("Choose a gender from the list."))
    benefit_type = _choice(data, "benefit_type", BenefitType, _("Choose a benefit type from the list."))
    months = _months(data)
    education = _choice(data, "highest_education", Education, _("Choose the highest education from the list."))
    lookup = lookup_hash(parsed.digits)
    return Baseline(first_name=first_name, last_name=last_name, cpr=parsed.digits, cpr_lookup=lookup,
                    birth_date=parsed.birth_date, age=age, gender=gender, benefit_type=benefit_type,
                    months_on_support=months, highest_education=education, extra=_extra(trial, data))


def already_in_programme(*, municipality, cpr_lookup: str) -> YoungPerson | None:
    """A young person with an open NExTWORK course is not eligible: they already have the offer."""
    return (YoungPerson.objects.filter(municipality=municipality, cpr_lookup=cpr_lookup, merged_into=None,
                                       courses__status__in=["referred", "active", "paused"]).first())
