from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.i18n import working_language
from nextwork.core.permissions import require

from ..choices import TimelineKind
from ..models import YoungPerson
from .timeline import timeline_add

TEXT_FIELDS = ("education_history", "work_history", "interests", "dream_trades", "availability_note")
FILL_IF_EMPTY = ("phone", "email", "address", "consent_date")


@transaction.atomic
def young_people_merge(*, actor, keep: YoungPerson, duplicate: YoungPerson) -> YoungPerson:
    """Moves the duplicate's courses to `keep`, fills gaps and appends differing texts. The duplicate
    record stays (marked as merged, with its own CPR number) so nothing is lost."""
    require(actor, "person.merge")
    if keep.pk == duplicate.pk:
        raise DomainError(_("Choose two different records."), field="duplicate")
    if keep.municipality_id != duplicate.municipality_id or duplicate.merged_into_id:
        raise DomainError(_("This record cannot be merged."), field="duplicate")
    for name in FILL_IF_EMPTY:
        if not getattr(keep, name) and getattr(duplicate, name):
            setattr(keep, name, getattr(duplicate, name))
    for name in TEXT_FIELDS:
        mine, theirs = getattr(keep, name), getattr(duplicate, name)
        if theirs and theirs not in mine:
            setattr(keep, name, f"{mine}\n\n{theirs}".strip())
    keep.available_days = sorted(set(keep.available_days) | set(duplicate.available_days))
    keep.consent_given = keep.consent_given or duplicate.consent_given
    keep.save()
    moved = list(duplicate.courses.all())
    duplicate.courses.update(person=keep)
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into"])
    with working_language():
        summary = _("Merged with a duplicate record of %(name)s (record %(id)s).") % {
            "name": duplicate.full_name, "id": duplicate.pk}
    for course in moved or list(keep.courses.all()[:1]):
        timeline_add(course=course, kind=TimelineKind.MERGED, actor=actor, summary=summary)
    audit.record(actor=actor, action="merge", object_type="young_person", object_id=keep.pk,
                 municipality_id=keep.municipality_id, summary=f"merged record {duplicate.pk} into {keep.pk}")
    return keep
