"""The people app's part of merging two records of one young person: the checks on the records, the
details, the courses (with everything that hangs on them: timeline, notes, exits, internships) and the
mark on the duplicate. The whole merge across apps is run by nextwork/portal/merge.py."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nextwork.core.errors import DomainError
from nextwork.core.merge import MergeStep

from ..choices import in_week_order
from ..models import YoungPerson

TEXT_FIELDS = ("education_history", "work_history", "interests", "dream_trades", "availability_note")
FILL_IF_EMPTY = ("phone", "email", "address", "consent_date")


def young_people_check_mergeable(*, keep: YoungPerson, duplicate: YoungPerson) -> None:
    if keep.pk == duplicate.pk:
        raise DomainError(_("Choose two different records."), field="duplicate")
    if keep.municipality_id != duplicate.municipality_id or duplicate.merged_into_id or keep.merged_into_id:
        raise DomainError(_("This record cannot be merged."), field="duplicate")


def young_person_take_details(*, keep: YoungPerson, duplicate: YoungPerson) -> list[str]:
    """Fills the kept record's empty fields from the duplicate and appends differing texts."""
    taken = []
    for name in FILL_IF_EMPTY:
        if not getattr(keep, name) and getattr(duplicate, name):
            setattr(keep, name, getattr(duplicate, name))
            taken.append(name)
    for name in TEXT_FIELDS:
        mine, theirs = getattr(keep, name), getattr(duplicate, name)
        if theirs and theirs not in mine:
            setattr(keep, name, f"{mine}\n\n{theirs}".strip())
            taken.append(name)
    keep.available_days = in_week_order([*keep.available_days, *duplicate.available_days])
    keep.consent_given = keep.consent_given or duplicate.consent_given
    # A withdrawal on either record stands: the young person said no, whichever record it was written on.
    withdrawals = [d for d in (keep.consent_withdrawn_on, duplicate.consent_withdrawn_on) if d]
    if withdrawals:
        keep.consent_withdrawn_on, keep.consent_given = max(withdrawals), False
    keep.save()
    return taken


def _courses_preview(*, keep, duplicate) -> list[str]:
    count = duplicate.courses.count()
    if not count:
        return []
    return [ngettext("%(count)d course with its timeline, conversations, exit and internships",
                     "%(count)d courses with their timelines, conversations, exits and internships",
                     count) % {"count": count}]


def _courses_reassign(*, keep, duplicate) -> int:
    return duplicate.courses.update(person=keep)


COURSES = MergeStep(name="courses", covers=(("people.Course", "person"),), preview=_courses_preview,
                    reassign=_courses_reassign)
