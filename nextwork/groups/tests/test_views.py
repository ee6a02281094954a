import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from nextwork.core.roles import Role
from nextwork.groups.models import Attendance, NetworkGroup
from nextwork.groups.services import links

from .conftest import TODAY, past_sessions

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("role, status", [
    (Role.TEAM_LEAD, 200), (Role.YOUTH_CONSULTANT, 200), (Role.COMPANY_CONSULTANT, 200),
    (Role.PSYCHOLOGIST, 200), (Role.MANAGER, 403),
])
def test_group_pages_follow_the_permission_matrix(client, team, group, members, role, status):
    client.force_login(team[role])
    session = past_sessions(group)[-1]
    for url in ("/groups/", f"/groups/{group.pk}/", f"/groups/{group.pk}/health/", f"/groups/sessions/{session.pk}/"):
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize("role, status", [
    (Role.TEAM_LEAD, 200), (Role.YOUTH_CONSULTANT, 200), (Role.COMPANY_CONSULTANT, 403), (Role.PSYCHOLOGIST, 403),
])
def test_only_managing_roles_create_groups(client, team, role, status):
    client.force_login(team[role])
    assert client.get("/groups/new/").status_code == status


@pytest.mark.parametrize("role", ["secretariat", "researcher", "admin"])
def test_cross_municipal_roles_see_no_groups(client, network_users, role):
    client.force_login(network_users[role])
    assert client.get("/groups/").status_code == 403


def test_another_municipalitys_group_is_not_found(client, other_team, group, members):
    client.force_login(other_team["youth_consultant"])
    session = past_sessions(group)[-1]
    for url in (f"/groups/{group.pk}/", f"/groups/{group.pk}/health/", f"/groups/sessions/{session.pk}/",
                f"/groups/memberships/{members[0].pk}/", f"/groups/young-people/{members[0].person_id}/suggest/",
                f"/groups/young-people/{members[0].person_id}/link/"):
        assert client.get(url).status_code == 404, url
    response = client.post(f"/groups/sessions/{session.pk}/attendance/{members[0].pk}/", {"status": "present"})
    assert response.status_code == 404
    assert "Anna" not in client.get("/groups/").content.decode()


def test_a_consultant_creates_a_group(client, consultant):
    _client(client, consultant)
    response = client.post("/groups/new/", {
        "name": "Onsdagsholdet", "weekday": "wed", "starts_at": "13:00", "ends_at": "15:00", "place": "Biblioteket",
        "facilitators": [consultant.pk], "target_min": 8, "target_max": 12, "active_from": TODAY.isoformat()})
    group = NetworkGroup.objects.get(name="Onsdagsholdet")
    assert response.status_code == 302 and response.url == f"/groups/{group.pk}/"
    assert group.sessions.count() >= 11
    page = client.get(response.url).content.decode()
    assert "Onsdagsholdet" in page


def test_the_group_form_shows_errors_next_to_fields(client, consultant):
    _client(client, consultant)
    response = client.post("/groups/new/", {"name": "", "weekday": "wed", "starts_at": "13:00", "ends_at": "12:00",
                                            "place": "Her", "target_min": 8, "target_max": 12,
                                            "active_from": TODAY.isoformat(), "facilitators": [consultant.pk]})
    assert response.status_code == 400
    assert 'id="id_name-error"' in response.content.decode()


