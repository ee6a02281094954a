"""The report: the same numbers as calling the evaluation engine directly on the same data; computed in the
background worker and kept; the page, the PDF and the JSON show it with its figures and the frozen plan."""

import io
import json

import pandas as pd
import pytest
from django.urls import reverse
from pypdf import PdfReader

from nextwork import evaluation
from nextwork.core.models import AuditEvent, Job
from nextwork.core.tests.test_jobs import run_queued_tasks
from nextwork.trial.models import Participant

from ..models import ReportRun
from ..services import imports, plans, reports
from .factories import csv_bytes, panel_frame


@pytest.fixture
def panel(frozen_plan, trial, researcher):
    frame = panel_frame(trial, weeks=20)
    imports.register_import(actor=researcher, trial=trial, kind="panel", filename="panel.csv", content=csv_bytes(frame))
    return frame


def _engine_directly(trial, frame, spec):
    rows = Participant.objects.filter(trial=trial).values(
        "research_id", "arm", "stratum", "municipality__name", "age")
    people = pd.DataFrame([{"person_id": r["research_id"], "arm": r["arm"], "stratum": r["stratum"],
                            "municipality": r["municipality__name"], "age": r["age"]} for r in rows])
    earnings = frame.groupby("person_id")["earnings"].sum()  # 20 weeks: no whole year, so no earnings column
    assert len(earnings)
    return evaluation.analyse(people, frame[["person_id", "week", "status"]], spec).to_dict()


def test_the_report_has_the_numbers_of_the_engine_called_directly(panel, trial, researcher, frozen_plan):
    run = reports.report_compute(actor=researcher, trial=trial)
    assert run.error == "" and run.plan_sha256 == frozen_plan.sha256 and run.deviations == []
    expected = _engine_directly(trial, panel, plans.spec_for(frozen_plan))
    assert json.loads(json.dumps(run.result)) == json.loads(json.dumps(expected))
    employed = next(o for o in run.result["outcomes"] if o["name"] == "employed")
    assert employed["effect"] > 0.1 and employed["n_treatment"] + employed["n_control"] == 40
    assert {g["value"] for g in run.result["subgroups"]} == {"Roskilde", "Fredericia"}
    assert AuditEvent.objects.filter(object_type="trial_report", object_id=str(run.pk), action="create").exists()


def test_a_horizon_beyond_the_data_is_kept_as_a_refused_run_with_the_engines_reason(panel, trial, researcher):
    run = reports.report_compute(actor=researcher, trial=trial, horizon_weeks=40)
    assert run.result == {} and "horizon" in run.error
    assert {d["code"] for d in run.deviations} == {"horizon"}


def test_the_report_is_computed_in_the_background_and_shown_with_figures(client, panel, trial, researcher):
    client.force_login(researcher)
    response = client.post(reverse("research:report", args=[trial.pk]), {"outcomes": ["employed", "in_education"]})
    job = Job.objects.get(kind="research.report")
    assert response.status_code == 302 and f"job={job.pk}" in response.url
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == "done", job.error
    html = client.get(reverse("research:report", args=[trial.pk]) + f"?job={job.pk}").content.decode()
    run = ReportRun.objects.get()
    assert "Deviations from the pre-analysis plan" in html or "Afvigelser" in html or "deviations" in html
    assert html.count("<svg class=\"research-figure\"") == 4 and "<title id=\"figure-employment-title\">" in html
    assert frozen_sha(trial) in html and "Roskilde" in html and "Fredericia" in html
    assert {d["code"] for d in run.deviations} == {"outcome_not_in_plan", "outcome_left_out"}


def frozen_sha(trial):
    return trial.analysis_plan.sha256


def test_the_pdf_holds_the_numbers_the_plan_and_its_hash(client, panel, trial, researcher):
    reports.report_compute(actor=researcher, trial=trial)
    client.force_login(researcher)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("research:report_pdf", args=[trial.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Effects of being offered NExTWORK" in text and "Effects by municipality" in text
    assert frozen_sha(trial)[:20] in text.replace("\n", "") and "CONSORT" in text
    assert "Employed: share by week after randomisation" in text


def test_the_secretariat_reads_the_report_but_may_not_compute_it(client, panel, trial, researcher, network_users):
    reports.report_compute(actor=researcher, trial=trial)
    client.force_login(network_users["secretariat"])
    response = client.get(reverse("research:report", args=[trial.pk]))
    assert response.status_code == 200 and b"research-figure" in response.content
    assert 'id="compute-heading"' not in response.content.decode()  # no form to compute it
    assert client.post(reverse("research:report", args=[trial.pk]), {}).status_code == 200
    assert not Job.objects.exists()


def test_municipal_staff_do_not_see_the_evaluation(client, trial, team):
    for user in team.values():
        client.force_login(user)
        assert client.get(reverse("research:report", args=[trial.pk])).status_code == 403
        assert client.get(reverse("research:trial", args=[trial.pk])).status_code == 403


def test_an_unknown_trial_is_not_found(client, researcher):
    client.force_login(researcher)
    assert client.get(reverse("research:report", args=[999999])).status_code == 404


def test_a_stratum_with_only_one_group_so_far_is_set_aside_and_counted():
    import pandas as pd

    from nextwork.research.services.reports import without_single_arm_strata

    people = pd.DataFrame({"person_id": ["a", "b", "c", "d", "e"], "stratum": ["x", "x", "y", "y", "z"],
                           "arm": ["treatment", "control", "treatment", "treatment", "control"]})
    kept, aside = without_single_arm_strata(people)
    assert list(kept["person_id"]) == ["a", "b"] and aside == {"strata": 2, "people": 3}
