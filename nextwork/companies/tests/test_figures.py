import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from nextwork.companies import figures, selectors, trades
from nextwork.companies.access import companies_for, internships_for
from nextwork.companies.models import Internship
from nextwork.companies.services import offers

from .conftest import TODAY, offer_details


def _past_internship(course, company, *, start, days, outcome="completed", paid=False, function="Lager"):
    return Internship.objects.create(
        municipality_id=company.municipality_id, course=course, company=company, function=function,
        start_on=start, planned_end_on=start + dt.timedelta(days=days), ended_on=start + dt.timedelta(days=days),
        hours_per_week=Decimal(20), kind="training", paid_hours=paid, status="ended", outcome=outcome,
        agreement_status="insured", agreement_signed_on=start, insurance_confirmed_on=start)


def test_back_to_back_unpaid_interns_flag_the_company_for_a_conversation(company, make_person):
    courses = [make_person(referred_days_ago=400, first_name=f"Ung{i}").course for i in range(4)]
    start = TODAY - dt.timedelta(days=300)
    for course in courses:
        _past_internship(course, company, start=start, days=56)
        start += dt.timedelta(days=60)  # the next starts 3 days after the last one left
    found = figures.company_figures([company.pk], today=TODAY)[company.pk]
    assert (found.hosted, found.unpaid, found.conversions, found.replacements) == (4, 4, 0, 3)
    assert found.average_days == 57 and found.flagged


def test_a_company_that_hires_is_not_flagged(company, make_person):
    start = TODAY - dt.timedelta(days=300)
    for index in range(4):
        _past_internship(make_person(referred_days_ago=400, first_name=f"Ung{index}").course, company, start=start, days=56,
                         outcome="job" if index % 2 else "completed", function=f"Funktion {index}")
        start += dt.timedelta(days=60)
    assert not figures.company_figures([company.pk], today=TODAY)[company.pk].flagged


def test_the_start_figures_count_days_to_the_first_internship(company, active_course, make_person, consultant):
    _past_internship(active_course, company, start=active_course.started_on + dt.timedelta(days=10), days=5)
    Internship.objects.filter(course=active_course).update(status="active", ended_on=None, outcome="",
                                                           planned_end_on=TODAY + dt.timedelta(days=30))
    found = figures.start_figures(municipality_id=company.municipality_id, today=TODAY)
    assert found.median_days == 10 and found.in_work_now == 1
    assert found.in_work_share == 100


def test_the_14_day_promise_counts_from_the_wish_not_from_the_start(company, make_person):
    # Started in the programme long ago, met the companies, wished; the internship came 10 days after the
    # wish: the promise is kept although the course started 100 days before.
    course = make_person(referred_days_ago=120).course
    kept = _past_internship(course, company, start=TODAY - dt.timedelta(days=20), days=5)
    Internship.objects.filter(pk=kept.pk).update(wished_on=TODAY - dt.timedelta(days=30))
    late_course = make_person(referred_days_ago=120, first_name="Sen").course
    late = _past_internship(late_course, company, start=TODAY - dt.timedelta(days=10), days=5)
    Internship.objects.filter(pk=late.pk).update(wished_on=TODAY - dt.timedelta(days=40))  # 30 days: broken
    waiting_course = make_person(referred_days_ago=120, first_name="Venter").course
    waiting = _past_internship(waiting_course, company, start=TODAY + dt.timedelta(days=5), days=5)
    Internship.objects.filter(pk=waiting.pk).update(status="planned", ended_on=None, outcome="",
                                                    wished_on=TODAY - dt.timedelta(days=20))
    found = figures.start_figures(municipality_id=company.municipality_id, today=TODAY)
    assert (found.wishes, found.within_promise, found.waiting_past_promise) == (3, 1, 1)
    assert found.within_promise_share == 33


def test_wishes_are_mapped_to_disco_groups_and_set_against_open_places(company, company_consultant, make_person):
    make_person(dream_trades="Smed eller tømrer")
    make_person(dream_trades="Smed, astronaut", first_name="Bo")
    offers.offer_create(actor=company_consultant, company=company, details=offer_details(places=1))
    offers.offer_create(actor=company_consultant, company=company, details=offer_details(
        function="Brolægger", occupation_code="711", places=3))
    rows, unmapped = figures.wishes_vs_offers(municipality_id=company.municipality_id)
    by_group = {row.group: row for row in rows}
    assert (by_group["722"].wishes, by_group["722"].open_places, by_group["722"].gap) == (2, 1, 1)
    assert by_group["711"].wishes == 1 and by_group["711"].open_places == 3
    assert unmapped == {"Astronaut": 1}


def test_trade_keywords_need_whole_words_when_short():
    assert trades.groups_for("IT-supporter") == {"351"}
    assert trades.groups_for("Kommunikation") == set()
    assert trades.wishes_in("Smed eller tømrer, kok") == ["Smed", "tømrer", "kok"]


def _queries(function):
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured.captured_queries)


def test_lists_use_a_fixed_number_of_queries(consultant, company, make_company, make_internship, make_person):
    def read_all():
        list(selectors.company_list(companies_for(consultant)))
        list(selectors.internship_list(internships_for(consultant)))
        figures.company_figures([company.pk], today=TODAY)
        figures.start_figures(municipality_id=consultant.municipality_id, today=TODAY)
        figures.wishes_vs_offers(municipality_id=consultant.municipality_id)

    make_internship()
    before = _queries(read_all)
    for index in range(3):
        make_internship(course=make_person(referred_days_ago=5, first_name=f"Ung{index}").course, company=make_company(name=f"F{index}"))
    assert _queries(read_all) == before == 8
