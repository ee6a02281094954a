import datetime as dt
from decimal import Decimal

import pytest

from nextwork.companies.models import InternshipEvent
from nextwork.companies.services import internships as s
from nextwork.core.errors import DomainError
from nextwork.core.models import AuditEvent

from .conftest import TODAY, ready_to_start


def test_an_internship_is_created_planned_with_a_drafted_agreement(make_internship):
    internship = make_internship()
    assert internship.status == "planned" and internship.agreement_status == "drafted"
    assert internship.events.get().kind == "created"
    assert AuditEvent.objects.filter(object_type="internship", action="create").exists()


def test_an_end_before_the_start_is_refused_even_for_a_team_lead(make_internship, team_lead):
    with pytest.raises(DomainError) as refused:
        make_internship(days=-1)
    assert refused.value.field == "planned_end_on" and "before the start" in refused.value.message
    with pytest.raises(DomainError):
        make_internship(days=-1, actor=team_lead, override_reason="Please")


def test_overlapping_internships_above_37_hours_are_refused(make_internship, make_company):
    make_internship(hours="20")
    other = make_company(name="Bageriet")
    with pytest.raises(DomainError) as refused:
        make_internship(hours="18", company=other, start=TODAY + dt.timedelta(days=30))
    assert refused.value.field == "hours_per_week" and "38" in refused.value.message
    assert make_internship(hours="17", company=other, start=TODAY + dt.timedelta(days=30)).hours_per_week == 17


def test_internships_one_after_another_may_each_have_full_hours(make_internship):
    make_internship(hours="37", days=30)
    later = make_internship(hours="37", start=TODAY + dt.timedelta(days=40))
    assert later.pk


def test_a_team_lead_overrides_the_hours_rule_with_a_recorded_reason(make_internship, team_lead, consultant):
    make_internship(hours="30")
    with pytest.raises(DomainError) as refused:
        make_internship(hours="10", actor=consultant, override_reason="Because")
    assert refused.value.field == "override_reason" and "team lead" in refused.value.message
    internship = make_internship(hours="10", actor=team_lead, override_reason="Two short trial days only")
    override = internship.events.get(kind="override")
    assert "Two short trial days only" in override.summary and "40" in override.summary


def test_the_start_is_refused_before_the_agreement_is_signed_and_insured(make_internship, consultant):
    internship = make_internship(start=TODAY)
    with pytest.raises(DomainError) as refused:
        s.internship_start(actor=consultant, internship=internship, on=TODAY)
    assert "agreement is signed" in refused.value.message
    s.internship_agreement(actor=consultant, internship=internship, status="signed", on=TODAY)
    with pytest.raises(DomainError) as refused:
        s.internship_start(actor=consultant, internship=internship, on=TODAY)
    assert "insurance" in refused.value.message
    s.internship_agreement(actor=consultant, internship=internship, status="insured", on=TODAY)
    s.internship_meeting(actor=consultant, internship=internship, on=TODAY)
    assert s.internship_start(actor=consultant, internship=internship, on=TODAY).status == "active"


def test_a_start_dated_before_the_signature_is_refused(make_internship, consultant):
    internship = ready_to_start(make_internship(start=TODAY - dt.timedelta(days=5)), consultant, on=TODAY)
    with pytest.raises(DomainError) as refused:
        s.internship_start(actor=consultant, internship=internship, on=TODAY - dt.timedelta(days=5))
    assert "signed on" in refused.value.message


def test_a_team_lead_may_start_without_the_meeting_with_a_reason(make_internship, team_lead):
    # Without the papers nobody may start (test_internship_rules.py); the meeting can be overridden.
    internship = ready_to_start(make_internship(start=TODAY), team_lead, on=TODAY, meeting=False)
    s.internship_start(actor=team_lead, internship=internship, on=TODAY,
                       override_reason="The company's manager is on holiday; the meeting is held next week")
    assert internship.status == "active" and internship.events.filter(kind="override").exists()


def test_the_whole_lifecycle_is_kept_as_history(make_internship, consultant):
    internship = ready_to_start(make_internship(start=TODAY - dt.timedelta(days=10)), consultant,
                                on=TODAY - dt.timedelta(days=12), meeting=False)
    s.internship_meeting(actor=consultant, internship=internship, on=TODAY - dt.timedelta(days=11),
                         notes="Mødetid 8-12")
    s.internship_start(actor=consultant, internship=internship, on=TODAY - dt.timedelta(days=10))
    s.internship_change_function(actor=consultant, internship=internship, on=TODAY - dt.timedelta(days=5),
                                 function="Montage")
    s.internship_change_hours(actor=consultant, internship=internship, on=TODAY - dt.timedelta(days=4),
                              hours_per_week=Decimal("25"))
    s.internship_pause(actor=consultant, internship=internship, on=TODAY - dt.timedelta(days=3), reason="Syg")
    s.internship_resume(actor=consultant, internship=internship, on=TODAY - dt.timedelta(days=1))
    s.internship_extend(actor=consultant, internship=internship, planned_end_on=internship.planned_end_on +
                        dt.timedelta(days=30))
    s.internship_convert(actor=consultant, internship=internship, on=TODAY, to="paid_hours")
    kinds = list(InternshipEvent.objects.filter(internship=internship).order_by("pk").values_list("kind", flat=True))
    assert kinds == ["created", "agreement", "agreement", "meeting", "started", "function", "hours", "paused",
                     "resumed", "extended", "converted"]
    assert internship.events.get(kind="function").changes == {"function": ["Smed", "Montage"]}
    assert internship.status == "ended" and internship.outcome == "paid_hours"
    with pytest.raises(DomainError):
        s.internship_end(actor=consultant, internship=internship, on=TODAY)


def test_an_interruption_needs_a_reason_and_who_took_the_initiative(make_internship, consultant):
    internship = ready_to_start(make_internship(start=TODAY - dt.timedelta(days=3)), consultant,
                                on=TODAY - dt.timedelta(days=4))
    s.internship_start(actor=consultant, internship=internship, on=TODAY - dt.timedelta(days=3))
    with pytest.raises(DomainError) as refused:
        s.internship_interrupt(actor=consultant, internship=internship, on=TODAY, reason=" ", initiative="company")
    assert refused.value.field == "reason"
    s.internship_interrupt(actor=consultant, internship=internship, on=TODAY, reason="Kemien passede ikke",
                           initiative="young_person")
    assert internship.outcome == "interrupted" and internship.initiative == "young_person"


def test_raising_the_hours_is_checked_against_the_other_internships(make_internship, make_company, consultant):
    first = make_internship(hours="20")
    make_internship(hours="15", company=make_company(name="Bageriet"))
    with pytest.raises(DomainError):
        s.internship_change_hours(actor=consultant, internship=first, on=TODAY, hours_per_week=Decimal("25"))
    assert s.internship_change_hours(actor=consultant, internship=first, on=TODAY,
                                     hours_per_week=Decimal("22")).hours_per_week == 22


def test_an_internship_at_another_municipalitys_company_is_refused(make_internship, other_team):
    from nextwork.companies.services.companies import company_create

    from .conftest import company_details

    foreign = company_create(actor=other_team["company_consultant"], details=company_details())
    with pytest.raises(DomainError):
        make_internship(company=foreign)
