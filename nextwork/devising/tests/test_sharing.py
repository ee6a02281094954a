"""Sharing a practice that worked: only what the form holds, no personal data, readable by every
municipality's staff and the network secretariat."""

import pytest

from nextwork.core.errors import DomainError
from nextwork.devising.models import SharedPractice
from nextwork.devising.privacy import personal_data_found
from nextwork.devising.services import experiments, sharing

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(experiment, team_lead):
    return experiments.experiment_review(actor=team_lead, experiment=experiment,
                                         observed="Eight of ten spoke in the first round.", decision="keep")


def share(actor, experiment, **overrides):
    data = {"title": "Young hosts", "principles": ["power_shift"], "what": "They take turns hosting.",
            "why": "Staff talked too much.", "what_we_saw": "More of them spoke."}
    data.update(overrides)
    return sharing.practice_share(actor=actor, experiment=experiment, **data)


@pytest.mark.parametrize("text", ["Asta (010203-1234) hosted", "Write to asta@example.dk", "Call +45 20 30 40 50",
                                  "Asta Nielsen hosted the round"])
def test_the_share_check_refuses_obvious_personal_data_and_nothing_is_shared(kept, team_lead, person, text):
    with pytest.raises(DomainError) as error:
        share(team_lead, kept, what_we_saw=text)
    assert error.value.field == "what_we_saw"
    assert not SharedPractice.objects.exists()


def test_ordinary_numbers_and_first_names_alone_pass_the_check(team_lead, person):
    assert personal_data_found({"what": "8 of 12 came, in 2026; Asta's group grew by 25 %"},
                               municipality_id=team_lead.municipality_id) == {}


def test_only_a_reviewed_practice_that_is_kept_or_adjusted_is_shared_once(experiment, team_lead):
    with pytest.raises(DomainError, match="reviewed"):
        share(team_lead, experiment)
    experiments.experiment_review(actor=team_lead, experiment=experiment, observed="no change", decision="drop")
    with pytest.raises(DomainError, match="reviewed"):
        share(team_lead, experiment)


def test_the_shared_practice_holds_only_the_form_and_is_in_the_library_everywhere(client, kept, team_lead,
                                                                                  other_team, network_users):
    practice = share(team_lead, kept)
    assert (practice.from_municipality_id, practice.title, practice.principles) == (
        team_lead.municipality_id, "Young hosts", ["power_shift"])
    with pytest.raises(DomainError):
        share(team_lead, kept)
    for reader in (other_team["youth_consultant"], other_team["manager"], network_users["secretariat"]):
        client.force_login(reader)
        page = client.get("/devising/library/").content.decode()
        assert "Young hosts" in page and "Roskilde" in page
        assert client.get(f"/devising/library/{practice.pk}/").status_code == 200
    client.force_login(network_users["researcher"])
    assert client.get("/devising/library/").status_code == 403


def test_the_share_page_shows_what_will_be_shared_and_refuses_a_cpr_number(client, kept, team_lead):
    client.force_login(team_lead)
    url = f"/devising/experiments/{kept.pk}/share/"
    page = client.get(url).content.decode()
    assert "Exactly what is in this form is shared" in page and kept.observed in page
    response = client.post(url, {"title": "Hosts", "principles": ["power_shift"], "why": "why",
                                 "what_we_saw": "Asta 0102031234 led it"})
    assert response.status_code == 400
    assert "looks like a CPR number" in response.content.decode()
    assert not SharedPractice.objects.exists()
