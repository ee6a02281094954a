"""What the start page says needs doing next, counted from the right day."""

import datetime as dt

from nextwork.people.choices import CourseStatus
from nextwork.people.models import Course
from nextwork.people.selectors import next_steps_for_courses

DAY = dt.date(2026, 11, 18)


def _course(pk, *, status=CourseStatus.REFERRED, referred_days_ago=0, last_contact_days_ago=None):
    return Course(pk=pk, status=status, referred_on=DAY - dt.timedelta(days=referred_days_ago),
                  last_contact_on=None if last_contact_days_ago is None
                  else DAY - dt.timedelta(days=last_contact_days_ago))


def test_a_referral_registered_today_needs_nothing_yet():
    assert next_steps_for_courses([_course(1)], today=DAY) == {}


def test_a_referral_waiting_a_week_asks_for_the_first_meeting():
    assert next_steps_for_courses([_course(1, referred_days_ago=7)], today=DAY) == {1: "waiting"}


def test_an_active_course_without_contact_counts_two_weeks_from_the_referral():
    recent = _course(1, status=CourseStatus.ACTIVE, referred_days_ago=10)
    old = _course(2, status=CourseStatus.ACTIVE, referred_days_ago=20)
    assert next_steps_for_courses([recent, old], today=DAY) == {2: "no_contact"}


def test_an_active_course_counts_from_the_last_contact():
    spoken = _course(1, status=CourseStatus.ACTIVE, referred_days_ago=60, last_contact_days_ago=3)
    silent = _course(2, status=CourseStatus.ACTIVE, referred_days_ago=60, last_contact_days_ago=15)
    assert next_steps_for_courses([spoken, silent], today=DAY) == {2: "no_contact"}


def test_weekdays_are_listed_monday_first():
    from nextwork.people.choices import in_week_order

    assert in_week_order(["fri", "mon", "wed", "mon", "tue"]) == ["mon", "tue", "wed", "fri"]
