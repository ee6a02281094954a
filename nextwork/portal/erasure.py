"""Erasure after the retention period across every app (`manage.py erase_expired`, run nightly; see
docs/privacy.md). The people app erases expired courses and blanks a young person whose every course is
erased; then each app's step (`ERASURE_STEPS`, the only place that knows them all, like merge.MERGE_STEPS)
erases its own free text about the young people it still holds it for. `portal/tests/test_erasure.py` fails
when a model points to a young person or a course and neither a step nor `NO_FREE_TEXT` covers it.

Each record is erased in its own transaction with its audit row. A dry run does the same work inside one
transaction that is rolled back, so what it lists is exactly what a real run would do and nothing stays."""

import datetime as dt

from django.db import transaction

from nextwork.companies import erasure as companies_erasure
from nextwork.core import audit
from nextwork.core.erasure import Erasure
from nextwork.devising import erasure as devising_erasure
from nextwork.events import erasure as events_erasure
from nextwork.groups import erasure as groups_erasure
from nextwork.people import erasure as people_erasure
from nextwork.people.models import YoungPerson
from nextwork.trial import erasure as trial_erasure
from nextwork.wellbeing import erasure as wellbeing_erasure

ERASURE_STEPS = (
    groups_erasure.AGENDA,
    companies_erasure.INTERNSHIPS,
    events_erasure.EVENTS,
    wellbeing_erasure.WELLBEING,
    devising_erasure.PROPOSALS,
    trial_erasure.PARTICIPATIONS,
)

# Foreign keys to a young person or a course whose rows hold no free text about the person, with the reason.
NO_FREE_TEXT = {
    ("groups.PersonalLink", "person"): "a hash of the token and dates",
    ("events.Wish", "person"): "a ranked offer",
    ("events.Veto", "person"): "a company not wanted",
    ("wellbeing.CheckIn", "person"): "answers on fixed scales and their scores, kept for the aggregate figures",
}


class _DryRun(Exception):
    pass


def erase_expired(*, today: dt.date, years: int, dry_run: bool = False) -> list[Erasure]:
    """Erases what the retention period has run out for and returns what was done (one Erasure per record,
    each with its audit row). With `dry_run` the same work is rolled back: the list says what would be done."""
    done: list[Erasure] = []
    if not dry_run:
        _erase_all(today=today, years=years, done=done)
        return done
    try:
        with transaction.atomic():
            _erase_all(today=today, years=years, done=done)
            raise _DryRun
    except _DryRun:
        pass
    return done


def _erase_all(*, today: dt.date, years: int, done: list[Erasure]) -> None:
    cutoff = people_erasure.retention_cutoff(today, years)
    actor = people_erasure.system_user()

    def logged(erasure: Erasure) -> None:
        audit.record(actor=actor, action="change", object_type=erasure.object_type, object_id=erasure.object_id,
                     municipality_id=erasure.municipality_id,
                     summary=f"erased after {years} years' retention: {erasure.summary}")
        done.append(erasure)

    for course in people_erasure.expired_courses(cutoff=cutoff):
        with transaction.atomic():
            logged(people_erasure.erase_course(course, today=today))
    for person in people_erasure.people_to_blank(cutoff=cutoff):
        with transaction.atomic():
            for record in people_erasure.blank_person(person, today=today):
                logged(Erasure("young_person", record.pk, record.municipality_id, people_erasure.BLANKED_SUMMARY))
    for step in ERASURE_STEPS:
        for person in YoungPerson.objects.filter(pk__in=step.pending()).order_by("pk"):
            with transaction.atomic():
                summary = step.erase(person)
                if summary:
                    logged(Erasure("young_person", person.pk, person.municipality_id, f"{step.label}: {summary}"))
        if step.sweep:
            with transaction.atomic():
                for erasure in step.sweep(today=today, cutoff=cutoff):
                    logged(erasure)
