"""The six staff lists sort by their columns, export every matching row to CSV and XLSX, and log the export.

For each list: sorting by a column changes the order a user sees; the downloads hold all filtered rows (not
one page) with the shown columns' labels and formula-looking cells as text; the export is an "export" audit
row with the count; a role without the permission gets 403 on the export too; the sorted page's query count
does not grow with the data.
"""

import csv
import datetime as dt
import io
import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from nextwork.companies.models import Internship
from nextwork.companies.services import companies as company_services
from nextwork.companies.services import internships as internship_services
from nextwork.core import audit
from nextwork.core.models import AuditEvent, User
from nextwork.core.roles import Role
from nextwork.people.choices import CourseStatus, ExitType
from nextwork.people.models import YoungPerson
from nextwork.people.services import courses as course_services

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
EVIL = '=HYPERLINK("http://evil.example","x")'
CVRS = ["13585628", "10150817", "25313763", "29403473", "30700228", "12345674", "87654321"]
_serial = itertools.count()


@pytest.fixture(autouse=True)
def english(client):
    """Pages and files in English, so tests read the source labels."""
    from django.utils import translation

    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


# Helpers --------------------------------------------------------------------------------------------------
def download(client, url: str, fmt: str, **params) -> list[list[str]]:
    response = client.get(url, {**params, "export": fmt})
    assert response.status_code == 200, response.content[:300]
    if fmt == "csv":
        assert response["Content-Type"].startswith("text/csv")
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    rows = load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    return [["" if value is None else str(value) for value in row] for row in rows]


def order_seen(response, *names: str) -> list[str]:
    """The names in the order they appear on the page."""
    content = response.content.decode()
    assert all(name in content for name in names), names
    return sorted(names, key=content.find)


def queries(client, url: str) -> int:
    client.get(url)  # warm caches as a second visit would
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def exports_logged(user) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(actor=user, action="export").order_by("id"))


def rename(person_or_intake, first_name: str) -> None:
    person = getattr(person_or_intake, "person", person_or_intake)
    YoungPerson.objects.filter(pk=person.pk).update(first_name=first_name)


def person(make_person, first_name: str, last_name: str, **kwargs):
    kwargs.setdefault("age_years", 20 + next(_serial) % 8)
    kwargs.setdefault("referred_days_ago", 30)
    return make_person(first_name=first_name, last_name=last_name, **kwargs)


def activate(course, actor):
    return course_services.course_change_status(actor=actor, course=course, status=CourseStatus.ACTIVE,
                                                on=TODAY - dt.timedelta(days=20))


# Young people ---------------------------------------------------------------------------------------------
@pytest.fixture
def young_people(make_person, consultant):
    anna = person(make_person, "Anna", "Zeta", age_years=28)
    bo = person(make_person, "Bo", "Alpha", age_years=19)
    evil = person(make_person, "Evil", "Person", age_years=22)
    rename(evil, EVIL)
    activate(person(make_person, "Carl", "Active").course, consultant)  # filtered out by status=referred
    return anna, bo, evil


def test_young_people_sort_by_name_and_birth_date(client, consultant, young_people):
    client.force_login(consultant)
    assert order_seen(client.get("/young-people/?sort=name"), "Anna Zeta", "Bo Alpha") == ["Anna Zeta", "Bo Alpha"]
    response = client.get("/young-people/?sort=name&dir=desc&status=referred")
    assert order_seen(response, "Anna Zeta", "Bo Alpha") == ["Bo Alpha", "Anna Zeta"]
    assert 'aria-sort="descending"' in response.content.decode()
    assert "status=referred" in response.content.decode().split('href="?', 2)[1][:200]  # the links keep filters
    assert order_seen(client.get("/young-people/?sort=birth_date&dir=desc"), "Anna", "Bo Alpha") == [
        "Bo Alpha", "Anna"]
    assert client.get("/young-people/?sort=cpr&dir=sideways").status_code == 200  # ignored, never a 500


