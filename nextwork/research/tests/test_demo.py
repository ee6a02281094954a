"""The demo: the trial's participants get a simulated register panel, a frozen plan and a computed report with
a real effect, so the report page shows tables and figures."""

import io

from django.core.management import call_command
from django.urls import reverse

from nextwork.core.models import User

from ..models import AnalysisPlan, RegisterEvent, RegisterWeek, ReportRun


def test_the_small_demo_has_a_frozen_plan_a_register_panel_and_a_report(db, client):
    call_command("demo", scale="small", stdout=io.StringIO())
    plan = AnalysisPlan.objects.get()
    assert plan.is_frozen and len(plan.sha256) == 64
    people_with_weeks = RegisterWeek.objects.values("participant").distinct().count()
    assert people_with_weeks >= 30 and RegisterWeek.objects.count() > 26 * people_with_weeks
    assert RegisterEvent.objects.exists()
    run = ReportRun.objects.get()
    assert run.error == "" and run.deviations == []
    outcomes = {o["name"]: o for o in run.result["outcomes"]}
    assert set(outcomes) == set(plan.outcomes) and outcomes["weeks_internship"]["effect"] > 0
    client.force_login(User.objects.get(username="researcher"))
    html = client.get(reverse("research:report", args=[plan.trial_id])).content.decode()
    assert html.count('class="research-figure"') == 4 and plan.sha256 in html
