"""A NUL character in a search or filter gives a clear 400; in a form, a message next to the field. Nothing changes."""

import pytest

from nextwork.people.models import YoungPerson

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/young-people/?q=a%00b", "/companies/?q=%00", "/companies/internships/?status=%00",
                                 "/groups/?x=%00", "/audit/?page=%00"])
def test_a_nul_character_in_a_query_string_is_a_clear_400(client, team_lead, url):
    client.force_login(team_lead)
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_nul_character_in_a_form_is_refused_next_to_the_field_and_changes_nothing(client, consultant):
    client.force_login(consultant)
    response = client.post("/young-people/new/", {"first_name": "Ann\x00a", "last_name": "Holm"})
    assert 'id="id_first_name-error"' in response.content.decode()
    assert 'value="Holm"' in response.content.decode()
    assert not YoungPerson.objects.exists()