def test_young_people_sort_by_the_current_courses_consultant(client, consultant, team_lead, make_person):
    person(make_person, "Unassigned", "Person", actor=team_lead)
    person(make_person, "Assigned", "Person")
    client.force_login(consultant)
    assert order_seen(client.get("/young-people/?sort=consultant"), "Assigned", "Unassigned") == [
        "Assigned", "Unassigned"]  # no consultant last, either way
    assert order_seen(client.get("/young-people/?sort=consultant&dir=desc"), "Assigned", "Unassigned") == [
        "Assigned", "Unassigned"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_young_people_export_has_every_filtered_row_and_is_logged(client, consultant, young_people, monkeypatch, fmt):
    monkeypatch.setattr("nextwork.people.views.PAGE_SIZE", 1)
    client.force_login(consultant)
    rows = download(client, "/young-people/", fmt, status="referred", sort="name", dir="desc")
    assert rows[0] == ["Name", "Birth date", "Status", "Responsible consultant", "Referred on"]
    names = [row[0] for row in rows[1:]]
    assert sorted(names) == sorted(["'" + EVIL + " Person", "Bo Alpha", "Anna Zeta"])
    assert names.index("Bo Alpha") < names.index("Anna Zeta")  # in the list's sort
    assert rows[1][2] == "Referred" and rows[1][3] == str(consultant)
    [logged] = exports_logged(consultant)
    assert logged.object_type == "young_person" and "3 rows" in logged.summary and fmt in logged.summary


def test_young_people_export_is_refused_without_the_permission(client, team, young_people):
    client.force_login(team[Role.MANAGER])
    assert client.get("/young-people/?export=csv").status_code == 403
    assert not exports_logged(team[Role.MANAGER])


def test_young_people_export_above_the_bound_is_refused_with_a_message(client, consultant, young_people,
                                                                       monkeypatch):
    monkeypatch.setattr("nextwork.core.tables.MAX_EXPORT_ROWS", 2)
    client.force_login(consultant)
    response = client.get("/young-people/?export=xlsx&status=referred", follow=True)
    assert "more than 2 rows" in response.content.decode()
    assert not exports_logged(consultant)


def test_young_people_sorted_list_does_not_grow_with_the_data(client, consultant, make_person):
    person(make_person, "First", "One")
    client.force_login(consultant)
    url = "/young-people/?sort=consultant&dir=desc&status=referred"
    small = queries(client, url)
    for n in range(6):
        person(make_person, "More", f"People{n}")
    assert queries(client, url) == small


# Follow-ups ---------------------------------------------------------------------------------------------------
@pytest.fixture
def follow_ups_due(make_person, consultant):
    """Exits 200 days ago: the 3- and 6-month follow-ups of each are due."""
    def exited(first_name, last_name):
        course = person(make_person, first_name, last_name, referred_days_ago=300).course
        course_services.course_end(actor=consultant, course=course, exit_type=ExitType.JOB,
                                   exit_date=TODAY - dt.timedelta(days=200))
        return course.person

    def make():
        exited("Anna", "Zeta"), exited("Bo", "Alpha")
        rename(exited("Evil", "Person"), EVIL)

    return make


def test_follow_ups_sort_by_young_person(client, consultant, follow_ups_due):
    follow_ups_due()
    client.force_login(consultant)
    assert order_seen(client.get("/follow-ups/?sort=person"), "Anna Zeta", "Bo Alpha") == ["Anna Zeta", "Bo Alpha"]
    response = client.get("/follow-ups/?sort=person&dir=desc")
    assert order_seen(response, "Anna Zeta", "Bo Alpha") == ["Bo Alpha", "Anna Zeta"]
    assert 'aria-sort="descending"' in response.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_follow_ups_export_has_every_due_follow_up_and_is_logged(client, consultant, follow_ups_due, fmt):
    follow_ups_due()
    client.force_login(consultant)
    rows = download(client, "/follow-ups/", fmt, sort="months_after")
    assert rows[0] == ["Young person", "Exit", "Months after exit", "Due"]
    assert len(rows) == 1 + 6 and [row[2] for row in rows[1:]] == ["3", "3", "3", "6", "6", "6"]
    assert "'" + EVIL + " Person" in [row[0] for row in rows]
    [logged] = exports_logged(consultant)
    assert "6 rows" in logged.summary


def test_follow_ups_export_is_refused_without_the_permission(client, team):
    client.force_login(team[Role.CASEWORKER])
    assert client.get("/follow-ups/?export=xlsx").status_code == 403


def test_follow_ups_sorted_list_does_not_grow_with_the_data(client, consultant, follow_ups_due):
    follow_ups_due()
    client.force_login(consultant)
    small = queries(client, "/follow-ups/?sort=exit&dir=desc")
    follow_ups_due()
    assert queries(client, "/follow-ups/?sort=exit&dir=desc") == small


# Caseload -----------------------------------------------------------------------------------------------------
def _consultant(roskilde, first_name: str) -> User:
    return User.objects.create_user(username=f"yc-{first_name}-{next(_serial)}", password="nextwork-test-pw",
                                    role=Role.YOUTH_CONSULTANT, municipality=roskilde, first_name=first_name,
                                    last_name="Consultant")


def test_caseload_sorts_by_consultant_and_open_courses(client, roskilde, team_lead, consultant, make_person):
    _consultant(roskilde, "Aaron")  # no young people yet: shown as a youth consultant
    zack = _consultant(roskilde, "Zack")
    person(make_person, "Has", "Two", actor=zack), person(make_person, "Has", "Twice", actor=zack)
    client.force_login(team_lead)
    assert order_seen(client.get("/caseload/?sort=consultant"), "Aaron", "Zack") == ["Aaron", "Zack"]
    assert order_seen(client.get("/caseload/?sort=consultant&dir=desc"), "Aaron", "Zack") == ["Zack", "Aaron"]
    assert order_seen(client.get("/caseload/?sort=open_courses"), "Aaron", "Zack") == ["Aaron", "Zack"]
    assert order_seen(client.get("/caseload/?sort=open_courses&dir=desc"), "Aaron", "Zack") == ["Zack", "Aaron"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_caseload_export_has_every_consultant_and_is_logged(client, roskilde, team_lead, consultant, fmt):
    evil = _consultant(roskilde, EVIL)
    client.force_login(team_lead)
    rows = download(client, "/caseload/", fmt)
    assert rows[0] == ["Consultant", "Open courses", "Active", "Against the norm"]
    names = [row[0] for row in rows[1:]]
    assert set(names) == {str(consultant), "'" + str(evil)}
    [logged] = exports_logged(team_lead)
    assert logged.object_type == "caseload" and "2 rows" in logged.summary


def test_caseload_export_is_refused_without_the_permission(client, team):
    client.force_login(team[Role.PSYCHOLOGIST])
    assert client.get("/caseload/?export=csv").status_code == 403


def test_caseload_sorted_does_not_grow_with_the_data(client, roskilde, team_lead, make_person):
    client.force_login(team_lead)
    small = queries(client, "/caseload/?sort=active&dir=desc")
    for name in ("Bea", "Cid", "Dan"):
        person(make_person, "Young", name, actor=_consultant(roskilde, name))
    assert queries(client, "/caseload/?sort=active&dir=desc") == small


# Audit log ----------------------------------------------------------------------------------------------------
def test_audit_log_sorts_by_user(client, roskilde, team_lead):
    for name in ("Zack", "Aaron"):
        audit.record(actor=_consultant(roskilde, name), action="view", object_type="young_person", object_id=1,
                     municipality_id=roskilde.pk)
    client.force_login(team_lead)
    assert order_seen(client.get("/audit/"), "Aaron", "Zack") == ["Aaron", "Zack"]  # newest first by default
    assert order_seen(client.get("/audit/?sort=actor"), "Aaron", "Zack") == ["Aaron", "Zack"]
    assert order_seen(client.get("/audit/?sort=actor&dir=desc"), "Aaron", "Zack") == ["Zack", "Aaron"]
    assert order_seen(client.get("/audit/?sort=at"), "Aaron", "Zack") == ["Zack", "Aaron"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_audit_log_export_has_every_event_and_is_logged(client, roskilde, team_lead, fmt):
    for n in range(60):  # more than a page
        audit.record(actor=team_lead, action="view", object_type="young_person", object_id=n,
                     municipality_id=roskilde.pk, summary=EVIL if n == 7 else "")
    in_log = AuditEvent.objects.filter(municipality=roskilde).count()
    client.force_login(team_lead)
    rows = download(client, "/audit/", fmt, sort="record")
    assert rows[0] == ["Time", "User", "Action", "Record", "Technical details", "Channel"]
    assert len(rows) == 1 + in_log and "'" + EVIL in [row[4] for row in rows]
    [logged] = exports_logged(team_lead)
    assert logged.object_type == "audit_event" and f"{in_log} rows" in logged.summary


def test_audit_log_export_is_refused_without_the_permission(client, consultant):
    client.force_login(consultant)
    assert client.get("/audit/?export=csv").status_code == 403


def test_audit_log_sorted_does_not_grow_with_the_data(client, roskilde, team_lead, consultant):
    audit.record(actor=consultant, action="view", object_type="course", object_id=0, municipality_id=roskilde.pk)
    client.force_login(team_lead)
    small = queries(client, "/audit/?sort=actor&dir=desc")
    for n in range(30):
        audit.record(actor=consultant, action="view", object_type="course", object_id=n, municipality_id=roskilde.pk)
    assert queries(client, "/audit/?sort=actor&dir=desc") == small


# Companies ----------------------------------------------------------------------------------------------------
@pytest.fixture
def make_company(team):
    cvrs = iter(CVRS)

    def make(name, **details):
        details = {"cvr": next(cvrs), "name": name, "address": "Industrivej 4, 4000 Roskilde", "industry_code": "25",
                   "size_band": "10-49", "sector": "private", "notes": "", **details}
        company = company_services.company_create(actor=team[Role.COMPANY_CONSULTANT], details=details)
        company.name = name  # the register's rules may tidy a name; the list shows what is stored
        company.save(update_fields=["name"])
        return company

    return make


@pytest.fixture
def companies(make_company):
    return (make_company("Alfa Smedie"), make_company("Zulu Bageri"), make_company(EVIL),
            make_company("Offentlig Kantine", sector="public"))


def test_companies_sort_by_name(client, consultant, companies):
    client.force_login(consultant)
    assert order_seen(client.get("/companies/?sort=name"), "Alfa", "Zulu") == ["Alfa", "Zulu"]
    response = client.get("/companies/?sort=name&dir=desc&sector=private")
    assert order_seen(response, "Alfa", "Zulu") == ["Zulu", "Alfa"]
    assert 'aria-sort="descending"' in response.content.decode()
    assert client.get("/companies/?sort=secret").status_code == 200


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_companies_export_has_every_filtered_company_and_is_logged(client, consultant, companies, monkeypatch, fmt):
    monkeypatch.setattr("nextwork.companies.views.PAGE_SIZE", 1)
    client.force_login(consultant)
    rows = download(client, "/companies/", fmt, sector="private", sort="name")
    assert rows[0] == ["Name", "CVR number", "Industry", "Open offers", "Current internships", "Next follow-up"]
    assert sorted(row[0] for row in rows[1:]) == sorted(["Alfa Smedie", "Zulu Bageri", "'" + EVIL])
    [logged] = exports_logged(consultant)
    assert logged.object_type == "company" and "3 rows" in logged.summary


def test_companies_export_is_refused_without_the_permission(client, team, companies):
    client.force_login(team[Role.MANAGER])
    assert client.get("/companies/?export=csv").status_code == 403


def test_companies_sorted_list_does_not_grow_with_the_data(client, consultant, make_company):
    make_company("Første")
    client.force_login(consultant)
    small = queries(client, "/companies/?sort=open_offers&dir=desc")
    for n in range(4):
        make_company(f"Flere {n}")
    assert queries(client, "/companies/?sort=open_offers&dir=desc") == small


# Internships ----------------------------------------------------------------------------------------------------
@pytest.fixture
def make_internship(consultant, make_company, make_person):
    company = make_company("Praktik ApS")

    def make(first_name, *, function="Smed", days_ahead=3):
        course = activate(person(make_person, first_name, "Intern").course, consultant)
        start = TODAY + dt.timedelta(days=days_ahead)
        return internship_services.internship_create(
            actor=consultant, course=course, company=company, function=function, start_on=start,
            planned_end_on=start + dt.timedelta(days=60), hours_per_week=Decimal("20"), kind="training")

    return make


def test_internships_sort_by_young_person_and_period(client, consultant, make_internship):
    make_internship("Anna", days_ahead=9), make_internship("Bo", days_ahead=3)
    client.force_login(consultant)
    anna, bo = "Anna Intern", "Bo Intern"
    assert order_seen(client.get("/companies/internships/?sort=person"), anna, bo) == [anna, bo]
    assert order_seen(client.get("/companies/internships/?sort=person&dir=desc"), anna, bo) == [bo, anna]
    assert order_seen(client.get("/companies/internships/?sort=period"), anna, bo) == [bo, anna]
    assert order_seen(client.get("/companies/internships/"), anna, bo) == [anna, bo]  # newest start first


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_internships_export_has_every_filtered_internship_and_is_logged(client, consultant, make_internship, fmt):
    make_internship("Anna"), make_internship("Bo", function=EVIL)
    ended = make_internship("Carl")
    Internship.objects.filter(pk=ended.pk).update(status="ended")
    client.force_login(consultant)
    rows = download(client, "/companies/internships/", fmt, status="planned", sort="person")
    assert rows[0] == ["Young person", "Company", "Function", "Period", "Hours per week", "Status", "Agreement"]
    assert [row[0] for row in rows[1:]] == ["Anna Intern", "Bo Intern"]
    assert rows[2][2] == "'" + EVIL
    [logged] = exports_logged(consultant)
    assert logged.object_type == "internship" and "2 rows" in logged.summary


def test_internships_export_is_refused_without_the_permission(client, team):
    client.force_login(team[Role.CASEWORKER])
    assert client.get("/companies/internships/?export=csv").status_code == 403


def test_internships_sorted_list_does_not_grow_with_the_data(client, consultant, make_internship):
    make_internship("Anna")
    client.force_login(consultant)
    small = queries(client, "/companies/internships/?sort=company&dir=desc")
    for name in ("Bo", "Carl", "Dora"):
        make_internship(name)
    assert queries(client, "/companies/internships/?sort=company&dir=desc") == small
