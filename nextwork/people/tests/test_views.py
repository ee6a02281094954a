import datetime as dt

from django.urls import reverse

from conftest import _cpr_for
from nextwork.people.models import Course, YoungPerson


def intake_form(**overrides):
    birth_date = dt.date.today() - dt.timedelta(days=22 * 365)
    data = {
        "first_name": "Malthe", "last_name": "Vestergaard", "cpr_number": _cpr_for(birth_date, 300),
        "referral_source": "youth_guidance", "benefit_type": "education_benefit", "dream_trades": "Tømrer",
        "available_days": ["mon", "wed"], "referred_on": dt.date.today().isoformat(), "consent_given": "on",
        "consent_date": dt.date.today().isoformat(),
    }
    data.update(overrides)
    return data


def test_a_consultant_registers_a_young_person_and_lands_on_their_page(client, consultant):
    client.force_login(consultant)
    response = client.post(reverse("people:intake"), intake_form(consultant=consultant.pk))
    person = YoungPerson.objects.get()
    assert response.status_code == 302 and response.url == reverse("portal:person", args=[person.pk])
    assert person.available_days == ["mon", "wed"]
    assert Course.objects.get().consultant == consultant


def test_bad_input_keeps_what_was_typed_and_shows_the_error_at_the_field(client, consultant):
    client.force_login(consultant)
    response = client.post(reverse("people:intake"), intake_form(cpr_number="070761-4286"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Vestergaard"' in html and 'value="070761-4286"' in html
    assert 'id="id_cpr_number-error"' in html and 'aria-invalid="true"' in html
    assert not YoungPerson.objects.exists()


def test_a_person_outside_the_target_group_gets_the_explanation_on_the_form(client, consultant):
    client.force_login(consultant)
    birth_date = dt.date.today() - dt.timedelta(days=33 * 365)
    response = client.post(reverse("people:intake"), intake_form(cpr_number=_cpr_for(birth_date, 400)))
    assert "18-29" in response.content.decode()
    assert not YoungPerson.objects.exists()


def test_the_consultant_ends_a_course_from_the_persons_page(client, consultant, make_person):
    course = make_person(referred_days_ago=200).course
    client.force_login(consultant)
    data = {"exit_type": "education_su", "exit_date": dt.date.today().isoformat()}
    response = client.post(reverse("people:course_exit", args=[course.pk]), data)
    assert response.status_code == 200 and 'name="confirm" value="yes"' in response.content.decode()
    course.refresh_from_db()
    assert course.status != "ended"  # nothing happens before the confirmation
    response = client.post(reverse("people:course_exit", args=[course.pk]), {**data, "confirm": "yes"})
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.status == "ended" and course.exit.follow_ups.count() == 4


def test_a_refused_course_action_shows_the_message_and_keeps_the_form_open(client, consultant, make_person):
    course = make_person(referred_days_ago=5).course
    client.force_login(consultant)
    early = (dt.date.today() - dt.timedelta(days=30)).isoformat()
    response = client.post(reverse("people:course_exit", args=[course.pk]),
                           {"exit_type": "job", "exit_date": early, "employer_or_school": "Bygma"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Bygma"' in html  # what was typed is kept
    assert "form-error-message" in html or "alert-error" in html
    assert reverse("portal:person", args=[course.person_id]) in html  # a way back to the page


def test_the_list_filters_by_name_and_status(client, consultant, make_person):
    make_person(first_name="Kasper")
    make_person(first_name="Signe")
    client.force_login(consultant)
    html = client.get(reverse("people:list"), {"q": "kasp", "status": "referred"}).content.decode()
    assert "Kasper" in html and "Signe" not in html


def test_the_start_page_lists_my_young_people_with_next_steps(client, consultant, make_person):
    make_person(first_name="Ventende", referred_days_ago=10)
    client.force_login(consultant)
    html = client.get(reverse("start")).content.decode()
    assert "Ventende" in html


def test_english_can_be_chosen(client, consultant):
    client.force_login(consultant)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("start")).content.decode()
    assert '<html lang="en">' in html and "My young people" in html


def test_a_cpr_number_already_registered_links_to_the_existing_record(client, consultant, make_person):
    existing = make_person(first_name="Karla", last_name="Storm")
    client.force_login(consultant)
    response = client.post(reverse("people:intake"), intake_form(cpr_number=existing.person.cpr,
                                                                 first_name="Carla"))
    html = response.content.decode()
    assert 'id="id_cpr_number-error"' in html
    assert f'href="{reverse("portal:person", args=[existing.person.pk])}"' in html and "Karla Storm" in html
    assert YoungPerson.objects.count() == 1
