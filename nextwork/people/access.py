"""The only way to fetch a young person's records. Each function checks the role (the permission
matrix), the municipality, and writes the audit row; a record outside the user's municipality is a 404."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from nextwork.core import audit
from nextwork.core.permissions import can

from .models import Course, YoungPerson


def _scoped_people(user):
    return YoungPerson.objects.filter(municipality_id=user.municipality_id, merged_into__isnull=True)


def access_young_person_by_id(user, person_id, *, action: str = "person.view") -> YoungPerson:
    if not can(user, action):
        raise PermissionDenied(action)
    person = _scoped_people(user).filter(pk=person_id).first()
    if person is None:
        raise Http404("No such young person.")
    audit.record(
        actor=user,
        action="view" if action == "person.view" else "change",
        object_type="young_person",
        object_id=person.pk,
        municipality_id=person.municipality_id,
        summary=action,
    )
    return person


def access_course_by_id(user, course_id, *, action: str) -> Course:
    if not can(user, action):
        raise PermissionDenied(action)
    course = (
        Course.objects.select_related("person", "consultant")
        .filter(pk=course_id, municipality_id=user.municipality_id, person__merged_into__isnull=True)
        .first()
    )
    if course is None:
        raise Http404("No such course.")
    audit.record(
        actor=user,
        action="change",
        object_type="course",
        object_id=course.pk,
        municipality_id=course.municipality_id,
        summary=action,
    )
    return course


def young_people_for(user):
    """The queryset behind lists; the caller audits the list read with `audit_list`."""
    if not can(user, "person.view"):
        raise PermissionDenied("person.view")
    return _scoped_people(user)


def audit_list(user, *, summary: str, count: int) -> None:
    audit.record(
        actor=user,
        action="list",
        object_type="young_person",
        municipality_id=user.municipality_id,
        summary=f"{summary} ({count} shown)",
    )
