"""The only way to read young people's records. Each function checks the role (the permission matrix) and
the municipality and writes the audit row; a refused attempt is recorded as such (core/access.py).
Lists come back evaluated, so the row can say how many names were shown."""

import datetime as dt

from nextwork.core import cpr
from nextwork.core.access import not_found, record_list, record_read, require_or_refuse
from nextwork.core.crypto import lookup_hash
from nextwork.core.tables import Sort, exported

from . import selectors, stats
from .models import Conversation, Course, FollowUp, PsychologistConversation, YoungPerson


def _scoped_people(user):
    """The municipality's young people; merged duplicates and records erased after the retention period are
    left out of lists and pages."""
    return YoungPerson.objects.filter(municipality_id=user.municipality_id, merged_into__isnull=True,
                                      erased_on__isnull=True)


def access_young_person_by_id(user, person_id, *, action: str = "person.view") -> YoungPerson:
    """Opening a page or a form is a read; the service that changes the record logs the change."""
    require_or_refuse(user, action, object_type="young_person", object_id=person_id)
    person = _scoped_people(user).select_related("municipality").filter(pk=person_id).first()
    if person is None:
        not_found(user, action, object_type="young_person", object_id=person_id)
    record_read(user, object_type="young_person", object_id=person.pk, municipality_id=person.municipality_id,
                summary=action)
    return person


def access_course_by_id(user, course_id, *, action: str) -> Course:
    require_or_refuse(user, action, object_type="course", object_id=course_id)
    course = (
        Course.objects.select_related("person", "consultant")
        .filter(pk=course_id, municipality_id=user.municipality_id, person__merged_into__isnull=True)
        .first()
    )
    if course is None:
        not_found(user, action, object_type="course", object_id=course_id)
    record_read(user, object_type="course", object_id=course.pk, municipality_id=course.municipality_id,
                summary=action)
    return course


def access_follow_up_by_id(user, follow_up_id, *, action: str = "course.record_follow_up") -> FollowUp:
    require_or_refuse(user, action, object_type="follow_up", object_id=follow_up_id)
    follow_up = (FollowUp.objects.select_related("exit__course__person")
                 .filter(pk=follow_up_id, municipality_id=user.municipality_id,
                         exit__course__person__merged_into=None).first())
    if follow_up is None:
        not_found(user, action, object_type="follow_up", object_id=follow_up_id)
    record_read(user, object_type="young_person", object_id=follow_up.exit.course.person_id,
                municipality_id=follow_up.municipality_id, summary=f"{action}: follow-up {follow_up.pk}")
    return follow_up


def young_people_for(user):
    """The queryset behind lists; the caller audits the list read with `audit_list`."""
    require_or_refuse(user, "person.view", object_type="young_person")
    return _scoped_people(user)


def audit_list(user, *, summary: str, count: int) -> None:
    record_list(user, object_type="young_person", count=count, summary=summary)


def psychologist_notes_of(user, person) -> list[PsychologistConversation]:
    """Reading psychologist notes is its own audit action, so "who read this note" can be answered."""
    require_or_refuse(user, "psychologist_note.read", object_type="psychologist_note", object_id=person.pk)
    notes = list(PsychologistConversation.objects.filter(course__person=person).select_related("author"))
    record_read(user, action="note_read", object_type="psychologist_note", object_id=person.pk,
                municipality_id=person.municipality_id,
                summary=f"{len(notes)} notes: " + ",".join(str(note.pk) for note in notes)[:250])
    return notes


def conversations_of(user, person) -> list[Conversation]:
    """The 1:1 conversations, calls and notes on all the person's courses (decrypted): a read of each note,
    logged with the ids, so "who read this note" can be answered (no row when there are none). Never for a
    caseworker."""
    require_or_refuse(user, "note.read", object_type="conversation", object_id=person.pk)
    notes = list(Conversation.objects.filter(course__person=person).select_related("author")
                 .order_by("-occurred_on", "-id"))
    if notes:  # like the lists: nothing shown, nothing read
        record_read(user, object_type="conversation", object_id=person.pk, municipality_id=person.municipality_id,
                    summary=f"{len(notes)} notes: " + ",".join(str(note.pk) for note in notes)[:250])
    return notes


def access_young_person_for_export(user, person_id, *, fmt: str) -> YoungPerson:
    """The data subject's access request (GDPR art. 15): everything held about the person, as a file.
    Team leads only; written as an "export" row with the format."""
    action = "person.export_all"
    require_or_refuse(user, action, object_type="young_person", object_id=person_id)
    person = _scoped_people(user).select_related("municipality").filter(pk=person_id).first()
    if person is None:
        not_found(user, action, object_type="young_person", object_id=person_id)
    record_read(user, action="export", object_type="young_person", object_id=person.pk,
                municipality_id=person.municipality_id, summary=f"subject access: all data ({fmt})")
    return person


