"""What happens in the group, in the browser: a facilitator ticks what they saw after a session and sees the
pattern and its drift hint on the group page, writes the group's agreement and marks it revisited after a
newcomer joined (desktop); a facilitator records on a phone; a young person taps "worth coming?" on a
390 px phone and reads the agreement. axe-core runs on every page."""

import datetime as dt

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from nextwork.groups.models import GroupAgreement, SessionObservation, SessionTap
from nextwork.groups.services import links
from nextwork.groups.services.agreements import group_agreement_save
from nextwork.groups.services.attendance import attendance_mark_rest_present
from nextwork.groups.services.memberships import membership_add
from nextwork.groups.services.observations import session_observation_save

from .conftest import PHONE, check_page, log_in, register
from .test_groups import _group_with_members, no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = dt.date.today()
AGREEMENT = "Telefonen ligger i tasken, til vi holder pause.\nVi lader hinanden tale færdig."


def _held_sessions(group, memberships, consultant, count=3):
    sessions = list(group.sessions.filter(date__lt=TODAY).order_by("-date")[:count])[::-1]
    for session in sessions:
        attendance_mark_rest_present(actor=consultant, session=session, memberships=memberships)
    return sessions


def test_a_facilitator_records_what_they_saw_and_the_group_page_shows_the_drift(page, live_server, consultant):
    group, memberships = _group_with_members(consultant, count=6)
    sessions = _held_sessions(group, memberships, consultant)
    for session in sessions[:2]:
        session_observation_save(actor=consultant, session=session, signs=["coffee_club", "peer_advice"],
                                 took_part="some", today=TODAY)
    log_in(page, live_server, consultant)

    page.goto(f"{live_server.url}/groups/sessions/{sessions[-1].pk}/")
    expect(page.locator("#observation-heading")).to_be_visible()
    page.locator("form[action$='/observation/'] button[type=submit]").click()  # nothing chosen: the rule
    expect(page.locator("#form-errors")).to_be_visible()
    check_page(page, "group-sessions-observation-errors")
    page.locator("input[name=signs][value=coffee_club]").check()
    page.locator("input[name=signs][value=same_story]").check()
    page.locator("input[name=took_part][value=few]").check()
    page.locator("form[action$='/observation/'] button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("input[name=signs][value=coffee_club]")).to_be_checked()
    check_page(page, "group-sessions-observation-saved")
    observation = SessionObservation.objects.get(session=sessions[-1])
    assert observation.signs == ["coffee_club", "same_story"] and observation.took_part == "few"

    page.goto(f"{live_server.url}/groups/{group.pk}/")
    pattern = page.locator("section[aria-labelledby=pattern-heading]")
    expect(pattern.locator(".alert-warning")).to_have_count(1)
    expect(pattern.locator(".alert-warning")).to_contain_text("3")
    coffee = pattern.locator("tr", has=page.locator("th[scope=row]", has_text="Kaffeklub"))  # the page is in Danish
    expect(coffee.locator("td").last).to_have_text("3")
    check_page(page, "group-sessions-group-pattern")

    # The group writes its agreement; a newcomer joins; the group revisits it.
    page.locator("a[href$='/agreement/']").first.click()
    page.fill("#id_text", AGREEMENT)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("section[aria-labelledby=agreement-heading]")).to_contain_text("Telefonen ligger i tasken")
    newcomer = register(consultant, first_name="Nadia", last_name="Nyberg", referred_days_ago=5).person
    GroupAgreement.objects.filter(group=group).update(updated_at=GroupAgreement.objects.get().updated_at
                                                      - dt.timedelta(days=7))
    membership_add(actor=consultant, group=group, person=newcomer, joined_on=TODAY - dt.timedelta(days=2))
    page.reload()
    agreement = page.locator("section[aria-labelledby=agreement-heading]")
    expect(agreement.locator(".alert-info")).to_be_visible()
    check_page(page, "group-sessions-agreement-revisit")
    agreement.locator("form[action$='/revisited/'] button").click()
    expect(page.locator("section[aria-labelledby=agreement-heading] .alert-info")).to_have_count(0)
    assert GroupAgreement.objects.get().revisited_on == TODAY

    page.goto(f"{live_server.url}/groups/{group.pk}/agreement/")
    expect(page.locator("#versions-heading")).to_be_visible()
    check_page(page, "group-sessions-agreement-page")


def test_a_facilitator_ticks_on_a_phone(browser, live_server, consultant):
    group, memberships = _group_with_members(consultant, count=4)
    session = _held_sessions(group, memberships, consultant, count=1)[0]
    context = browser.new_context(**PHONE, locale="da-DK", timezone_id="Europe/Copenhagen")
    phone = context.new_page()
    phone.set_default_timeout(30_000)
    log_in(phone, live_server, consultant)
    phone.goto(f"{live_server.url}/groups/sessions/{session.pk}/")
    phone.locator("label[for=id_signs_0]").tap()  # the young people took over
    phone.locator("input[name=took_part][value=most] + label").tap()
    phone.locator("form[action$='/observation/'] button[type=submit]").tap()
    expect(phone.locator(".alert-success")).to_be_visible()
    no_horizontal_scroll(phone)
    check_page(phone, "group-sessions-observation-phone")
    assert SessionObservation.objects.get(session=session).signs == ["took_over"]
    phone.goto(f"{live_server.url}/groups/{group.pk}/")
    expect(phone.locator(".pattern-table")).to_be_visible()
    no_horizontal_scroll(phone)
    check_page(phone, "group-sessions-group-phone")
    context.close()


def test_a_young_person_taps_on_a_phone_and_reads_the_agreement(browser, live_server, consultant):
    group, memberships = _group_with_members(consultant, count=4)
    session = _held_sessions(group, memberships, consultant, count=1)[0]
    group_agreement_save(actor=consultant, group=group, text=AGREEMENT)
    cache.clear()
    token = links.personal_link_create(actor=consultant, person=memberships[2].person)[1]
    context = browser.new_context(**PHONE, locale="da-DK", timezone_id="Europe/Copenhagen")
    phone = context.new_page()
    phone.set_default_timeout(30_000)
    phone.goto(f"{live_server.url}/groups/me/{token}/")
    expect(phone.locator("#tap-heading")).to_be_visible()
    expect(phone.locator("section[aria-labelledby=agreement-heading]")).to_contain_text("Vi lader hinanden tale")
    no_horizontal_scroll(phone)
    check_page(phone, "group-sessions-self-tap-phone")

    phone.locator(".tap-buttons button[value=yes]").tap()
    expect(phone.locator(".alert-success")).to_be_visible()
    expect(phone.locator(".tap-buttons")).to_have_count(0)
    no_horizontal_scroll(phone)
    check_page(phone, "group-sessions-self-tapped-phone")
    tap = SessionTap.objects.get()
    assert tap.session_id == session.pk and tap.worth_coming is True
    context.close()
