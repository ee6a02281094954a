"""/demo-data/: the administrator adds the national demo's municipalities in the background, on top of the
small demo. The tests build a national scale of five municipalities (three beyond the small demo's two)."""

import pytest
from django.db import connection
from django.urls import reverse

from nextwork.core.jobs import SideProgress
from nextwork.core.models import Job, Municipality, User
from nextwork.core.tests.test_jobs import run_queued_tasks
from nextwork.demo import builder
from nextwork.demo.builder import DemoBuilder, Scale
from nextwork.people.models import YoungPerson
from nextwork.trial.models import Trial, TrialSite

URL = "/demo-data/"


@pytest.fixture
def client(client):
    client.cookies["django_language"] = "en"  # the job runs in the page's language; the tests read its English
    return client


@pytest.fixture
def tools_on(settings):
    settings.NEXTWORK_DEMO_TOOLS = True


@pytest.fixture
def five_municipalities(monkeypatch):
    monkeypatch.setitem(builder.SCALES, "national", Scale(municipalities=5, young_people=100, extra_consultants=1))


@pytest.fixture
def progress_seen(monkeypatch):
    """Each progress report, with the job's progress as another connection (the page) then reads it."""
    seen = []
    report = SideProgress.__call__

    def spy(self, percent, message=""):
        report(self, percent, message)
        seen.append((message, Job.objects.filter(pk=self.job_id).values_list("progress", flat=True).first()))

    monkeypatch.setattr(SideProgress, "__call__", spy)
    return seen


def test_the_page_does_not_exist_without_the_demo_tools(client, network_users):
    client.force_login(network_users["admin"])
    assert reverse("demo:page") == URL
    assert client.get(URL).status_code == 404
    assert client.post(URL).status_code == 404
    assert not Job.objects.exists()


def test_only_the_administrator_may_add_demo_data(client, tools_on, team, network_users):
    for role, user in {**team, **network_users}.items():
        client.force_login(user)
        admin = role == "admin"
        assert client.get(URL).status_code == (200 if admin else 403), role
        assert client.post(URL).status_code == (302 if admin else 403), role
    assert Job.objects.filter(kind="demo.build").count() == 1


def test_the_administrator_starts_the_build_and_follows_it(client, tools_on, network_users):
    admin = network_users["admin"]
    client.force_login(admin)
    page = client.get(URL)
    assert page.context["municipalities"] == Municipality.objects.count()
    assert "Add the national demo" in page.content.decode()
    response = client.post(URL)
    job = Job.objects.get(kind="demo.build")
    assert job.owner == admin and job.status == Job.Status.QUEUED and job.params["scale"] == "national"
    assert response.url == f"{URL}?job={job.pk}#job-heading"
    # Coming back without the link shows the build still waiting; a second click starts no second build.
    assert client.get(URL).context["job"] == job
    client.post(URL)
    assert Job.objects.filter(kind="demo.build").count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_national_demo_is_added_on_top_of_the_small_demo_once(client, settings, five_municipalities,
                                                                  progress_seen):
    settings.NEXTWORK_DEMO_TOOLS = True
    DemoBuilder(scale="small").build()
    people_before = YoungPerson.objects.count()
    client.force_login(User.objects.get(username="admin"))
    client.post(URL)
    assert run_queued_tasks() == 1
    job = Job.objects.get(kind="demo.build")
    assert job.status == Job.Status.DONE, job.error
    assert set(Municipality.objects.values_list("name", flat=True)) == {
        "Roskilde", "Fredericia", "Horsens", "Sønderborg", "Vejle"}
    assert job.result["added_municipalities"] == 3
    assert job.result["added_young_people"] == YoungPerson.objects.count() - people_before >= 3 * 20
    assert job.message == f"3 municipalities with {job.result['added_young_people']} young people were added."
    assert User.objects.filter(username="admin").count() == 1
    assert User.objects.filter(username="team-lead-horsens").exists()
    # Horsens is in the research phase: it joins the small demo's trial.
    assert Trial.objects.count() == 1
    assert TrialSite.objects.filter(municipality__name="Horsens").exists()
    messages = [message for message, _ in progress_seen]
    for name in ("Horsens", "Sønderborg", "Vejle"):
        assert any(name in message for message in messages), name
    assert "The trial" in messages and "Fidelity figures" in messages
    if connection.vendor == "postgresql":  # the page sees the bar move while the build's transaction is open
        read = [progress for _, progress in progress_seen]
        assert read == sorted(read) and read[-1] >= 90

    client.post(URL)
    run_queued_tasks()
    again = Job.objects.filter(kind="demo.build").latest("pk")
    assert again.status == Job.Status.DONE and again.result["added_municipalities"] == 0
    assert again.message == "Nothing was added: every municipality of the demo is there already."
    assert Municipality.objects.count() == 5
    assert again.message in client.get(f"{URL}?job={again.pk}").content.decode()


def test_a_failed_build_leaves_the_database_as_it_was(client, tools_on, network_users, five_municipalities,
                                                       monkeypatch):
    def broken(context):
        raise RuntimeError("no room")

    monkeypatch.setattr(builder, "APP_STEPS", (*builder.APP_STEPS[:3], ("Events", broken)))
    client.force_login(network_users["admin"])
    before = (Municipality.objects.count(), YoungPerson.objects.count(), User.objects.count())
    client.post(URL)
    run_queued_tasks()
    job = Job.objects.get(kind="demo.build")
    assert job.status == Job.Status.FAILED
    assert "nothing was changed" in job.error and "no room" in job.error
    assert (Municipality.objects.count(), YoungPerson.objects.count(), User.objects.count()) == before
    assert job.error in client.get(f"{URL}?job={job.pk}").content.decode()


def test_the_admin_start_page_links_to_the_page_only_when_the_tools_are_on(client, settings, db):
    from nextwork.core.models import User
    from nextwork.core.roles import Role

    admin = User.objects.create_user("admin-link", password="x-long-enough-pw", role=Role.ADMIN)
    client.force_login(admin)
    settings.NEXTWORK_DEMO_TOOLS = False
    assert "/demo-data/" not in client.get("/").content.decode()
    settings.NEXTWORK_DEMO_TOOLS = True
    assert "/demo-data/" in client.get("/").content.decode()
