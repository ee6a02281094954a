"""A concern flag: any staff member who sees the young person raises it; it reaches the psychologist and the
team lead at once with the municipality's procedure and crisis numbers; it is followed until closed with a note."""

import pytest
from django.db import connection

from nextwork.core.models import AuditEvent
from nextwork.core.roles import Role
from nextwork.wellbeing.models import ConcernFlag, ConcernProcedure

pytestmark = pytest.mark.django_db
NOTE = "Fortalte at han sover i sin bil siden i fredags."


@pytest.fixture
def procedure(roskilde, team_lead):
    return ConcernProcedure.objects.create(municipality=roskilde, text="Ring til teamlederen med det samme.",
                                           crisis_numbers="Livslinien: 70 201 201\nAlarm: 112")


def _raise(client, user, person, kind="homelessness", note=NOTE):
    client.force_login(user)
    return client.post(f"/wellbeing/people/{person.pk}/concerns/", {"kind": kind, "note": note})


@pytest.mark.parametrize("raiser", [Role.YOUTH_CONSULTANT, Role.COMPANY_CONSULTANT, Role.CASEWORKER])
def test_a_concern_reaches_the_psychologist_and_team_lead_at_once(client, team, active, procedure, raiser):
    assert _raise(client, team[raiser], active).status_code == 302
    for role in (Role.PSYCHOLOGIST, Role.TEAM_LEAD):
        client.force_login(team[role])
        start = client.get("/").content.decode()
        assert "start-concerns-heading" in start and active.full_name in start
        assert "70 201 201" in start and "Ring til teamlederen" in start
        # At the top: before every other panel of the start page.
        assert start.index("start-concerns-heading") < start.index("<h2", start.index("<h1"))  + 200
    for role in (Role.YOUTH_CONSULTANT, Role.MANAGER, Role.CASEWORKER):
        client.force_login(team[role])
        assert "start-concerns-heading" not in client.get("/").content.decode()


def test_the_person_page_shows_the_open_concern_with_the_procedure(client, team, active, procedure):
    _raise(client, team[Role.YOUTH_CONSULTANT], active, kind="suicide")
    page = client.get(f"/young-people/{active.pk}/").content.decode()
    assert "Thoughts of suicide" in page and "70 201 201" in page


def test_closing_needs_a_note_and_is_logged_with_who_and_when(client, team, active, procedure):
    _raise(client, team[Role.YOUTH_CONSULTANT], active, kind="crisis")
    flag = ConcernFlag.objects.get()
    client.force_login(team[Role.PSYCHOLOGIST])
    url = f"/wellbeing/concerns/{flag.pk}/"
    assert client.post(url, {"action": "note", "note": "Ringet til ham, aftalt møde i morgen."}).status_code == 302
    refused = client.post(url, {"action": "close", "note": "  "})
    assert refused.status_code == 400 and "Closing needs a note" in refused.content.decode()
    flag.refresh_from_db()
    assert flag.status == "open"
    assert client.post(url, {"action": "close", "note": "Har fået en plads på herberget."}).status_code == 302
    flag.refresh_from_db()
    assert flag.status == "closed" and flag.closed_by == team[Role.PSYCHOLOGIST] and flag.closed_at
    page = client.get(url).content.decode()
    assert "Ringet til ham" in page and "herberget" in page and str(team[Role.PSYCHOLOGIST]) in page
    client.force_login(team[Role.TEAM_LEAD])
    assert "start-concerns-heading" not in client.get("/").content.decode()


def test_a_consultant_adds_notes_but_cannot_close(client, team, active):
    _raise(client, team[Role.YOUTH_CONSULTANT], active)
    flag = ConcernFlag.objects.get()
    response = client.post(f"/wellbeing/concerns/{flag.pk}/", {"action": "close", "note": "Løst."})
    assert response.status_code in (400, 403)
    flag.refresh_from_db()
    assert flag.status == "open"


def test_a_concern_without_a_note_is_refused_and_keeps_the_choice(client, team, active):
    response = _raise(client, team[Role.YOUTH_CONSULTANT], active, kind="crisis", note="")
    assert response.status_code == 400
    assert not ConcernFlag.objects.exists()
    assert 'value="crisis"' in response.content.decode() and "checked" in response.content.decode()


def test_the_concern_note_is_encrypted_at_rest_and_reading_it_is_audited(client, team, active):
    _raise(client, team[Role.YOUTH_CONSULTANT], active)
    flag = ConcernFlag.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM wellbeing_concernflag WHERE id = %s", [flag.pk])
        stored = cursor.fetchone()[0]
    assert "bil" not in stored and flag.note == NOTE
    client.force_login(team[Role.PSYCHOLOGIST])
    client.get(f"/wellbeing/concerns/{flag.pk}/")
    assert AuditEvent.objects.filter(actor=team[Role.PSYCHOLOGIST], object_type="concern_flag",
                                     object_id=str(flag.pk), action="view").exists()


def test_another_municipality_cannot_open_the_concern(client, team, other_team, active):
    _raise(client, team[Role.YOUTH_CONSULTANT], active)
    flag = ConcernFlag.objects.get()
    client.force_login(other_team[Role.PSYCHOLOGIST])
    assert client.get(f"/wellbeing/concerns/{flag.pk}/").status_code == 404


def test_the_team_lead_writes_the_procedure(client, team):
    client.force_login(team[Role.TEAM_LEAD])
    response = client.post("/wellbeing/procedure/", {"text": "Ring 112 ved fare.",
                                                     "crisis_numbers": "Livslinien: 70 201 201"})
    assert response.status_code == 302
    assert ConcernProcedure.objects.get().numbers() == ["Livslinien: 70 201 201"]
    client.force_login(team[Role.YOUTH_CONSULTANT])
    assert client.get("/wellbeing/procedure/").status_code == 403
