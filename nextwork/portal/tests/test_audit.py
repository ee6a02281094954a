"""The people pages write exactly their audit rows, from the access functions and services: a "list" row
for every list of names shown (with how many), a "note_read" row when a psychologist's notes are shown, a
"change" row with before and after for a change, a "denied" row for a refused role or another
municipality's id. Opening a page or a form is never a "change", and a search term never reaches the log."""

import datetime as dt
import inspect

import pytest
from django.urls import reverse

from nextwork.core.models import AuditEvent
from nextwork.core.roles import Role
from nextwork.people.services.courses import course_end
from nextwork.people.services.notes import psychologist_conversation_add

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def _request(client, user, url, method="get", data=None):
    """Makes the request and returns the response with the audit rows it wrote."""
    client.force_login(user)
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = getattr(client, method)(url, data or {})
    return response, list(AuditEvent.objects.filter(id__gt=last).order_by("id"))


def _rows(events) -> list[tuple]:
    return [(e.action, e.object_type, e.object_id, e.summary) for e in events]


# Lists of names


def test_the_consultants_start_page_writes_one_list_row_for_my_young_people(client, consultant, make_person):
    make_person(first_name="Ane")
    make_person(first_name="Bent")
    response, events = _request(client, consultant, "/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ane Holm" in page and "Bent Holm" in page
    # Their first check-in is due (nextwork.wellbeing): a second list of the same names, its own row.
    assert _rows(events) == [("list", "young_person", "", "start page: my young people (2 shown)"),
                             ("list", "young_person", "", "start page: check-ins due (2 shown)")]
    assert all(event.actor == consultant and event.municipality == consultant.municipality for event in events)


def test_the_team_leads_start_page_writes_a_list_row_for_the_unassigned_referrals(client, team_lead, make_person):
    make_person(actor=team_lead, first_name="Ida")
    response, events = _request(client, team_lead, "/")
    assert response.status_code == 200 and "Ida Holm" in response.content.decode()
    assert _rows(events) == [("list", "young_person", "", "start page: check-ins due (1 shown)"),
                             ("list", "young_person", "", "referred without a consultant (1 shown)")]


def test_a_start_page_without_names_writes_no_row(client, consultant):
    response, events = _request(client, consultant, "/")
    assert response.status_code == 200 and events == []


def test_the_follow_ups_page_writes_a_list_row(client, consultant, make_person):
    course = make_person(first_name="Ahmad", last_name="Hussein", referred_days_ago=300).course
    course_end(actor=consultant, course=course, exit_type="education_su", exit_date=TODAY - dt.timedelta(days=100))
    response, events = _request(client, consultant, reverse("people:follow_ups"))
    assert response.status_code == 200 and "Ahmad Hussein" in response.content.decode()
    assert _rows(events) == [("list", "young_person", "", "follow-ups due (1 shown)")]


# One record


def test_a_psychologist_opening_a_person_page_writes_a_note_read_row(client, psychologist, consultant, make_person):
    course = make_person().course
    note = psychologist_conversation_add(actor=psychologist, course=course, occurred_on=TODAY,
                                         note="Arbejder med søvnproblemer")
    person = course.person
    response, events = _request(client, psychologist, reverse("portal:person", args=[person.pk]))
    assert response.status_code == 200 and "Arbejder med søvnproblemer" in response.content.decode()
    assert _rows(events) == [
        ("view", "young_person", str(person.pk), "person.view"),
        ("note_read", "psychologist_note", str(person.pk), f"1 notes: {note.pk}"),
    ]


def test_a_consultant_opening_the_same_page_reads_no_psychologist_note(client, psychologist, consultant, make_person):
    course = make_person().course
    psychologist_conversation_add(actor=psychologist, course=course, occurred_on=TODAY, note="Fortroligt")
    person = course.person
    response, events = _request(client, consultant, reverse("portal:person", args=[person.pk]))
    assert response.status_code == 200 and "Fortroligt" not in response.content.decode()
    assert _rows(events) == [("view", "young_person", str(person.pk), "person.view")]
    assert not AuditEvent.objects.filter(action="note_read").exists()


# Search


@pytest.mark.parametrize("dashed", [False, True])
def test_a_cpr_number_typed_into_the_search_never_reaches_the_log(client, consultant, make_person, dashed):
    from conftest import _cpr_for

    make_person()
    digits = _cpr_for(TODAY - dt.timedelta(days=25 * 365), 900)
    query = f"{digits[:6]}-{digits[6:]}" if dashed else digits
    response, events = _request(client, consultant, reverse("people:list") + f"?q={query}")
    assert response.status_code == 200
    assert _rows(events) == [("list", "young_person", "", "list, search (0 shown)")]
    everything = " ".join(f"{e.object_id} {e.summary}" for e in AuditEvent.objects.all())
    assert digits not in everything and digits[:6] not in everything and digits[6:] not in everything


def test_a_search_by_name_counts_the_names_shown_but_not_the_word(client, consultant, make_person):
    make_person(first_name="Jonas", last_name="Krogh")
    make_person(first_name="Ane", last_name="Berg")
    response, events = _request(client, consultant, reverse("people:list") + "?q=Krogh")
    assert response.status_code == 200 and "Jonas Krogh" in response.content.decode()
    assert _rows(events) == [("list", "young_person", "", "list, search (1 shown)")]


# Changes


def test_a_status_change_through_the_page_writes_a_change_row_with_before_and_after(client, consultant, make_person):
    course = make_person().course
    response, events = _request(client, consultant, reverse("people:course_status", args=[course.pk]), "post",
                                {"status": "active", "on": TODAY.isoformat()})
    assert response.status_code == 302
    changes = [event for event in events if event.action == "change"]
    assert [(e.object_type, e.object_id, e.summary) for e in changes] == [
        ("course", str(course.pk), "status: referred -> active")]


def test_opening_the_edit_form_writes_no_change_row(client, consultant, make_person):
    person = make_person().person
    response, events = _request(client, consultant, reverse("people:edit", args=[person.pk]))
    assert response.status_code == 200
    assert _rows(events) == [("view", "young_person", str(person.pk), "person.edit")]


def _form_data(form) -> dict:
    """What the browser would send back for the form as it was shown."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value.isoformat() if isinstance(value, dt.date) else value
    return data


def test_editing_details_through_the_page_saves_them_and_logs_before_and_after(client, consultant, make_person):
    person = make_person().person
    url = reverse("people:edit", args=[person.pk])
    client.force_login(consultant)
    data = _form_data(client.get(url).context["form"])
    data.update(phone="+45 99 88 77 66")
    response, events = _request(client, consultant, url, "post", data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "+45 99 88 77 66"
    assert [e.summary for e in events if e.action == "change"] == ["phone: +45 20 30 40 50 -> +45 99 88 77 66"]


def test_a_cpr_correction_through_the_page_is_logged_without_the_number(client, consultant, make_person):
    from conftest import _cpr_for

    person = make_person().person
    old_cpr = person.cpr
    url = reverse("people:edit", args=[person.pk])
    client.force_login(consultant)
    data = _form_data(client.get(url).context["form"])
    new_cpr = _cpr_for(person.birth_date, 700)
    data.update(cpr_number=new_cpr)
    response, events = _request(client, consultant, url, "post", data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.cpr == new_cpr
    assert [e.summary for e in events if e.action == "change"] == ["cpr: (changed)"]
    logged = " ".join(f"{e.object_id} {e.summary}" for e in AuditEvent.objects.all())
    assert new_cpr not in logged and old_cpr not in logged


def test_saving_the_edit_form_unchanged_writes_no_change_row(client, consultant, make_person):
    person = make_person().person
    url = reverse("people:edit", args=[person.pk])
    client.force_login(consultant)
    response, events = _request(client, consultant, url, "post", _form_data(client.get(url).context["form"]))
    assert response.status_code == 302
    assert _rows(events) == [("view", "young_person", str(person.pk), "person.edit")]


# Refusals


def test_a_consultant_opening_the_merge_page_gets_403_and_a_denied_row(client, consultant, make_person):
    person = make_person().person
    response, events = _request(client, consultant, reverse("portal:merge", args=[person.pk]))
    assert response.status_code == 403
    assert _rows(events) == [("denied", "young_person", str(person.pk), "person.merge: role may not")]


def test_another_municipalitys_person_gives_404_and_a_denied_row(client, team_lead, other_team, make_person):
    theirs = make_person(actor=other_team[Role.YOUTH_CONSULTANT]).person
    for url, action in ((reverse("portal:merge", args=[theirs.pk]), "person.merge"),
                        (reverse("portal:person", args=[theirs.pk]), "person.view")):
        response, events = _request(client, team_lead, url)
        assert response.status_code == 404
        assert _rows(events) == [("denied", "young_person", str(theirs.pk),
                                  f"{action}: not found in the municipality")]
        assert events[0].municipality == team_lead.municipality


# The shape: views leave the audit log to the access functions and services


def test_the_portal_and_people_views_write_no_audit_rows_themselves():
    from nextwork.people import api as people_api
    from nextwork.people import views as people_views
    from nextwork.people import views_dashboards
    from nextwork.portal import api as portal_api
    from nextwork.portal import views, views_merge, views_self

    for module in (views, views_merge, views_self, portal_api, people_views, views_dashboards, people_api):
        source = inspect.getsource(module)
        assert "audit.record" not in source and "AuditEvent" not in source, module.__name__
