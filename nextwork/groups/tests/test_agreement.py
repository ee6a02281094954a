"""The group's own agreement: written with the group, history kept, shown to the members, revisited when
newcomers join."""

import datetime as dt

import pytest
from django.core.cache import cache

from nextwork.core.models import AuditEvent
from nextwork.groups.models import GroupAgreement, GroupAgreementVersion
from nextwork.groups.services import links
from nextwork.groups.services.agreements import group_agreement_save
from nextwork.groups.services.memberships import membership_add

from .conftest import TODAY

pytestmark = pytest.mark.django_db

FIRST = "Telefonen ligger i tasken, til vi holder pause.\nVi lader hinanden tale færdig."


def test_staff_write_the_agreement_and_the_history_is_kept(client, consultant, team_lead, group, members):
    client.force_login(consultant)
    page = client.get(f"/groups/{group.pk}/").content.decode()
    assert "The group has no agreement yet" in page
    response = client.post(f"/groups/{group.pk}/agreement/", {"text": FIRST})
    assert response.status_code == 302
    client.force_login(team_lead)
    client.post(f"/groups/{group.pk}/agreement/", {"text": FIRST + "\nVi siger det, hvis vi går tidligt."})
    agreement = GroupAgreement.objects.get(group=group)
    assert agreement.text.endswith("går tidligt.") and agreement.updated_by == team_lead
    assert GroupAgreementVersion.objects.filter(agreement=agreement).count() == 2
    history = client.get(f"/groups/{group.pk}/agreement/").content.decode()
    assert "Earlier versions" in history and history.count("Telefonen ligger i tasken") >= 2
    assert AuditEvent.objects.filter(object_type="group_agreement", action="change").count() == 2
    assert "Telefonen ligger i tasken" in client.get(f"/groups/{group.pk}/").content.decode()


def test_an_empty_agreement_is_refused_and_nothing_changes(client, consultant, group):
    client.force_login(consultant)
    response = client.post(f"/groups/{group.pk}/agreement/", {"text": "   "})
    assert response.status_code == 400 and "required" in response.content.decode()
    assert not GroupAgreement.objects.exists()


@pytest.mark.parametrize("role, status", [("youth_consultant", 302), ("psychologist", 302), ("team_lead", 302),
                                          ("company_consultant", 403), ("caseworker", 403)])
def test_facilitators_write_the_agreement(client, team, group, role, status):
    client.force_login(team[role])
    assert client.post(f"/groups/{group.pk}/agreement/", {"text": FIRST}).status_code == status


def test_another_municipalitys_agreement_is_not_found(client, other_team, group, consultant):
    group_agreement_save(actor=consultant, group=group, text=FIRST)
    client.force_login(other_team["team_lead"])
    assert client.get(f"/groups/{group.pk}/agreement/").status_code == 404
    assert client.post(f"/groups/{group.pk}/agreement/", {"text": "x"}).status_code == 404


def test_members_see_the_agreement_on_their_own_page(client, consultant, group, members):
    group_agreement_save(actor=consultant, group=group, text=FIRST)
    cache.clear()
    token = links.personal_link_create(actor=consultant, person=members[0].person)[1]
    page = client.get(f"/groups/me/{token}/").content.decode()
    assert "Our agreement" in page and "Telefonen ligger i tasken" in page


def test_a_newcomer_prompts_a_revisit_until_the_group_has_revisited(client, consultant, group, members,
                                                                   make_person):
    agreement = group_agreement_save(actor=consultant, group=group, text=FIRST)
    agreement.updated_at -= dt.timedelta(days=14)
    agreement.save()
    client.force_login(consultant)
    assert "newcomer" not in client.get(f"/groups/{group.pk}/").content.decode()
    membership_add(actor=consultant, group=group, person=make_person(referred_days_ago=20).person,
                   joined_on=TODAY - dt.timedelta(days=7))
    page = client.get(f"/groups/{group.pk}/").content.decode()
    assert "1 newcomer since the agreement was last looked at" in page and "We revisited it today" in page
    assert GroupAgreement.objects.get().revisit_due
    assert client.post(f"/groups/{group.pk}/agreement/revisited/").status_code == 302
    page = client.get(f"/groups/{group.pk}/").content.decode()
    assert "newcomer" not in page and "Revisited" in page
    assert not GroupAgreement.objects.get().revisit_due
    assert GroupAgreement.objects.get().text == FIRST
