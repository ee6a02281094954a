import pytest
from django.core.exceptions import PermissionDenied

from nextwork.companies.models import ChangeRecord, Company
from nextwork.companies.services import companies
from nextwork.core.errors import DomainError
from nextwork.core.models import AuditEvent

from .conftest import CVRS, company_details


def test_a_company_is_registered_with_a_valid_cvr(company):
    assert company.cvr == CVRS[0] and company.industry_label.startswith("25 Fremstilling af metalprodukter")


@pytest.mark.parametrize("cvr", ["1234567", "13585629", "abcdefgh", ""])
def test_an_invalid_cvr_is_refused(company_consultant, cvr):
    with pytest.raises(DomainError) as refused:
        companies.company_create(actor=company_consultant, details=company_details(cvr=cvr))
    assert refused.value.field == "cvr"


def test_a_duplicate_cvr_in_the_same_municipality_is_refused_with_the_existing_name(company, company_consultant):
    with pytest.raises(DomainError) as refused:
        companies.company_create(actor=company_consultant, details=company_details(cvr=f"{CVRS[0][:4]} {CVRS[0][4:]}"))
    assert "Roskilde Smedie ApS" in refused.value.message and refused.value.field == "cvr"


def test_the_same_cvr_may_exist_in_another_municipality(company, other_team):
    other = companies.company_create(actor=other_team["company_consultant"], details=company_details())
    assert Company.objects.filter(cvr=other.cvr).count() == 2


def test_an_unknown_industry_code_is_refused_and_a_finer_db07_code_is_accepted(company_consultant):
    with pytest.raises(DomainError) as refused:
        companies.company_create(actor=company_consultant, details=company_details(industry_code="00"))
    assert refused.value.field == "industry_code"
    company = companies.company_create(actor=company_consultant, details=company_details(industry_code="432200"))
    assert company.industry_label == "432200 Bygge- og anlægsvirksomhed, der kræver specialisering"


def test_an_edit_keeps_the_old_values_and_is_audited(company, company_consultant):
    companies.company_update(actor=company_consultant, company=company, details={"name": "Roskilde Smedie A/S",
                                                                                 "size_band": "50-249"})
    change = ChangeRecord.objects.get(object_type="company", object_id=company.pk)
    assert change.changes == {"name": ["Roskilde Smedie ApS", "Roskilde Smedie A/S"],
                              "size_band": ["10-49", "50-249"]}
    assert AuditEvent.objects.filter(object_type="company", action="change", object_id=str(company.pk)).exists()
    with pytest.raises(PermissionError):
        change.save()


def test_a_psychologist_may_not_register_companies(psychologist):
    with pytest.raises(PermissionDenied):
        companies.company_create(actor=psychologist, details=company_details())


def test_a_contact_cannot_be_in_the_future_and_its_follow_up_not_before_it(company, company_consultant):
    import datetime as dt

    today = dt.date.today()
    with pytest.raises(DomainError):
        companies.contact_add(actor=company_consultant, company=company, kind="call", note="x",
                              occurred_on=today + dt.timedelta(days=1))
    with pytest.raises(DomainError) as refused:
        companies.contact_add(actor=company_consultant, company=company, kind="call", note="x", occurred_on=today,
                              next_follow_up_on=today - dt.timedelta(days=1))
    assert refused.value.field == "next_follow_up_on"
    contact = companies.contact_add(actor=company_consultant, company=company, kind="visit", note="Rundvisning",
                                    occurred_on=today, next_follow_up_on=today + dt.timedelta(days=14))
    assert contact.author == company_consultant
