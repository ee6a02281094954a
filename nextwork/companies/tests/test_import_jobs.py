"""Large imports run as a background job with progress; small ones still answer at once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nextwork.companies.models import Company, Offer
from nextwork.companies.services import imports
from nextwork.companies.tasks import IMPORT_JOB
from nextwork.core.models import AuditEvent, Job
from nextwork.core.tests.test_jobs import run_queued_tasks

from .conftest import CVRS

ROWS = imports.BACKGROUND_ROWS + 1


def offers_csv(company, rows: int = ROWS, bad_rows: tuple[int, ...] = ()) -> bytes:
    lines = ["cvr;function;occupation_code;kind;places"]
    for index in range(rows):
        kind = "holiday" if index + 2 in bad_rows else "training"
        lines.append(f"{company.cvr};Lager {index};933;{kind};1")
    return ("\n".join(lines) + "\n").encode()


def post(client, content: bytes, kind: str = "offers", name: str = "tilbud.csv"):
    return client.post(reverse("companies:import"), {"kind": kind, "file": SimpleUploadedFile(name, content)})


def test_a_large_file_is_imported_in_the_background_with_progress(client, company_consultant, company,
                                                                   monkeypatch):
    client.force_login(company_consultant)
    reported = []
    monkeypatch.setattr("nextwork.companies.tasks.job_progress",
                        lambda job_id, percent, message: reported.append(percent))
    response = post(client, offers_csv(company))
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == f"{reverse('companies:import')}?job={job.pk}"
    assert job.kind == IMPORT_JOB and job.params == {"kind": "offers", "filename": "tilbud.csv", "language": "en"}
    assert not Offer.objects.exists()  # nothing yet: the worker does it

    page = client.get(response.url).content.decode()
    assert f'id="job-{job.pk}"' in page and 'hx-trigger="every 2s"' in page and "tilbud.csv" in page
    assert '<noscript><meta http-equiv="refresh"' in page  # follows the job without JavaScript too

    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result["count"] == ROWS and Offer.objects.count() == ROWS
    assert reported[0] == 0 and reported[-1] == 90 and reported == sorted(reported) and len(reported) > 10
    assert AuditEvent.objects.filter(object_type="import_offers", actor=company_consultant).count() == 1

    page = client.get(response.url).content.decode()
    assert f"{ROWS} rows were imported." in page and f'href="{reverse("companies:offers")}"' in page
    assert "hx-trigger" not in page and "http-equiv" not in page


def test_a_large_file_with_bad_rows_imports_nothing_and_lists_the_row_errors(client, company_consultant, company):
    client.force_login(company_consultant)
    response = post(client, offers_csv(company, bad_rows=(7, 400)))
    run_queued_tasks()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and "2 rows have errors" in job.error
    assert [error["row"] for error in job.result["errors"]] == [7, 400]
    assert not Offer.objects.exists()
    page = client.get(response.url).content.decode()
    assert 'role="alert"' in page and "row-errors" in page and "<td>400</td>" in page


def test_the_user_can_leave_and_find_their_recent_imports(client, company_consultant, company, team):
    client.force_login(company_consultant)
    post(client, offers_csv(company), name="first.csv")
    post(client, offers_csv(company), name="second.csv")
    run_queued_tasks()
    page = client.get(reverse("companies:import")).content.decode()
    assert "recent-jobs" in page and "first.csv" in page and "second.csv" in page
    assert page.count(f"{ROWS} rows were imported.") == 2
    # A colleague sees neither the list nor the job.
    client.force_login(team["team_lead"])
    job = Job.objects.first()
    assert "first.csv" not in client.get(reverse("companies:import")).content.decode()
    assert client.get(f"{reverse('companies:import')}?job={job.pk}").status_code == 404


def test_a_small_file_is_still_imported_at_once(client, company_consultant):
    client.force_login(company_consultant)
    content = f"cvr;name;industry_code;size_band;sector\n{CVRS[1]};Bageriet;10;1-9;private\n".encode()
    response = post(client, content, kind="companies", name="firmaer.csv")
    assert response.status_code == 302 and response.url == reverse("companies:list")
    assert Company.objects.count() == 1 and not Job.objects.exists()


def test_an_unreadable_large_file_is_refused_at_once(client, company_consultant):
    client.force_login(company_consultant)
    response = post(client, b"%PDF-1.7 not a table", name="tilbud.csv")
    assert response.status_code == 400 and not Job.objects.exists()


def test_a_company_registered_meanwhile_refuses_the_whole_file(company_consultant, make_company):
    content = "cvr;name;industry_code;size_band;sector\n" + "".join(
        f"{cvr};Firma {cvr};10;1-9;private\n" for cvr in CVRS[1:4])

    def register_meanwhile(percent, message):
        if percent == 90:  # checked, not yet written: a colleague registers one of the companies
            make_company(cvr=CVRS[2])

    with pytest.raises(imports.DomainError, match="meanwhile"):
        imports.import_file(actor=company_consultant, kind="companies", filename="firmaer.csv",
                            content=content.encode(), progress=register_meanwhile)
    assert list(Company.objects.values_list("cvr", flat=True)) == [CVRS[2]]
