"""Register imports: refused until the plan is frozen; unknown people, duplicate weeks and impossible codes
refused with row numbers, nothing written; a good file written whole, CSV or Parquet."""

import pytest

from nextwork.core.errors import DomainError
from nextwork.core.models import AuditEvent

from ..models import RegisterEvent, RegisterImport, RegisterWeek
from ..services import imports
from ..services.parsing import ImportRefused
from .factories import csv_bytes, panel_frame, parquet_bytes


def _import(researcher, trial, content, *, name="panel.csv", kind="panel"):
    return imports.register_import(actor=researcher, trial=trial, kind=kind, filename=name, content=content)


def test_import_is_refused_until_the_plan_is_frozen(plan, trial, researcher):
    with pytest.raises(DomainError, match="Freeze"):
        _import(researcher, trial, csv_bytes(panel_frame(trial, weeks=3)))
    assert not RegisterWeek.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_good_panel_is_imported_whole(frozen_plan, trial, researcher, fmt):
    frame = panel_frame(trial, weeks=5)
    content = csv_bytes(frame) if fmt == "csv" else parquet_bytes(frame)
    record = _import(researcher, trial, content, name=f"panel.{fmt}")
    assert record.rows == len(frame) == RegisterWeek.objects.count() and record.people == 40
    assert record.file_format == fmt
    stored = RegisterWeek.objects.filter(participant__research_id=frame.person_id[0], week=1).get()
    assert (stored.get_status_display(), stored.earnings) == (frame.status[0], frame.earnings[0])
    assert AuditEvent.objects.filter(object_type="register_import", object_id=str(record.pk), action="create").exists()


def _bad_panel(trial):
    frame = panel_frame(trial, weeks=3)
    frame.loc[4, "person_id"] = "RNOBODY"  # an unknown person
    frame.loc[7, "week"] = frame.loc[6, "week"]  # the same person-week twice
    frame.loc[9, "status"] = "holiday"  # an impossible code
    return frame


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_bad_rows_are_refused_with_their_row_numbers_and_nothing_is_imported(frozen_plan, trial, researcher, fmt):
    frame = _bad_panel(trial)
    content = csv_bytes(frame) if fmt == "csv" else parquet_bytes(frame)
    with pytest.raises(ImportRefused) as refused:
        _import(researcher, trial, content, name=f"panel.{fmt}")
    offset = 2 if fmt == "csv" else 1  # CSV: the header is row 1
    errors = {(e.row, e.column): e.message for e in refused.value.errors}
    assert "Unknown person" in errors[(4 + offset, "person_id")] and "RNOBODY" in errors[(4 + offset, "person_id")]
    assert "Duplicate week" in errors[(7 + offset, "week")] and str(6 + offset) in errors[(7 + offset, "week")]
    assert "Impossible code 'holiday'" in errors[(9 + offset, "status")]
    assert refused.value.total == 3
    assert not RegisterWeek.objects.exists() and not RegisterImport.objects.exists()


def test_weeks_that_are_not_whole_numbers_from_1_and_negative_earnings_are_refused(frozen_plan, trial, researcher):
    frame = panel_frame(trial, weeks=2).astype({"week": object, "earnings": object})
    frame.loc[0, "week"], frame.loc[1, "week"], frame.loc[2, "earnings"] = "0", "1.5", "-10"
    with pytest.raises(ImportRefused) as refused:
        _import(researcher, trial, csv_bytes(frame))
    assert [(e.row, e.column) for e in refused.value.errors] == [(2, "week"), (3, "week"), (4, "earnings")]


def test_a_week_imported_before_is_a_duplicate_and_nothing_of_the_second_file_is_written(frozen_plan, trial, researcher):
    frame = panel_frame(trial, weeks=4)
    _import(researcher, trial, csv_bytes(frame[frame.week <= 2]))
    before = RegisterWeek.objects.count()
    with pytest.raises(ImportRefused) as refused:
        _import(researcher, trial, csv_bytes(frame[frame.week >= 2]))
    assert "imported before" in refused.value.errors[0].message
    assert RegisterWeek.objects.count() == before and RegisterImport.objects.count() == 1


def test_missing_columns_and_unreadable_files_are_refused(frozen_plan, trial, researcher):
    with pytest.raises(ImportRefused, match="not imported") as refused:
        _import(researcher, trial, b"person_id,status\nR1,employment\n")
    assert refused.value.errors[0].row == 1 and "week" in refused.value.errors[0].message
    with pytest.raises(DomainError, match="empty"):
        _import(researcher, trial, b"")
    with pytest.raises(DomainError):
        _import(researcher, trial, b"PAR1 not really parquet", name="x.parquet")


def test_only_the_first_errors_are_listed_but_all_are_counted(frozen_plan, trial, researcher):
    frame = panel_frame(trial, weeks=5)
    frame["status"] = "nope"
    with pytest.raises(ImportRefused) as refused:
        _import(researcher, trial, csv_bytes(frame))
    assert len(refused.value.errors) == 100 and refused.value.total == len(frame)
    assert "first 100" in refused.value.message


def test_events_are_imported_and_impossible_events_refused(frozen_plan, trial, researcher):
    people = list(trial.participants.values_list("research_id", flat=True)[:3])
    good = f"person_id,week,event\n{people[0]},4,charge\n{people[1]},9,conviction\n".encode()
    record = _import(researcher, trial, good, name="events.csv", kind="events")
    assert record.rows == 2 and RegisterEvent.objects.count() == 2
    bad = f"person_id,week,event\n{people[2]},4,speeding\n{people[2]},5,charge\n{people[2]},5,charge\n".encode()
    with pytest.raises(ImportRefused) as refused:
        _import(researcher, trial, bad, name="events.csv", kind="events")
    assert [(e.row, e.column) for e in refused.value.errors] == [(2, "event"), (4, "week")]
    assert RegisterEvent.objects.count() == 2


def test_withdrawing_an_import_deletes_its_rows(frozen_plan, trial, researcher):
    record = _import(researcher, trial, csv_bytes(panel_frame(trial, weeks=2)))
    assert imports.register_import_withdraw(actor=researcher, record=record) == 80
    assert not RegisterWeek.objects.exists() and not RegisterImport.objects.exists()


def test_only_researchers_import(frozen_plan, trial, network_users, team_lead):
    from django.core.exceptions import PermissionDenied

    for user in (network_users["secretariat"], team_lead):
        with pytest.raises(PermissionDenied):
            _import(user, trial, csv_bytes(panel_frame(trial, weeks=2)))
