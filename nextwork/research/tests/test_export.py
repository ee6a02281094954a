"""The pseudonymised research export: research IDs only, no CPR numbers or names; baseline, allocation,
exposure and outcomes with a codebook, as CSV and Parquet; researchers only; every export audit-logged."""

import io
import zipfile

import pandas as pd
import pytest
from django.urls import reverse

from nextwork.core.models import AuditEvent
from nextwork.trial.models import Participant

from ..services import imports
from .factories import csv_bytes, panel_frame


@pytest.fixture
def panel(frozen_plan, trial, researcher):
    frame = panel_frame(trial, weeks=3)
    imports.register_import(actor=researcher, trial=trial, kind="panel", filename="panel.csv", content=csv_bytes(frame))
    return frame


def _tables(content: bytes, fmt: str) -> dict[str, pd.DataFrame]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    read = pd.read_parquet if fmt == "parquet" else pd.read_csv
    return {name.split(".")[0]: (pd.read_csv if name == "codebook.csv" else read)(io.BytesIO(archive.read(name)))
            for name in archive.namelist()}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_the_export_has_research_ids_and_no_cpr_numbers_or_names(client, panel, trial, researcher, fmt):
    client.force_login(researcher)
    response = client.post(reverse("research:export", args=[trial.pk]), {"format": fmt})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    tables = _tables(response.content, fmt)
    assert set(tables) == {"participants", "weeks", "events", "codebook"}
    participants = tables["participants"]
    assert len(participants) == 40 and len(tables["weeks"]) == len(panel)
    assert set(participants.research_id) == set(Participant.objects.values_list("research_id", flat=True))
    raw = zipfile.ZipFile(io.BytesIO(response.content))
    everything = b"".join(raw.read(name) for name in raw.namelist())
    for participant in Participant.objects.all():
        assert participant.cpr.encode() not in everything and participant.cpr[:6].encode() + b"-" not in everything
        assert participant.first_name.encode() not in everything
    assert b"Efternavnsen" not in everything
    assert not {"cpr", "first_name", "last_name", "name", "birth_date"} & set(participants.columns)
    assert {"arm", "stratum", "group_sessions_attended", "internship_weeks", "age"} <= set(participants.columns)
    book = tables["codebook"]
    assert set(zip(book.table, book.variable, strict=True)) >= {("weeks", "status"), ("participants", "arm")}
    audit = AuditEvent.objects.get(object_type="research_export", actor=researcher)
    assert audit.action == "export" and f"{fmt}: 40 participants" in audit.summary


def test_exposure_counts_group_sessions_and_internship_weeks(panel, trial, researcher, make_person, team_lead):
    import datetime as dt

    from nextwork.groups.models import Attendance, Membership, NetworkGroup, Session

    from ..services import export

    participant = Participant.objects.filter(trial=trial, arm="treatment").first()
    person = make_person().person
    Participant.objects.filter(pk=participant.pk).update(person=person)
    group = NetworkGroup.objects.create(municipality=person.municipality, name="Mandag", weekday="mon",
                                        starts_at=dt.time(10), ends_at=dt.time(12), place="Huset",
                                        active_from=dt.date.today() - dt.timedelta(days=60))
    membership = Membership.objects.create(group=group, person=person, joined_on=dt.date.today() - dt.timedelta(days=50))
    for weeks_ago, status in ((3, "present"), (2, "late"), (1, "absent")):
        session = Session.objects.create(group=group, date=dt.date.today() - dt.timedelta(weeks=weeks_ago),
                                         starts_at=dt.time(10), status="held")
        Attendance.objects.create(session=session, membership=membership, status=status)
    row = export.tables(trial)["participants"].set_index("research_id").loc[participant.research_id]
    assert row.group_sessions_attended == 2 and row.internship_weeks == 0


def test_only_researchers_may_export_and_a_refusal_is_logged(client, panel, trial, network_users, team):
    for user in [network_users["secretariat"], network_users["admin"], *team.values()]:
        client.force_login(user)
        assert client.post(reverse("research:export", args=[trial.pk]), {"format": "csv"}).status_code == 403
    assert not AuditEvent.objects.filter(object_type="research_export", action="export").exists()
    assert AuditEvent.objects.filter(action="denied", summary__startswith="research.export").count() == 8
