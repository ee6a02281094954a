import datetime as dt

import pytest

from conftest import _cpr_for, person_details
from nextwork.core.errors import DomainError
from nextwork.core.models import AuditEvent
from nextwork.people.models import Course, YoungPerson
from nextwork.people.services.intake import young_person_register


def register(actor, *, birth_date, cpr=None, **overrides):
    reason = overrides.pop("admission_reason", "")
    not_a_duplicate = overrides.pop("not_a_duplicate", False)
    return young_person_register(
        actor=actor, details=person_details(**overrides), cpr_number=cpr or _cpr_for(birth_date, 11),
        referred_on=dt.date.today(), admission_reason=reason, not_a_duplicate=not_a_duplicate,
    )


def years_ago(years: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=int(years * 365.25) + 40)


def test_intake_creates_a_referred_course_with_a_timeline_and_an_audit_row(consultant):
    result = register(consultant, birth_date=years_ago(22))
    assert result.course.status == "referred"
    assert result.person.birth_date == years_ago(22) or result.person.birth_date.year == years_ago(22).year
    assert result.course.timeline.count() == 1
    assert AuditEvent.objects.filter(action="create", object_id=str(result.person.pk)).exists()


def test_an_invalid_cpr_number_is_refused_next_to_its_field(consultant):
    with pytest.raises(DomainError) as error:
        register(consultant, birth_date=years_ago(22), cpr="070761-4286")
    assert error.value.field == "cpr_number"
    assert "modulus" in error.value.message.lower()
    assert not YoungPerson.objects.exists()


def test_a_person_older_than_the_target_group_gets_a_clear_explanation(consultant):
    with pytest.raises(DomainError) as error:
        register(consultant, birth_date=years_ago(31))
    assert "31" in error.value.message and "18-29" in error.value.message
    assert not Course.objects.exists()


def test_a_person_in_education_is_outside_the_neet_target_group(consultant):
    with pytest.raises(DomainError) as error:
        register(consultant, birth_date=years_ago(20), in_education=True)
    assert error.value.field == "admission_reason"


def test_only_a_team_lead_admits_outside_the_target_group_and_the_reason_is_kept(consultant, team_lead):
    with pytest.raises(DomainError):
        register(consultant, birth_date=years_ago(31), admission_reason="Stærkt ønske")
    result = register(team_lead, birth_date=years_ago(31), admission_reason="Netop fyldt 30")
    assert result.course.outside_target_group
    assert result.course.admission_reason == "Netop fyldt 30"
    assert result.course.admitted_by == team_lead


def test_a_municipality_can_widen_the_target_group(other_team):
    result = register(other_team["youth_consultant"], birth_date=years_ago(16))
    assert not result.course.outside_target_group


def test_the_same_cpr_number_cannot_be_registered_twice(consultant):
    cpr = _cpr_for(years_ago(22), 50)
    register(consultant, birth_date=years_ago(22), cpr=cpr)
    with pytest.raises(DomainError) as error:
        register(consultant, birth_date=years_ago(22), cpr=cpr, first_name="Anden")
    assert error.value.field == "cpr_number"


def test_the_same_cpr_number_may_exist_in_another_municipality(consultant, other_team):
    cpr = _cpr_for(years_ago(22), 60)
    register(consultant, birth_date=years_ago(22), cpr=cpr)
    register(other_team["youth_consultant"], birth_date=years_ago(22), cpr=cpr)
    assert YoungPerson.objects.count() == 2


def test_same_name_and_birth_date_needs_confirmation(consultant):
    birth_date = years_ago(22)
    register(consultant, birth_date=birth_date, cpr=_cpr_for(birth_date, 70))
    with pytest.raises(DomainError) as error:
        register(consultant, birth_date=birth_date, cpr=_cpr_for(birth_date, 140))
    assert error.value.field == "not_a_duplicate"
    register(consultant, birth_date=birth_date, cpr=_cpr_for(birth_date, 140), not_a_duplicate=True)
    assert YoungPerson.objects.count() == 2
