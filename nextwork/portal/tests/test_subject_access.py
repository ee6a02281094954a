"""The data subject's right of access: a team lead downloads everything held about one young person, from
every app, as JSON and as a PDF; nothing of another person is in it; anyone else gets a 403 and a denied
row. The guard test fails the day a model points to a young person (or a course) and no export section
covers it."""

import datetime as dt
import json

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from nextwork.companies.models import Offer
from nextwork.core.models import AuditEvent
from nextwork.core.roles import Role
from nextwork.events.models import Invitation, MatchEvent, Wish
from nextwork.groups.models import Attendance, Session
from nextwork.groups.services.memberships import membership_add
from nextwork.people.services.notes import conversation_add, psychologist_conversation_add
from nextwork.portal import subject_access
from nextwork.portal.subject_access import EXPORT_SECTIONS

from .conftest import activate

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def everything(make_person, consultant, psychologist, make_group, make_company, make_internship):
    """One young person with records in every app, and another young person with their own."""

    def fill(first_name: str, trade: str, group_name: str, weekday: str):
        course = activate(make_person(first_name=first_name, dream_trades=trade).course, consultant)
        conversation_add(actor=consultant, course=course, kind="one_to_one", occurred_on=TODAY,
                         text=f"Samtale med {first_name} om {trade}")
        psychologist_conversation_add(actor=psychologist, course=course, occurred_on=TODAY,
                                      note=f"Psykolognote om {first_name}")
        company = make_company(name=f"{trade} ApS")
        make_internship(course=course, company=company, start=TODAY + dt.timedelta(days=3), function=trade)
        group = make_group(name=group_name, weekday=weekday)
        membership = membership_add(actor=consultant, group=group, person=course.person,
                                    joined_on=TODAY - dt.timedelta(weeks=2))
        session = Session.objects.create(group=group, date=TODAY - dt.timedelta(days=1), starts_at=dt.time(10))
        Attendance.objects.create(session=session, membership=membership, status="late", recorded_by=consultant)
        event = MatchEvent.objects.create(municipality=course.municipality, held_on=TODAY + dt.timedelta(days=10),
                                          starts_at=dt.time(13), place=f"Matchdag {first_name}")
        Invitation.objects.create(event=event, person=course.person, about_me=f"{first_name} vil gerne arbejde")
        offer = Offer.objects.create(company=company, function=f"{trade}elev", occupation_code="7212",
                                     kind="training")
        Wish.objects.create(event=event, person=course.person, offer=offer, rank=1)
        return course.person

    return fill("Freja", "Smed", "Mandagsgruppen", "mon"), fill("Omar", "Bager", "Torsdagsgruppen", "thu")


def _download(client, user, person, fmt):
    client.force_login(user)
    return client.get(reverse("portal:export", args=[person.pk]), {"format": fmt})


def test_the_json_holds_every_apps_records_of_the_person_and_nothing_of_another(client, everything, team_lead):
    person, other = everything
    response = _download(client, team_lead, person, "json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    sections = data["sections"]
    assert sections["details"][0]["first_name"] == "Freja" and sections["details"][0]["cpr"] == person.cpr
    assert "cpr_lookup" not in sections["details"][0]
    assert [c["text"] for c in sections["conversations"]] == ["Samtale med Freja om Smed"]
    assert [n["note"] for n in sections["psychologist_notes"]] == ["Psykolognote om Freja"]
    assert [i["function"] for i in sections["internships"]] == ["Smed"]
    assert [m["group"] for m in sections["group_memberships"]] == ["Mandagsgruppen"]
    assert [a["status"] for a in sections["attendance"]] == ["late"]
    assert [i["about_me"] for i in sections["event_invitations"]] == ["Freja vil gerne arbejde"]
    assert [w["rank"] for w in sections["event_wishes"]] == [1]
    assert sections["courses"] and sections["timeline"] and sections["internship_history"]
    for section in EXPORT_SECTIONS:
        assert section.name in sections
    text = response.content.decode()
    for trace in ("Omar", "Bager", "Torsdagsgruppen", other.cpr):
        assert trace not in text


def test_the_pdf_is_a_readable_pdf_with_the_notes(client, everything, team_lead):
    person, other = everything
    response = _download(client, team_lead, person, "pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and "no-store" in response["Cache-Control"]
    html = subject_access.render_to_string("portal/subject_access_pdf.html", {
        "export": subject_access.subject_access(person), "person": person})
    assert "Samtale med Freja om Smed" in html and "Psykolognote om Freja" in html and "Omar" not in html


def test_the_download_is_audited_as_an_export(client, everything, team_lead):
    person, _ = everything
    _download(client, team_lead, person, "json")
    row = AuditEvent.objects.get(action="export", object_type="young_person")
    assert row.actor == team_lead and row.object_id == str(person.pk) and "json" in row.summary


@pytest.mark.parametrize("role", [Role.YOUTH_CONSULTANT, Role.PSYCHOLOGIST, Role.CASEWORKER, Role.MANAGER,
                                  Role.COMPANY_CONSULTANT])
def test_only_a_team_lead_may_export_everyone_else_gets_403_and_a_denied_row(client, everything, team, role):
    person, _ = everything
    user = team[role]
    for fmt in ("json", "pdf", ""):
        assert _download(client, user, person, fmt).status_code == 403
    assert AuditEvent.objects.filter(actor=user, action="denied", object_id=str(person.pk)).count() == 3
    assert not AuditEvent.objects.filter(action="export").exists()


def test_another_municipalitys_team_lead_gets_404(client, everything, other_team):
    person, _ = everything
    assert _download(client, other_team[Role.TEAM_LEAD], person, "json").status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()


def test_the_person_page_offers_the_export_to_the_team_lead_only(client, everything, team_lead, consultant):
    person, _ = everything
    url = reverse("portal:export", args=[person.pk])
    client.force_login(team_lead)
    assert url in client.get(reverse("portal:person", args=[person.pk])).content.decode()
    page = client.get(url)
    assert page.status_code == 200 and "?format=pdf" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    client.force_login(consultant)
    assert url not in client.get(reverse("portal:person", args=[person.pk])).content.decode()


# The guard: every foreign key to a young person or a course is exported by some section


def _uncovered(sections) -> set[tuple[str, str]]:
    targets = {apps.get_model("people", "YoungPerson"), apps.get_model("people", "Course")}
    pointing = set()
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in model._meta.get_fields():
            relation = isinstance(field, models.ForeignKey | models.OneToOneField | models.ManyToManyField)
            if relation and field.related_model in targets and not field.auto_created:
                pointing.add((model._meta.label, field.name))
    covered = {cover for section in sections for cover in section.covers}
    return pointing - covered


def test_every_foreign_key_to_a_young_person_or_course_is_exported():
    uncovered = _uncovered(EXPORT_SECTIONS)
    assert not uncovered, (
        f"{sorted(uncovered)} point to a young person or a course but no section in "
        "nextwork/portal/subject_access.py EXPORT_SECTIONS exports them: a subject access request would miss "
        "them. Add an ExportSection that covers them.")


def test_the_guard_notices_a_foreign_key_that_no_section_covers():
    without_wishes = tuple(section for section in EXPORT_SECTIONS if section.name != "event_wishes")
    assert _uncovered(without_wishes) == {("events.Wish", "person")}


def test_every_cover_names_a_real_foreign_key():
    targets = {apps.get_model("people", "YoungPerson"), apps.get_model("people", "Course")}
    for section in EXPORT_SECTIONS:
        for label, field_name in section.covers:
            assert apps.get_model(label)._meta.get_field(field_name).related_model in targets
