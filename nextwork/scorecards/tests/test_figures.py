"""The stored monthly figures: equal to the live computation, read by the comparison in a flat number of
queries, refreshed when out of date, and the nightly command is idempotent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from nextwork import fidelity
from nextwork.core.models import Municipality
from nextwork.scorecards import selectors
from nextwork.scorecards.collect import collect
from nextwork.scorecards.figures import figures_store, is_stale, stored_month
from nextwork.scorecards.models import MonthlyFigure
from nextwork.scorecards.tasks import refresh_figures

from .conftest import OCT, _company, _internship

SEP, NOV = dt.date(2026, 9, 1), dt.date(2026, 11, 1)


def _stored(month):
    return {(mid, key): (value, num, den, light) for mid, key, value, num, den, light in MonthlyFigure.objects
            .filter(month=month).values_list("municipality_id", "key", "value", "numerator", "denominator", "light")}


def test_the_stored_figures_equal_the_live_computation(october, consultant, fredericia):
    written = figures_store([SEP, OCT, NOV])
    assert written == 2 * 3 * len(fidelity.INDICATORS)
    live = selectors.results_by_month([consultant.municipality_id, fredericia.pk], [SEP, OCT, NOV])
    for month in (SEP, OCT, NOV):
        stored = _stored(month)
        for mid, by_month in live.items():
            for r in by_month[month]:
                assert stored[(mid, r.indicator.key)] == (r.figure.value, r.figure.numerator, r.figure.denominator,
                                                          r.light), (month, r.indicator.key)
    assert _stored(OCT)[(consultant.municipality_id, "days_wish_to_start")][0] == 15.0


def test_a_months_inputs_hold_every_record_that_matters_to_it(october, consultant):
    """Each month gets only its own records (for speed): the figures equal those over every record. Asta's
    first internship (5-10 September) ended before October, yet decides her "days to first internship"."""
    asta = october[0]
    _internship(asta, _company(asta.municipality, 2), start=dt.date(2026, 9, 5), ended=dt.date(2026, 9, 10),
                initiative="company")
    records = collect([consultant.municipality_id], SEP, NOV)[consultant.municipality_id]
    for month in (SEP, OCT, NOV):
        sliced = records.inputs(month)
        full = fidelity.Inputs(
            start=sliced.start, end=sliced.end, phase=records.phase, consultants=records.consultants,
            caseload_norm=records.caseload_norm, **{name: tuple(getattr(records, name)) for name in (
                "courses", "internships", "exits", "sessions", "agenda_items", "events", "placements",
                "devising_meetings")})
        assert month != OCT or fidelity.compute_one("days_to_first_internship", sliced).figure.numerator == 1
        assert [(r.value, r.figure.numerator, r.figure.denominator, r.figure.records)
                for r in fidelity.compute(sliced)] == \
               [(r.value, r.figure.numerator, r.figure.denominator, r.figure.records) for r in fidelity.compute(full)]


def test_the_comparison_reads_the_stored_figures_in_a_flat_number_of_queries(october, consultant, make_person,
                                                                             fredericia):
    figures_store([OCT])
    with CaptureQueriesContext(connection) as small:
        first = selectors.comparison(OCT)
    for name in ("Dan", "Eja", "Finn"):
        make_person(first_name=name)
    Municipality.objects.create(name="Odense", slug="odense")
    figures_store([OCT])
    with CaptureQueriesContext(connection) as larger:
        second = selectors.comparison(OCT)
    assert len(larger) == len(small) <= 3
    sql = " ".join(q["sql"] for q in larger.captured_queries)
    assert "people_course" not in sql and "companies_internship" not in sql  # no person rows
    assert [m.name for m in second.municipalities] == ["Fredericia", "Odense", "Roskilde"]
    assert len(first.municipalities) == 2 and second.computed_at is not None and not second.updating


def test_a_month_nobody_computed_yet_is_computed_and_stored_on_first_reading(october, consultant):
    assert not MonthlyFigure.objects.exists()
    data = selectors.comparison(OCT)
    assert MonthlyFigure.objects.filter(month=OCT).count() == len(fidelity.INDICATORS)
    row = next(r for r in data.rows if r.indicator.key == "devising_meetings_held")
    assert row.cells[0].value == 1.0


def test_out_of_date_figures_are_shown_with_their_time_and_recomputed_in_the_background(
        october, consultant, client, network_users):
    two_hours_ago = timezone.now() - dt.timedelta(hours=2)
    figures_store([NOV], now=two_hours_ago)
    client.force_login(network_users["secretariat"])
    page = client.get(reverse("scorecards:comparison"), {"month": "2026-11"})
    assert page.status_code == 200 and page.context["comparison"].updating
    assert page.context["comparison"].computed_at == two_hours_ago
    assert DBTaskResult.objects.filter(task_path=refresh_figures.module_path).count() == 1
    client.get(reverse("scorecards:comparison"), {"month": "2026-11"})
    assert DBTaskResult.objects.filter(task_path=refresh_figures.module_path).count() == 1  # queued once
    refresh_figures.call(month="2026-11-01")  # what the worker runs
    assert MonthlyFigure.objects.filter(month=NOV, computed_at__lte=two_hours_ago).count() == 0
    assert not selectors.comparison(NOV).updating


def test_a_completed_month_computed_after_its_end_is_final():
    now = timezone.now()  # 18 November 2026
    assert not is_stale(OCT, now - dt.timedelta(days=10), now=now)  # computed 8 November: final
    assert is_stale(OCT, timezone.make_aware(dt.datetime(2026, 10, 31, 23, 0)), now=now)  # before its end
    assert not is_stale(NOV, now - dt.timedelta(minutes=30), now=now)
    assert is_stale(NOV, now - dt.timedelta(hours=2), now=now)


def test_the_nightly_command_is_idempotent(october, consultant, fredericia, capsys):
    call_command("compute_fidelity", "--months", "3")
    first = {**_stored(SEP), **_stored(OCT), **_stored(NOV)}
    call_command("compute_fidelity", "--months", "3")
    assert MonthlyFigure.objects.count() == 2 * 3 * len(fidelity.INDICATORS)
    assert {**_stored(SEP), **_stored(OCT), **_stored(NOV)} == first
    assert "Stored 108 fidelity figures for 2026-09 to 2026-11" in capsys.readouterr().out
    with pytest.raises(Exception, match="--months"):
        call_command("compute_fidelity", "--months", "0")


def test_stored_month_skips_a_municipality_that_no_longer_exists(october, consultant):
    stored = stored_month(OCT, [consultant.municipality_id, 999_999])
    assert list(stored.results) == [consultant.municipality_id]
