"""Collection from the real models on a small fixture equals values worked out by hand; the secretariat
sees only suppressed aggregates; the records behind a number are scoped and audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nextwork.core.models import AuditEvent
from nextwork.core.tokens import api_token_create
from nextwork.fidelity import compute_one
from nextwork.scorecards import selectors
from nextwork.scorecards.collect import collect

from .conftest import OCT


def test_collected_figures_equal_the_hand_computed_ones(october, consultant):
    inputs = collect([consultant.municipality_id], OCT, OCT)[consultant.municipality_id].inputs(OCT)
    # Median of 10 and 20 days from wish to start.
    assert compute_one("days_wish_to_start", inputs).value == 15.0
    # A from 1 Sep to 11 Oct = 40 days; B from 15 Sep to 25 Oct = 40 days.
    assert compute_one("days_to_first_internship", inputs).value == 40.0
    # Active on 31 Oct: A and B; only A's internship runs that day -> 1/2.
    assert compute_one("share_in_work_experience", inputs).value == 0.5
    # B's internship ended on B's initiative -> 1/1.
    assert compute_one("ended_on_own_initiative", inputs).value == 1.0
    # C's exit to education -> 1/1.
    assert compute_one("exits_to_job_or_education", inputs).value == 1.0
    # A: 11-31 Oct = 21 days, B: 25-28 Oct = 4 days; 3 active in October -> 25 / 7 / 3 weeks.
    assert compute_one("internship_weeks_per_person", inputs).value == pytest.approx(25 / 7 / 3)
    assert compute_one("devising_meetings_held", inputs).value == 1.0


def test_collection_query_count_is_flat_as_data_grows(october, consultant, make_person):
    with CaptureQueriesContext(connection) as small:
        selectors.results_by_month([consultant.municipality_id], [OCT])
    for name in ("Dan", "Eja", "Finn"):
        make_person(first_name=name)
    with CaptureQueriesContext(connection) as larger:
        selectors.results_by_month([consultant.municipality_id], [OCT, dt.date(2026, 11, 1)])
    assert len(larger) == len(small)


def test_the_secretariat_sees_small_counts_hidden(october, client, network_users):
    client.force_login(network_users["secretariat"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=network_users['secretariat'])}"}
    data = client.get(reverse("api-1.0.0:comparison"), {"month": "2026-10"}, **auth).json()
    rows = {r["key"]: r for r in data["indicators"]}
    roskilde = next(c for c in rows["share_in_work_experience"]["municipalities"] if c["municipality"] == "Roskilde")
    # 1 of 2 in work experience: counts of 1 and 2 would name people -> the value and its n are hidden.
    assert roskilde == {"municipality": "Roskilde", "value": None, "n": None, "light": "none", "suppressed": True}
    # Devising meetings are not about persons: shown.
    meetings = next(c for c in rows["devising_meetings_held"]["municipalities"] if c["municipality"] == "Roskilde")
    assert meetings["value"] == 1.0 and not meetings["suppressed"]
    page = client.get(reverse("scorecards:comparison"), {"month": "2026-10"})
    assert page.status_code == 200 and b"hidden" in page.content
    assert client.get(reverse("scorecards:scorecard")).status_code == 403
    assert client.get(reverse("scorecards:records", args=["first_wish"])).status_code == 403


def test_the_team_lead_drills_down_to_the_records_and_it_is_audited(october, client, team_lead):
    client.force_login(team_lead)
    page = client.get(reverse("scorecards:scorecard"), {"month": "2026-10"})
    assert page.status_code == 200
    assert reverse("scorecards:records", args=["days_wish_to_start"]).encode() in page.content
    before = AuditEvent.objects.filter(action="list").count()
    records = client.get(reverse("scorecards:records", args=["days_wish_to_start"]), {"month": "2026-10"})
    assert records.status_code == 200
    a, b, _c = october
    assert a.person.first_name.encode() in records.content and b.person.first_name.encode() in records.content
    assert AuditEvent.objects.filter(action="list").count() == before + 1
    assert client.get(reverse("scorecards:records", args=["nope"])).status_code == 404


def test_another_municipality_sees_none_of_these_records(october, client, other_team):
    client.force_login(other_team["team_lead"])
    records = client.get(reverse("scorecards:records", args=["days_wish_to_start"]), {"month": "2026-10"})
    assert records.status_code == 200
    a, _b, _c = october
    assert a.person.first_name.encode() not in records.content


@pytest.mark.parametrize("role,expected", [("manager", 200), ("team_lead", 200), ("youth_consultant", 403),
                                           ("secretariat", 403)])
def test_who_sees_the_leaders_dashboard(client, team, network_users, role, expected):
    client.force_login({**team, **network_users}[role])
    assert client.get(reverse("scorecards:dashboard")).status_code == expected


def test_a_review_is_recorded_next_to_the_months_figures(october, client, network_users, roskilde):
    client.force_login(network_users["secretariat"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=network_users['secretariat'])}"}
    url = reverse("api-1.0.0:create_review") + f"?municipality={roskilde.pk}"
    bad = client.post(url, {"month": "2026-10", "reviewed_on": "2026-11-10", "reviewers": "A. Reviewer",
                            "scores": [{"principle": "nope", "score": 3}]}, content_type="application/json", **auth)
    assert bad.status_code == 400
    made = client.post(url, {"month": "2026-10", "reviewed_on": "2026-11-10", "reviewers": "A. Reviewer",
                             "scores": [{"principle": "power_shift", "score": 4, "comment": "Agenda by the youth"}]},
                       content_type="application/json", **auth)
    assert made.status_code == 201, made.content
    listed = client.get(reverse("api-1.0.0:reviews"), {"municipality": roskilde.pk}, **auth).json()
    assert listed[0]["scores"] == [{"principle": "power_shift", "score": 4, "comment": "Agenda by the youth"}]
    assert listed[0]["figures"]["devising_meetings_held"] == 1.0
    assert listed[0]["figures"]["share_in_work_experience"] is None  # 1 of 2: hidden for the network
    page = client.get(reverse("scorecards:reviews"), {"municipality": roskilde.pk})
    assert b"Agenda by the youth" in page.content