def possible_duplicates_of(user, person) -> list[YoungPerson]:
    require_or_refuse(user, "person.merge", object_type="young_person", object_id=person.pk)
    duplicates = selectors.possible_duplicates_of(person)
    if duplicates:
        audit_list(user, summary=f"possible duplicates of {person.pk}", count=len(duplicates))
    return duplicates


def merge_candidates_for(user, person) -> list[YoungPerson]:
    require_or_refuse(user, "person.merge", object_type="young_person", object_id=person.pk)
    candidates = list(_scoped_people(user).exclude(pk=person.pk).filter(birth_date=person.birth_date)
                      .defer("cpr").order_by("first_name", "last_name", "pk"))
    audit_list(user, summary=f"merge candidates for {person.pk}", count=len(candidates))
    return candidates


def my_courses(user) -> list[Course]:
    courses = list(selectors.my_courses(user))
    if courses:
        audit_list(user, summary="start page: my young people", count=len(courses))
    return courses


def due_follow_ups(user, *, today: dt.date, mine_only: bool, limit: int | None = None) -> list[FollowUp]:
    require_or_refuse(user, "follow_up.view", object_type="follow_up")
    due = selectors.due_follow_ups(municipality_id=user.municipality_id, today=today,
                                   consultant=user if mine_only else None)
    due = list(due[:limit] if limit else due)
    if due:
        audit_list(user, summary="follow-ups due", count=len(due))
    return due


def unassigned_courses(user, *, limit: int) -> list[Course]:
    require_or_refuse(user, "course.distribute", object_type="course")
    courses = list(selectors.unassigned_courses(municipality_id=user.municipality_id)[:limit])
    if courses:
        audit_list(user, summary="referred without a consultant", count=len(courses))
    return courses


def pseudonymised_courses_for(user, *, export: bool) -> list[dict]:
    require_or_refuse(user, "research.pseudonymised", object_type="pseudonymised_courses")
    rows = stats.pseudonymised_courses()
    record_read(user, action="export" if export else "view", object_type="pseudonymised_courses", object_id="",
                municipality_id=None, summary=f"{len(rows)} rows")
    return rows


def registered_already(user, *, cpr_number: str, first_name: str, last_name: str) -> list[YoungPerson]:
    """At intake: the records with the same CPR number, or the same name and birth date."""
    require_or_refuse(user, "person.create", object_type="young_person")
    try:
        parsed = cpr.parse(cpr_number)
    except cpr.CprError:
        return []
    same_cpr = list(_scoped_people(user).filter(cpr_lookup=lookup_hash(parsed.digits)).defer("cpr"))
    found = same_cpr or selectors.find_duplicates(municipality=user.municipality, first_name=first_name,
                                                  last_name=last_name, birth_date=parsed.birth_date)
    if found:
        audit_list(user, summary="intake: already registered", count=len(found))
    return found


# Sorted lists and their exports (nextwork.core.tables): an export is its own audit action, with the count.
def young_people_for_export(user, *, fmt: str, search: str = "", status: str = "",
                            consultant_id: int | None = None, sort: Sort | None = None) -> list[YoungPerson]:
    """Every young person the list's filters match, in its sort (at most the export bound, plus one)."""
    people = selectors.young_people_list(young_people_for(user), search=search, status=status,
                                         consultant_id=consultant_id, sort=sort)
    return exported(user, people, object_type="young_person", place="young people list", fmt=fmt)


def follow_ups_due_list(user, *, today: dt.date, sort: Sort, export: str = "") -> list[FollowUp]:
    """The follow-ups page: every due follow-up of the municipality, sorted; with `export` ("csv" or "xlsx")
    an export, bounded, instead of a list read."""
    require_or_refuse(user, "follow_up.view", object_type="follow_up")
    due = selectors.due_follow_ups(municipality_id=user.municipality_id, today=today, sort=sort)
    if export:
        return exported(user, due, object_type="young_person", place="follow-ups due", fmt=export)
    due = list(due)
    if due:
        audit_list(user, summary="follow-ups due", count=len(due))
    return due


def caseload_for_export(user, *, fmt: str, sort: Sort | None = None) -> list[selectors.CaseloadRow]:
    """The caseload per consultant (staff, no young people), exported: logged for completeness."""
    require_or_refuse(user, "caseload.view", object_type="caseload")
    rows = selectors.caseload(municipality=user.municipality, sort=sort)
    return exported(user, rows, object_type="caseload", place="caseload", fmt=fmt)
