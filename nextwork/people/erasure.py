"""The people app's part in erasure after the retention period; the command that runs every app's part is
nextwork/portal/management/commands/erase_expired.py (see docs/privacy.md).

A course that ended more than `NEXTWORK_RETENTION_YEARS` years ago (default 5) loses its notes (1:1 and
psychologist conversations), its timeline, the exit's and follow-ups' notes and the reason for admission.
Where the municipality is in the research phase and the young person has not withdrawn consent, the course
is first frozen into its pseudonymised `ResearchRecord`. When every course of a young person is erased, their
personal details are blanked (name, CPR number, contact details, histories, interests, availability; the
birth date becomes 1 January of the birth year); the row stays as an empty shell so the other apps' history
(internships, group attendance, match events) keeps its foreign key, and each app's erasure step then erases
its own free text about them."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q

from nextwork.core.erasure import Erasure
from nextwork.core.models import Municipality, User

from . import stats
from .models import (
    Conversation,
    Course,
    Exit,
    FollowUp,
    PsychologistConversation,
    ResearchRecord,
    TimelineEntry,
    YoungPerson,
)

SYSTEM_USERNAME = "nextwork-retention"  # the actor of the audit rows: an inactive account that cannot log in
PERSON_BLANKS = {
    "first_name": "—", "last_name": "", "cpr": "", "phone": "", "email": "", "address": "", "legal_sex": "",
    "education_history": "", "work_history": "", "interests": "", "dream_trades": "", "available_days": [],
    "availability_note": "",
}


def retention_cutoff(today: dt.date, years: int) -> dt.date:
    """Courses that ended before this day are past the retention period."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def expired_courses(*, cutoff: dt.date):
    return (Course.objects.filter(erased_on=None, ended_on__lt=cutoff, person__merged_into=None)
            .select_related("person", "municipality").order_by("pk"))


def people_to_blank(*, cutoff: dt.date):
    """Not yet blanked young people with a course whose every course is erased or past the retention period."""
    kept = Course.objects.filter(person=OuterRef("pk"), erased_on=None).filter(
        Q(ended_on=None) | Q(ended_on__gte=cutoff))
    return (YoungPerson.objects.filter(erased_on=None, merged_into=None)
            .filter(Exists(Course.objects.filter(person=OuterRef("pk")))).exclude(Exists(kept)).order_by("pk"))


def erase_course(course: Course, *, today: dt.date) -> Erasure:
    notes = Conversation.objects.filter(course=course)
    psychologist = PsychologistConversation.objects.filter(course=course)
    timeline = TimelineEntry.objects.filter(course=course)
    keep_research = (course.municipality.phase == Municipality.Phase.RESEARCH
                     and course.person.consent_withdrawn_on is None)
    done = [f"{notes.count()} notes, {psychologist.count()} psychologist notes and {timeline.count()} timeline "
            "lines deleted", "exit, follow-up and admission notes blanked",
            "research record kept" if keep_research else "no research record"]
    if keep_research:
        row = stats.pseudonymised_rows(Course.objects.filter(pk=course.pk))[0]
        row.pop("municipality")  # the name; the record keeps the municipality itself
        row = {key: (value or None) if key in ("started_on", "ended_on") else value for key, value in row.items()}
        ResearchRecord.objects.update_or_create(course=row.pop("course"),
                                                defaults={**row, "municipality": course.municipality})
    notes.delete()
    psychologist.delete()
    timeline.delete()
    FollowUp.objects.filter(exit__course=course).update(note="")
    Exit.objects.filter(course=course).update(note="", employer_or_school="")
    Course.objects.filter(pk=course.pk).update(admission_reason="", erased_on=today)
    return Erasure("course", course.pk, course.municipality_id, "; ".join(done))


def blank_person(person: YoungPerson, *, today: dt.date) -> list[YoungPerson]:
    """Blanks the person and the duplicate records merged into them (they hold the same person's details);
    returns the records blanked."""
    records, frontier = [person], [person.pk]
    while frontier:
        merged = list(YoungPerson.objects.filter(merged_into__in=frontier, erased_on=None))
        records += merged
        frontier = [record.pk for record in merged]
    for record in records:
        YoungPerson.objects.filter(pk=record.pk).update(
            **PERSON_BLANKS, cpr_lookup=f"erased-{record.pk}", erased_on=today,
            birth_date=record.birth_date.replace(month=1, day=1))
    return records


BLANKED_SUMMARY = ("personal details blanked (name, CPR number, contact details, histories, availability; "
                   "birth date reduced to the year)")


def system_user() -> User:
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"role": "", "is_active": False, "first_name": "NExTWORK",
                                            "last_name": "(retention)"})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user

# The foreign keys to a young person or a course whose rows the course erasure and the blanking above cover.
COVERS = (
    ("people.YoungPerson", "merged_into"), ("people.Course", "person"), ("people.TimelineEntry", "course"),
    ("people.Conversation", "course"), ("people.PsychologistConversation", "course"), ("people.Exit", "course"),
)
