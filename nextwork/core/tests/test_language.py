"""Danish unless the user chooses English; the choice is remembered on the user; English dates cannot be
misread."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_danish(client, consultant):
    client.force_login(consultant)
    html = client.get(reverse("start"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="da">' in html and "Mine unge" in html


def test_the_choice_of_english_is_remembered_on_the_user(client, consultant):
    client.force_login(consultant)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    consultant.refresh_from_db()
    assert consultant.language == "en"
    client.cookies.clear()  # another browser, the same person
    client.force_login(consultant)
    html = client.get(reverse("start")).content.decode()
    assert '<html lang="en">' in html and "My young people" in html


def test_an_unknown_language_or_a_foreign_next_page_changes_nothing(client, consultant):
    client.force_login(consultant)
    response = client.post(reverse("set_language"), {"language": "xx", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    consultant.refresh_from_db()
    assert consultant.language == ""


def test_english_dates_spell_the_month_and_danish_dates_are_day_first():
    template = Template('{{ day|date:"SHORT_DATE_FORMAT" }}')
    day = dt.date(2026, 12, 7)
    with translation.override("en"):
        assert template.render(Context({"day": day})) == "7 December 2026"
    with translation.override("da"):
        assert template.render(Context({"day": day})) == "07.12.2026"
