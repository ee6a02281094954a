"""Two caseworkers at the same moment: real simultaneous requests to the live server on PostgreSQL (each
thread its own session and database connection). See tests/test_races.py for the pattern."""

from collections import Counter

import pytest
from django.db import connection

from nextwork.core.models import AuditEvent
from nextwork.trial.models import Participant
from tests.test_races import Api, at_once

from .conftest import baseline

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="races need real concurrency"),
]
THREADS = 8


def test_simultaneous_randomisations_in_one_stratum_never_share_a_slot(live_server, trial, team):
    users = [team["caseworker"], team["youth_consultant"], team["team_lead"]]
    apis = [Api(live_server, users[i % 3]) for i in range(THREADS)]
    bodies = [baseline(age_years=20) for _ in range(THREADS)]
    results = at_once([lambda api=api, body=body: api.post(f"/api/trial/{trial.pk}/randomise/", body)
                       for api, body in zip(apis, bodies, strict=True)])
    assert sorted(status for status, _ in results) == [201] * THREADS, results
    rows = Participant.objects.filter(trial=trial)
    assert sorted(rows.values_list("position", flat=True)) == list(range(1, THREADS + 1))
    assert len({r.stratum for r in rows}) == 1


def test_the_same_person_sent_at_once_is_allocated_once_and_the_others_get_that_allocation(live_server, trial,
                                                                                           team):
    body = baseline()
    apis = [Api(live_server, team["caseworker"]) for _ in range(THREADS)]
    results = at_once([lambda api=api: api.post(f"/api/trial/{trial.pk}/randomise/", body) for api in apis])
    statuses = Counter(status for status, _ in results)
    assert statuses == {201: 1, 200: THREADS - 1}, results
    assert Participant.objects.count() == 1
    assert len({body for _, body in results if '"research_id"' in body and True}) >= 1
    participant = Participant.objects.get()
    assert all(participant.research_id in text for _, text in results)
    assert AuditEvent.objects.filter(action="repeat", object_id=str(participant.pk)).count() == THREADS - 1