def test_attendance_is_one_tap_with_htmx(client, consultant, group, members):
    _client(client, consultant)
    session = past_sessions(group)[-1]
    page = client.get(f"/groups/sessions/{session.pk}/").content.decode()
    assert page.count('name="status" value="present"') == 4
    response = client.post(f"/groups/sessions/{session.pk}/attendance/{members[0].pk}/", {"status": "late"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert re.search(r'value="late"\s+class="[^"]*"\s+aria-pressed="true"', response.content.decode())
    assert Attendance.objects.get(session=session, membership=members[0]).status == "late"
    client.post(f"/groups/sessions/{session.pk}/attendance/rest-present/")
    assert Attendance.objects.filter(session=session, status="present").count() == 3


def test_attendance_for_someone_not_yet_member_shows_the_rule(client, consultant, group, members, make_person):
    from nextwork.groups.services.memberships import membership_add
    newcomer = membership_add(actor=consultant, group=group, person=make_person().person, joined_on=TODAY)
    first = past_sessions(group)[0]
    response = client_post = _client(client, consultant).post(
        f"/groups/sessions/{first.pk}/attendance/{newcomer.pk}/", {"status": "present"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "not a member" in client_post.content.decode()


def test_place_from_the_suggestion_and_see_it_on_the_persons_page(client, consultant, group, make_person):
    person = make_person(available_days=["mon"]).person
    _client(client, consultant)
    page = client.get(f"/groups/young-people/{person.pk}/suggest/").content.decode()
    assert "Mandagsgruppen" in page and "Has room" in page
    client.post(f"/groups/{group.pk}/members/", {"person": person.pk, "joined_on": TODAY.isoformat()})
    detail = client.get(f"/young-people/{person.pk}/").content.decode()
    assert 'id="groups-heading"' in detail and "Mandagsgruppen" in detail


def test_staff_make_a_link_with_a_qr_code_and_a_text(client, consultant, members):
    _client(client, consultant)
    response = client.post(f"/groups/young-people/{members[0].person_id}/link/", {"valid_days": 30})
    page = response.content.decode()
    assert "<svg" in page and "/groups/me/" in page
    token = re.search(r"/groups/me/([A-Za-z0-9_-]+)/", page).group(1)
    assert links.personal_link_resolve(token).status == "ok"


@pytest.fixture
def token(members, consultant):
    cache.clear()
    return links.personal_link_create(actor=consultant, person=members[0].person)[1]


def test_the_personal_page_shows_the_group_without_other_members_data(client, token, members):
    from nextwork.groups.services.memberships import membership_set_sharing
    membership_set_sharing(membership=members[1], share_first_name=True)
    page = client.get(f"/groups/me/{token}/").content.decode()
    assert "Anna" in page and "Mandagsgruppen" in page
    assert "Bo" in page  # chose to share
    for secret in ("Cecilie", "Dennis", "Testsen", members[1].person.phone, members[1].person.email):
        assert secret not in page


def test_a_young_person_proposes_and_votes(client, token, members):
    url = f"/groups/me/{token}/"
    response = client.post(url, {"action": "propose", "title": "Hvordan siger man nej til overarbejde?"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "overarbejde" in page
    item = members[0].proposed_items.get()
    client.post(url, {"action": "vote", "item": item.pk})
    assert item.votes.count() == 1
    client.post(url, {"action": "share", "share": "1"})
    members[0].refresh_from_db()
    assert members[0].share_first_name


@pytest.mark.parametrize("state, status, message", [
    ("expired", 410, "Your link has expired"), ("revoked", 410, "This link no longer works"),
    ("unknown", 404, "We do not know this link"),
])
def test_broken_links_say_what_is_wrong(client, token, members, consultant, state, status, message):
    link = members[0].person.personal_links.get()
    if state == "expired":
        link.expires_at = timezone.now() - dt.timedelta(minutes=1)
        link.save()
    elif state == "revoked":
        links.personal_link_revoke(actor=consultant, link=link)
    else:
        token = "not-a-real-token"
    response = client.get(f"/groups/me/{token}/")
    assert response.status_code == status
    page = response.content.decode()
    assert message in page and "Anna" not in page and "Mandagsgruppen" not in page


def test_guessing_links_is_rate_limited(client, token):
    cache.clear()
    statuses = {client.get(f"/groups/me/guess{number}/").status_code for number in range(25)}
    assert 429 in statuses
    cache.clear()
    assert client.get(f"/groups/me/{token}/").status_code == 200


def test_the_session_page_query_count_does_not_grow_with_members(client, consultant, group, members, make_person):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nextwork.groups.services.memberships import membership_add
    _client(client, consultant)
    session = group.sessions.filter(date__gt=TODAY).order_by("date").first()
    url = f"/groups/sessions/{session.pk}/"

    def count():
        client.get(url)  # a second visit: the session's idle expiry is moved on at most once a minute
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = count()
    for _ in range(4):
        membership_add(actor=consultant, group=group, person=make_person().person, joined_on=TODAY)
    assert count() == before


def test_edit_move_take_out_and_sharing_through_the_pages(client, team_lead, group, members, make_group):
    other = make_group(name="Torsdagsholdet", weekday="thu")
    _client(client, team_lead)
    assert client.get(f"/groups/{group.pk}/edit/").status_code == 200
    response = client.post(f"/groups/{group.pk}/edit/", {
        "name": "Mandagsholdet", "weekday": "mon", "starts_at": "09:00", "ends_at": "11:00", "place": "Hallen",
        "facilitators": [team_lead.pk], "target_min": 6, "target_max": 10, "active_from": group.active_from})
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.target_max) == ("Mandagsholdet", 10)
    assert client.get(f"/groups/memberships/{members[0].pk}/").status_code == 200
    client.post(f"/groups/memberships/{members[0].pk}/move/", {"group": other.pk, "on": TODAY.isoformat()})
    assert other.memberships.filter(person=members[0].person, left_on=None).exists()
    end = {"on": TODAY.isoformat(), "reason": "own_wish"}
    asked = client.post(f"/groups/memberships/{members[1].pk}/end/", end)
    assert asked.status_code == 200 and 'name="confirm" value="yes"' in asked.content.decode()
    members[1].refresh_from_db()
    assert members[1].left_on is None  # nothing happens before the confirmation
    client.post(f"/groups/memberships/{members[1].pk}/end/", {**end, "confirm": "yes"})
    members[1].refresh_from_db()
    assert members[1].left_on == TODAY and members[1].leave_reason == "own_wish"
    client.post(f"/groups/memberships/{members[2].pk}/sharing/", {"share": "1"})
    members[2].refresh_from_db()
    assert members[2].share_first_name
    page = client.get(f"/groups/{group.pk}/").content.decode()
    assert "Former members" in page and members[1].person.full_name in page


def test_move_and_cancel_sessions_through_the_pages(client, consultant, group):
    _client(client, consultant)
    coming = list(group.sessions.filter(date__gt=TODAY).order_by("date")[:2])
    response = client.post(f"/groups/sessions/{coming[0].pk}/move/", {"date": coming[1].date.isoformat()})
    assert response.status_code == 400 and "already meets" in response.content.decode()
    new_date = coming[0].date + dt.timedelta(days=1)
    client.post(f"/groups/sessions/{coming[0].pk}/move/", {"date": new_date.isoformat()})
    coming[0].refresh_from_db()
    assert coming[0].date == new_date
    asked = client.post(f"/groups/sessions/{coming[1].pk}/cancel/")
    assert asked.status_code == 200 and 'name="confirm" value="yes"' in asked.content.decode()
    client.post(f"/groups/sessions/{coming[1].pk}/cancel/", {"confirm": "yes"})
    coming[1].refresh_from_db()
    assert coming[1].status == "cancelled"
    assert "Restore the session" in client.get(f"/groups/sessions/{coming[1].pk}/").content.decode()
    client.post(f"/groups/sessions/{coming[1].pk}/restore/")  # undo
    coming[1].refresh_from_db()
    assert coming[1].status == "planned"


def test_company_consultants_take_attendance_but_do_not_move_sessions(client, team, group, members):
    _client(client, team["company_consultant"])
    session = past_sessions(group)[-1]
    response = client.post(f"/groups/sessions/{session.pk}/attendance/{members[0].pk}/", {"status": "present"})
    assert response.status_code == 302
    coming = group.sessions.filter(date__gt=TODAY).first()
    assert client.post(f"/groups/sessions/{coming.pk}/cancel/").status_code == 403
    assert client.post(f"/groups/{group.pk}/members/", {}).status_code == 403


def test_staff_revoke_a_link(client, consultant, token, members):
    _client(client, consultant)
    link = members[0].person.personal_links.get()
    assert "works" in client.get(f"/groups/young-people/{members[0].person_id}/link/").content.decode()
    client.post(f"/groups/young-people/{members[0].person_id}/link/{link.pk}/revoke/", {"confirm": "yes"})
    assert links.personal_link_resolve(token).status == "revoked"


def test_revoking_a_personal_link_asks_first_and_then_revokes(client, consultant, members):
    from nextwork.groups.models import PersonalLink

    person = members[0].person
    link, _token = links.personal_link_create(actor=consultant, person=person)
    client.force_login(consultant)
    url = f"/groups/young-people/{person.pk}/link/{link.pk}/revoke/"
    response = client.post(url)
    assert response.status_code == 200 and 'name="confirm" value="yes"' in response.content.decode()
    assert PersonalLink.objects.get(pk=link.pk).revoked_at is None
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert PersonalLink.objects.get(pk=link.pk).revoked_at is not None
