"""The companies app's part of merging two records of one young person. Internships belong to courses and
move with them (people's step); this step only refuses a merge that would give one person two internships
at the same time."""

from django.utils.translation import gettext as _

from nextwork.core.errors import DomainError
from nextwork.core.merge import MergeStep

from ..models import Internship


def _internships_check(*, keep, duplicate) -> None:
    theirs = list(Internship.objects.filter(course__person=duplicate).select_related("company"))
    for mine in Internship.objects.filter(course__person=keep).select_related("company"):
        for other in theirs:
            if mine.start_on <= other.end_on and other.start_on <= mine.end_on:
                raise DomainError(_(
                    "The two records have internships at %(first)s and %(second)s in the same period. End or "
                    "correct one of them first.") % {"first": mine.company.name, "second": other.company.name},
                    field="duplicate")



INTERNSHIPS = MergeStep(name="internships", covers=(), check=_internships_check)
