"""The small fixture the scorecards tests (and the browser test) compute on: three young people in October."""

from __future__ import annotations

import datetime as dt

import pytest

from nextwork.companies.models import Company, Internship
from nextwork.devising.models import DevisingMeeting
from nextwork.people.models import Course, Exit

OCT = dt.date(2026, 10, 1)


def _company(municipality, n=1):
    return Company.objects.create(municipality=municipality, cvr=f"1234567{n}", name=f"Firma {n}",
                                  industry_code="471100", size_band="10-49", sector="private")


def _internship(course, company, *, start, wished=None, ended=None, initiative=""):
    return Internship.objects.create(
        municipality_id=course.municipality_id, course=course, company=company, function="Lager",
        wished_on=wished, start_on=start, planned_end_on=start + dt.timedelta(days=90), ended_on=ended,
        hours_per_week=20, kind="training", status="ended" if ended else "active", initiative=initiative)


@pytest.fixture
def october(make_person, consultant):
    """Three young people in Roskilde in October 2026.
    A: course from 1 Sep; wished 1 Oct, internship 11 Oct (10 days), still running on 31 Oct.
    B: course from 15 Sep; wished 5 Oct, internship 25 Oct (20 days), ended 28 Oct on B's own initiative.
    C: course from 1 Oct, ended 20 Oct with an exit to education."""
    company = _company(consultant.municipality)
    courses = []
    for name, started in (("Asta", dt.date(2026, 9, 1)), ("Bo", dt.date(2026, 9, 15)), ("Cato", dt.date(2026, 10, 1))):
        course = make_person(first_name=name).course
        Course.objects.filter(pk=course.pk).update(started_on=started, status="active")
        courses.append(Course.objects.get(pk=course.pk))
    a, b, c = courses
    _internship(a, company, start=dt.date(2026, 10, 11), wished=dt.date(2026, 10, 1))
    _internship(b, company, start=dt.date(2026, 10, 25), wished=dt.date(2026, 10, 5), ended=dt.date(2026, 10, 28),
                initiative="young_person")
    Course.objects.filter(pk=c.pk).update(ended_on=dt.date(2026, 10, 20), status="ended")
    Exit.objects.create(course=c, exit_type="education_su", exit_date=dt.date(2026, 10, 20), recorded_by=consultant)
    DevisingMeeting.objects.create(municipality=consultant.municipality, held_on=dt.date(2026, 10, 7),
                                  created_by=consultant)
    return courses
