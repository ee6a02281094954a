"""Proposals from the young person's own page and the company representative's own page: the same three
questions in plain words, and the proposer sees what became of it."""

import datetime as dt

import pytest
from django.utils import timezone

from nextwork.companies import links as rep_links
from nextwork.devising.choices import ProposalStatus
from nextwork.devising.models import Proposal
from nextwork.devising.services import experiments, proposals

from .conftest import TODAY, content

pytestmark = pytest.mark.django_db
IDEA = {"action": "devising_propose", "devising-title": "Meet at the workshop",
        "devising-why": "The town hall feels like the job centre.", "devising-expected": "More of us come."}


def test_a_young_person_proposes_from_their_own_page_and_sees_it_waiting(client, own_link, person):
    _link, token = own_link
    url = f"/groups/me/{token}/"
    response = client.post(url, IDEA)
    assert response.status_code == 302 and "done=devising" in response["Location"]
    proposal = Proposal.objects.get()
    assert (proposal.person, proposal.municipality_id, proposal.status) == (person, person.municipality_id, "new")
    page = client.get(url + "?done=devising").content.decode()
    assert "The team will look at your idea" in page
    assert "Meet at the workshop" in page and "Waiting for the team" in page


def test_the_form_keeps_what_was_typed_when_a_question_is_missing(client, own_link):
    _link, token = own_link
    response = client.post(f"/groups/me/{token}/", {**IDEA, "devising-why": ""})
    assert response.status_code == 400
    assert "Meet at the workshop" in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_young_person_sees_the_teams_answer_and_the_experiment_it_became(client, own_link, youth_proposal,
                                                                             team_lead):
    _link, token = own_link
    experiment = proposals.proposal_take_up(actor=team_lead, proposal=youth_proposal, **content(),
                                            response="Good idea: we try it from next month.")
    experiments.experiment_update(actor=team_lead, experiment=experiment, **content(), starts_on=TODAY,
                                  review_on=TODAY + dt.timedelta(days=60))
    page = client.get(f"/groups/me/{token}/").content.decode()
    assert "Taken up by the team" in page
    assert "Good idea: we try it from next month." in page
    assert "The team is trying it from" in page


def test_a_proposal_is_answered_and_cannot_be_answered_twice(youth_proposal, team_lead):
    proposals.proposal_respond(actor=team_lead, proposal=youth_proposal, response="We do this already on Fridays.")
    youth_proposal.refresh_from_db()
    assert youth_proposal.status == ProposalStatus.ANSWERED
    with pytest.raises(proposals.DomainError, match="already answered"):
        proposals.proposal_take_up(actor=team_lead, proposal=youth_proposal, **content())


def test_a_young_person_cannot_flood_the_team_with_proposals(person):
    for number in range(proposals.MAX_PROPOSALS_A_WEEK):
        proposals.proposal_submit(person=person, title=f"Idea {number}", why="why", expected="this")
    with pytest.raises(proposals.DomainError, match="a lot this week"):
        proposals.proposal_submit(person=person, title="One more", why="why", expected="this")


def test_a_representative_proposes_from_the_companys_own_page(client, representative, company_consultant):
    _link, token = rep_links.representative_link_create(actor=company_consultant, representative=representative)
    url = f"/companies/me/{token}/"
    page = client.get(url).content.decode()
    assert representative.company.name in page and "Ideas for NExTWORK" in page
    response = client.post(url, {**IDEA, "devising-title": "Shorter internship papers"})
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.representative, proposal.person) == (representative, None)
    assert proposal.municipality_id == representative.company.municipality_id
    assert "Shorter internship papers" in client.get(url).content.decode()


def test_a_revoked_or_unknown_representative_link_opens_nothing(client, representative, company_consultant):
    link, token = rep_links.representative_link_create(actor=company_consultant, representative=representative)
    rep_links.representative_link_revoke(actor=company_consultant, link=link)
    assert client.get(f"/companies/me/{token}/").status_code == 410
    assert client.get("/companies/me/not-a-token/").status_code == 404
    assert client.post(f"/companies/me/{token}/", IDEA).status_code == 410
    assert not Proposal.objects.exists()


def test_a_new_representative_link_revokes_the_old_and_only_the_hash_is_stored(representative, company_consultant):
    first, token = rep_links.representative_link_create(actor=company_consultant, representative=representative)
    rep_links.representative_link_create(actor=company_consultant, representative=representative)
    first.refresh_from_db()
    assert first.revoked_at is not None and first.revoked_at <= timezone.now()
    assert token not in first.token_hash and first.token_hash == rep_links.token_hash(token)


def test_the_representative_page_is_rate_limited(client, representative, company_consultant, monkeypatch):
    from nextwork.portal import own_page

    monkeypatch.setattr(own_page, "REQUESTS_PER_10_MINUTES", 2)
    _link, token = rep_links.representative_link_create(actor=company_consultant, representative=representative)
    statuses = [client.get(f"/companies/me/{token}/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_a_company_consultant_makes_a_link_from_the_company_page(client, representative, company_consultant):
    client.force_login(company_consultant)
    company_page = client.get(f"/companies/{representative.company_id}/").content.decode()
    link_url = f"/companies/{representative.company_id}/representatives/{representative.pk}/link/"
    assert link_url in company_page
    response = client.post(link_url, {"valid_days": "30"})
    assert response.status_code == 200
    assert "/companies/me/" in response.content.decode()
    assert representative.links.count() == 1


def test_another_municipality_cannot_make_a_link_for_the_representative(client, representative, other_team):
    client.force_login(other_team["company_consultant"])
    url = f"/companies/{representative.company_id}/representatives/{representative.pk}/link/"
    assert client.post(url, {"valid_days": "30"}).status_code == 404
    client.force_login(other_team["psychologist"])
    assert client.get(url).status_code == 403
    assert not representative.links.exists()
