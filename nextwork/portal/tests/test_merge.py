"""Merging two records of one young person moves everything they own in every app (courses with their
timeline and internships, network group memberships, personal links), refuses with a clear message what
would give one person two groups or two internships at once, and changes nothing when it refuses. The
guard test fails the day a model points to a young person and no merge step moves it."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse

from nextwork.core.errors import DomainError
from nextwork.core.models import AuditEvent
from nextwork.groups.models import Membership, PersonalLink
from nextwork.groups.services import links
from nextwork.groups.services.memberships import membership_add, membership_end
from nextwork.people.models import Course, TimelineEntry, YoungPerson
from nextwork.people.services.notes import conversation_add
from nextwork.portal import merge as portal_merge
from nextwork.portal.merge import MERGE_STEPS, merge_preview, young_people_merge

from .conftest import activate, bearer

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def _ago(**kwargs) -> dt.date:
    return TODAY - dt.timedelta(**kwargs)


@pytest.fixture
def pair(make_person):
    """The same young person registered twice (same birth date, name spelt differently)."""
    keep = make_person(first_name="Sofie", last_name="Lund", phone="", referred_days_ago=40).person
    duplicate = make_person(first_name="Sophie", last_name="Lund", phone="+45 11 22 33 44",
                            referred_days_ago=30).person
    return keep, duplicate


def _snapshot(*people) -> dict:
    """Everything a merge could move or mark, to compare before and after a refusal."""
    ids = [p.pk for p in people]
    return {
        "people": sorted(YoungPerson.objects.filter(pk__in=ids).values_list("pk", "merged_into", "phone",
                                                                          "dream_trades")),
        "courses": sorted(Course.objects.filter(person__in=ids).values_list("pk", "person")),
        "memberships": sorted(Membership.objects.filter(person__in=ids).values_list("pk", "person", "left_on")),
        "links": sorted(PersonalLink.objects.filter(person__in=ids).values_list("pk", "person", "revoked_at")),
        "merge_rows": AuditEvent.objects.filter(action="merge").count(),
    }


# The service


def test_merging_moves_courses_timeline_internships_group_and_link_to_the_kept_record(
        pair, consultant, team_lead, make_group, make_company, make_internship):
    keep, duplicate = pair
    duplicate_course = activate(duplicate.courses.get(), consultant)
    conversation_add(actor=consultant, course=duplicate_course, kind="note", occurred_on=TODAY,
                     text="Vil gerne være smed")
    internship = make_internship(course=duplicate_course, company=make_company(), start=TODAY + dt.timedelta(days=3))
    group = make_group(name="Torsdagsgruppen", weekday="thu")
    membership = membership_add(actor=consultant, group=group, person=duplicate, joined_on=_ago(weeks=2))
    link, token = links.personal_link_create(actor=consultant, person=duplicate)
    timeline_before = TimelineEntry.objects.filter(course=duplicate_course).count()

    young_people_merge(actor=team_lead, keep=keep, duplicate=duplicate)

    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep
    assert set(keep.courses.all()) == {*Course.objects.filter(pk=duplicate_course.pk), *keep.courses.all()}
    assert keep.courses.count() == 2 and not duplicate.courses.exists()
    assert duplicate_course.conversations.get().text == "Vil gerne være smed"
    # The timeline came along (plus the line about the merge on the newest course).
    assert TimelineEntry.objects.filter(course__person=keep, course=duplicate_course).count() >= timeline_before
    assert TimelineEntry.objects.filter(course__person=keep, kind="merged").exists()
    internship.refresh_from_db()
    assert internship.course.person == keep
    # The bug this fixes: the duplicate stayed in the group and the kept person was not a member.
    membership.refresh_from_db()
    assert membership.person == keep
    assert list(Membership.objects.filter(person=keep).values_list("group__name", flat=True)) == ["Torsdagsgruppen"]
    assert not Membership.objects.filter(person=duplicate).exists()
    # The young person's own link (their QR code) keeps working, now for the kept record.
    link.refresh_from_db()
    assert link.person == keep and link.revoked_at is None
    resolution = links.personal_link_resolve(token)
    assert resolution.status == "ok" and resolution.link.person == keep
    # Empty details were filled in from the duplicate.
    assert keep.phone == "+45 11 22 33 44"


def test_the_duplicates_active_link_is_revoked_when_the_kept_record_has_one(pair, consultant, team_lead):
    keep, duplicate = pair
    kept_link, kept_token = links.personal_link_create(actor=consultant, person=keep)
    their_link, their_token = links.personal_link_create(actor=consultant, person=duplicate)
    assert any("revoked" in line for line in merge_preview(keep=keep, duplicate=duplicate).moves)

    young_people_merge(actor=team_lead, keep=keep, duplicate=duplicate)

    assert PersonalLink.objects.filter(person=keep).count() == 2
    assert links.personal_link_resolve(kept_token).status == "ok"
    assert links.personal_link_resolve(their_token).status == "revoked"


def test_a_former_membership_and_a_current_one_merge_into_one_history(pair, consultant, team_lead, make_group):
    keep, duplicate = pair
    first = make_group(name="Mandagsgruppen", weeks_back=12)
    second = make_group(name="Torsdagsgruppen", weekday="thu", weeks_back=12)
    old = membership_add(actor=consultant, group=first, person=keep, joined_on=_ago(weeks=10))
    membership_end(actor=consultant, membership=old, on=_ago(weeks=6))
    membership_add(actor=consultant, group=second, person=duplicate, joined_on=_ago(weeks=4))

    young_people_merge(actor=team_lead, keep=keep, duplicate=duplicate)

    history = Membership.objects.filter(person=keep).order_by("joined_on")
    assert [(m.group.name, m.left_on is None) for m in history] == [("Mandagsgruppen", False),
                                                                   ("Torsdagsgruppen", True)]


def test_refused_when_both_records_are_in_two_groups_at_the_same_time(pair, consultant, team_lead, make_group):
    keep, duplicate = pair
    membership_add(actor=consultant, group=make_group(name="Mandagsgruppen"), person=keep, joined_on=_ago(weeks=6))
    membership_add(actor=consultant, group=make_group(name="Torsdagsgruppen", weekday="thu"), person=duplicate,
                   joined_on=_ago(weeks=3))
    before = _snapshot(keep, duplicate)

    with pytest.raises(DomainError) as refused:
        young_people_merge(actor=team_lead, keep=keep, duplicate=duplicate)

    assert "Mandagsgruppen" in refused.value.message and "Torsdagsgruppen" in refused.value.message
    assert "at the same time" in refused.value.message
    assert _snapshot(keep, duplicate) == before
    preview = merge_preview(keep=keep, duplicate=duplicate)
    assert preview.problem == refused.value.message and preview.moves == []


def test_refused_when_the_two_records_have_overlapping_internships(
        pair, consultant, team_lead, make_company, make_internship):
    keep, duplicate = pair
    start = TODAY + dt.timedelta(days=3)
    make_internship(course=activate(keep.courses.get(), consultant), company=make_company(name="Roskilde Smedie ApS"),
                    start=start)
    make_internship(course=activate(duplicate.courses.get(), consultant), company=make_company(name="Bageriet ApS"),
                    start=start + dt.timedelta(days=10))
    before = _snapshot(keep, duplicate)

    with pytest.raises(DomainError) as refused:
        young_people_merge(actor=team_lead, keep=keep, duplicate=duplicate)

    assert "Roskilde Smedie ApS" in refused.value.message and "Bageriet ApS" in refused.value.message
    assert _snapshot(keep, duplicate) == before


def test_internships_one_after_the_other_do_not_stop_a_merge(
        pair, consultant, team_lead, make_company, make_internship):
    keep, duplicate = pair
    start = TODAY + dt.timedelta(days=3)
    make_internship(course=activate(keep.courses.get(), consultant), company=make_company(), start=start, days=20)
    make_internship(course=activate(duplicate.courses.get(), consultant), company=make_company(name="Bageriet ApS"),
                    start=start + dt.timedelta(days=30))
    young_people_merge(actor=team_lead, keep=keep, duplicate=duplicate)
    assert Course.objects.filter(person=keep).count() == 2


def test_only_a_team_lead_merges_and_nothing_changes_for_anyone_else(pair, consultant):
    keep, duplicate = pair
    before = _snapshot(keep, duplicate)
    with pytest.raises(PermissionDenied):
        young_people_merge(actor=consultant, keep=keep, duplicate=duplicate)
    assert _snapshot(keep, duplicate) == before


# The guard: every foreign key to a young person is moved by some step


def _uncovered(steps) -> set[tuple[str, str]]:
    young_person = apps.get_model("people", "YoungPerson")
    pointing = set()
    for model in apps.get_models():
        if model._meta.proxy:
            continue  # same table as its concrete model, which is checked itself
        for field in model._meta.get_fields():
            relation = isinstance(field, models.ForeignKey | models.OneToOneField | models.ManyToManyField)
            if relation and field.related_model is young_person and not field.auto_created:
                pointing.add((model._meta.label, field.name))
    pointing.discard(("people.YoungPerson", "merged_into"))
    covered = {cover for step in steps for cover in step.covers}
    return pointing - covered


def test_every_foreign_key_to_a_young_person_is_moved_by_a_merge_step():
    uncovered = _uncovered(MERGE_STEPS)
    assert not uncovered, (
        f"{sorted(uncovered)} point to a young person but no step in nextwork/portal/merge.py MERGE_STEPS "
        "moves them: a merge would leave them on the duplicate. Add a MergeStep that covers them.")


def test_every_cover_names_a_real_foreign_key_to_a_young_person():
    young_person = apps.get_model("people", "YoungPerson")
    for step in MERGE_STEPS:
        for label, field_name in step.covers:
            field = apps.get_model(label)._meta.get_field(field_name)
            assert field.related_model is young_person, (step.name, label, field_name)


def test_the_guard_notices_a_foreign_key_that_no_step_covers(monkeypatch):
    without_links = tuple(step for step in MERGE_STEPS if step.name != "personal links")
    assert _uncovered(without_links) == {("groups.PersonalLink", "person")}
    monkeypatch.setattr(portal_merge, "MERGE_STEPS", without_links)
    assert _uncovered(portal_merge.MERGE_STEPS) == {("groups.PersonalLink", "person")}


# The web flow


def test_the_team_lead_chooses_sees_what_moves_confirms_and_both_records_have_a_merge_row(
        client, pair, consultant, team_lead, make_group):
    keep, duplicate = pair
    membership_add(actor=consultant, group=make_group(name="Torsdagsgruppen", weekday="thu"), person=duplicate,
                   joined_on=_ago(weeks=2))
    url = reverse("portal:merge", args=[keep.pk])
    client.force_login(team_lead)

    choose = client.get(url)
    assert choose.status_code == 200
    assert f"#{duplicate.pk}" in choose.content.decode()  # the candidate in the drop-down

    preview = client.post(url, {"duplicate": duplicate.pk})
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "What moves" in page
    assert "1 course with its timeline" in page
    assert "1 network group membership" in page
    assert 'name="confirm" value="yes"' in page
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None and Membership.objects.get().person == duplicate
    assert not AuditEvent.objects.filter(action="merge").exists()

    done = client.post(url, {"duplicate": duplicate.pk, "confirm": "yes"})
    assert done.status_code == 302 and done.url == reverse("portal:person", args=[keep.pk])
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep and Membership.objects.get().person == keep
    rows = AuditEvent.objects.filter(action="merge", object_type="young_person", actor=team_lead)
    assert sorted(rows.values_list("object_id", flat=True)) == sorted([str(keep.pk), str(duplicate.pk)])
    assert "The records are merged." in client.get(done.url).content.decode()


def test_the_preview_page_says_what_to_resolve_and_has_no_merge_button(client, pair, consultant, team_lead,
                                                                        make_group):
    keep, duplicate = pair
    membership_add(actor=consultant, group=make_group(name="Mandagsgruppen"), person=keep, joined_on=_ago(weeks=6))
    membership_add(actor=consultant, group=make_group(name="Torsdagsgruppen", weekday="thu"), person=duplicate,
                   joined_on=_ago(weeks=3))
    client.force_login(team_lead)
    url = reverse("portal:merge", args=[keep.pk])
    response = client.post(url, {"duplicate": duplicate.pk})
    page = response.content.decode()
    assert "The records cannot be merged yet" in page
    assert "Mandagsgruppen" in page and "Torsdagsgruppen" in page
    assert 'name="confirm"' not in page
    # Confirming anyway (a stale page) is refused with the message on the form, and nothing moves.
    response = client.post(url, {"duplicate": duplicate.pk, "confirm": "yes"})
    assert response.status_code == 400 and "Torsdagsgruppen" in response.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


def test_a_consultant_may_not_open_the_merge_page(client, pair, consultant):
    keep, duplicate = pair
    client.force_login(consultant)
    url = reverse("portal:merge", args=[keep.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"duplicate": duplicate.pk, "confirm": "yes"}).status_code == 403
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


# The API


def _merge_api(client, user, keep_id, body, **extra):
    return client.post(f"/api/young-people/{keep_id}/merge/", body, content_type="application/json",
                       **bearer(user), **extra)


def test_the_api_merges_and_says_what_moved(client, pair, consultant, team_lead, make_group):
    keep, duplicate = pair
    membership_add(actor=consultant, group=make_group(), person=duplicate, joined_on=_ago(weeks=2))
    response = _merge_api(client, team_lead, keep.pk, {"duplicate_id": duplicate.pk})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == keep.pk and body["merged_id"] == duplicate.pk
    assert any("network group membership" in line for line in body["moved"])
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep and Membership.objects.get().person == keep
    assert AuditEvent.objects.filter(action="merge", channel="api").count() == 2


def test_the_api_refuses_two_groups_at_once_with_the_reason(client, pair, consultant, team_lead, make_group):
    keep, duplicate = pair
    membership_add(actor=consultant, group=make_group(name="Mandagsgruppen"), person=keep, joined_on=_ago(weeks=6))
    membership_add(actor=consultant, group=make_group(name="Torsdagsgruppen", weekday="thu"), person=duplicate,
                   joined_on=_ago(weeks=3))
    response = _merge_api(client, team_lead, keep.pk, {"duplicate_id": duplicate.pk})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "Mandagsgruppen" in detail and "Torsdagsgruppen" in detail
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None and not AuditEvent.objects.filter(action="merge").exists()


def test_the_api_reason_is_in_english_like_the_rest_of_the_api(pair, consultant, team_lead, make_group):
    from django.test import Client

    keep, duplicate = pair
    membership_add(actor=consultant, group=make_group(name="Mandagsgruppen"), person=keep, joined_on=_ago(weeks=6))
    membership_add(actor=consultant, group=make_group(name="Torsdagsgruppen", weekday="thu"), person=duplicate,
                   joined_on=_ago(weeks=3))
    response = _merge_api(Client(), team_lead, keep.pk, {"duplicate_id": duplicate.pk})
    assert response.status_code == 400
    assert "at the same time" in response.json()["detail"]


def test_the_api_refuses_a_consultant(client, pair, consultant):
    keep, duplicate = pair
    response = _merge_api(client, consultant, keep.pk, {"duplicate_id": duplicate.pk})
    assert response.status_code == 403 and "detail" in response.json()
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


def test_the_api_does_not_find_another_municipalitys_records(client, pair, team_lead, other_team, make_person):
    keep, duplicate = pair
    theirs = make_person(actor=other_team["youth_consultant"], first_name="Sofie", last_name="Lund").person
    assert _merge_api(client, team_lead, theirs.pk, {"duplicate_id": duplicate.pk}).status_code == 404
    response = _merge_api(client, team_lead, keep.pk, {"duplicate_id": theirs.pk})
    assert response.status_code == 404 and "detail" in response.json()
    theirs.refresh_from_db()
    duplicate.refresh_from_db()
    assert theirs.merged_into is None and duplicate.merged_into is None


@pytest.mark.parametrize("body", [{}, {"duplicate": 7}, {"duplicate_id": "seven"}, {"duplicate_id": None},
                                  [1, 2]])
def test_the_api_answers_422_for_a_missing_or_garbage_body(client, pair, team_lead, body):
    keep, duplicate = pair
    response = _merge_api(client, team_lead, keep.pk, body)
    assert response.status_code == 422 and "detail" in response.json()
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


@pytest.mark.parametrize("duplicate_id", [0, -5, 2**70])
def test_an_id_out_of_range_is_invalid_input(client, pair, team_lead, duplicate_id):
    keep, duplicate = pair
    response = _merge_api(client, team_lead, keep.pk, {"duplicate_id": duplicate_id})
    assert response.status_code == 422


def test_a_body_that_is_not_json_is_refused_in_json_and_merges_nothing(client, pair, team_lead):
    # django-ninja answers an unparsable body with 400 before the schema is checked (as for every other
    # endpoint, see tests/test_api.py::test_malformed_json_is_a_4xx_not_a_500).
    keep, duplicate = pair
    response = _merge_api(client, team_lead, keep.pk, "not json at all")
    assert response.status_code in (400, 422) and response.json()["detail"]
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


def test_a_consent_withdrawal_on_the_duplicate_stands_after_the_merge(make_person, team_lead):
    import datetime as dt

    from nextwork.portal.merge import young_people_merge

    keep = make_person(first_name="Ea").person
    duplicate = make_person(first_name="Ea", last_name="Lund").person
    duplicate.consent_withdrawn_on = dt.date.today()
    duplicate.save()
    young_people_merge(actor=team_lead, keep=keep, duplicate=duplicate)
    keep.refresh_from_db()
    assert keep.consent_withdrawn_on == dt.date.today() and not keep.consent_given
