"""Fetching companies, offers, meetings and internships, and the names of young people they show. The shape
of `nextwork.core.access`: a role without the permission gets a "denied" row and 403, an id outside the
user's municipality (or none) a "denied" row and 404. Internships name young people: every page or list that
shows them writes one audit row here ("view" for one record, "list" with the count shown). Views write none.
"""

import datetime as dt

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from nextwork.core.access import not_found, record_list, record_read, require_or_refuse
from nextwork.core.permissions import can
from nextwork.core.tables import Sort, exported
from nextwork.people.choices import CourseStatus
from nextwork.people.models import Course, YoungPerson
from nextwork.people.selectors import OPEN_STATUSES

from . import figures, selectors
from .models import Company, Internship, NetworkMeeting, Offer


# Companies, offers and meetings: no personal data of young people, so only refusals are audited.
def companies_for(user, *, action: str = "company.view") -> QuerySet:
    require_or_refuse(user, action, object_type="company")
    return Company.objects.filter(municipality_id=user.municipality_id)


def access_company_by_id(user, company_id, *, action: str = "company.view") -> Company:
    require_or_refuse(user, action, object_type="company", object_id=company_id)
    company = companies_for(user, action=action).filter(pk=company_id).first()
    if company is None:
        not_found(user, action, object_type="company", object_id=company_id)
    return company


def offers_for(user, *, action: str = "company.view") -> QuerySet:
    require_or_refuse(user, action, object_type="offer")
    return Offer.objects.filter(company__municipality_id=user.municipality_id)


def access_offer_by_id(user, offer_id, *, action: str = "company.view") -> Offer:
    require_or_refuse(user, action, object_type="offer", object_id=offer_id)
    offer = offers_for(user, action=action).select_related("company").filter(pk=offer_id).first()
    if offer is None:
        not_found(user, action, object_type="offer", object_id=offer_id)
    return offer


def meetings_for(user, *, action: str = "company.view") -> QuerySet:
    require_or_refuse(user, action, object_type="network_meeting")
    return NetworkMeeting.objects.filter(municipality_id=user.municipality_id)


def access_meeting_by_id(user, meeting_id, *, action: str = "company.view") -> NetworkMeeting:
    require_or_refuse(user, action, object_type="network_meeting", object_id=meeting_id)
    meeting = meetings_for(user, action=action).filter(pk=meeting_id).first()
    if meeting is None:
        not_found(user, action, object_type="network_meeting", object_id=meeting_id)
    return meeting


def company_page(user, company_id, *, today: dt.date) -> dict:
    """The company's page; its interns are listed by name only for roles that may see young people."""
    company = access_company_by_id(user, company_id)
    page = selectors.company_page(company)
    if can(user, "person.view"):
        record_list(user, object_type="company", summary=f"company {company.pk}: interns",
                    count=len({internship.course.person_id for internship in page["internships"]}))
    else:
        page["internships"] = []
    page["company"] = company
    page["figures"] = figures.company_figures([company.pk], today=today).get(company.pk, figures.CompanyFigures())
    return page


def wishes_page(user) -> tuple[list, list]:
    """Wishes against offers: reads the dream trades of every young person with an open course (no names
    are shown, but their own words are, grouped): a list read with the number of profiles read."""
    require_or_refuse(user, "company.view", object_type="young_person")
    rows, unmapped = figures.wishes_vs_offers(municipality_id=user.municipality_id)
    # The profiles `wishes_vs_offers` reads (same filter).
    read = (YoungPerson.objects.filter(municipality_id=user.municipality_id, merged_into=None,
                                       courses__status__in=[CourseStatus.REFERRED, CourseStatus.ACTIVE,
                                                            CourseStatus.PAUSED])
            .exclude(dream_trades="").values("pk").distinct().count())
    record_list(user, object_type="young_person", summary="wishes against offers: dream trades", count=read)
    return rows, unmapped.most_common(30)


# Internships: they name young people.
def internships_for(user, *, action: str = "company.view", object_id: object = "") -> QuerySet:
    """Internships name young people, so reading them needs both the company and the person permission.
    The queryset behind lists: the list read is audited by the function that shows it."""
    require_or_refuse(user, action, object_type="internship", object_id=object_id)
    require_or_refuse(user, "person.view", object_type="internship", object_id=object_id)
    return Internship.objects.filter(municipality_id=user.municipality_id, course__person__merged_into=None)


def internship_page(user, *, status: str = "", page_number=None, per_page: int = 25, sort: Sort | None = None,
                    ) -> Page:
    """One page of the internship list, by name."""
    internships = selectors.internship_list(internships_for(user), status=status, sort=sort)
    page = Paginator(internships, per_page).get_page(page_number)
    record_list(user, object_type="internship", summary="internship list", count=len(page.object_list))
    return page


def record_internship_list(user, *, summary: str, count: int) -> None:
    """For a list paginated elsewhere (the API's pagination evaluates the page after the endpoint)."""
    record_list(user, object_type="internship", summary=summary, count=count)


def _internship(user, internship_id, action: str) -> Internship:
    internship = (
        internships_for(user, action=action, object_id=internship_id)
        .select_related("company", "offer", "course", "course__person", "course__consultant")
        .filter(pk=internship_id).first()
    )
    if internship is None:
        not_found(user, action, object_type="internship", object_id=internship_id)
    return internship


def access_internship_by_id(user, internship_id, *, action: str = "company.view") -> Internship:
    """One internship, for its page or a lifecycle step: a read (the step itself is logged by its service)."""
    internship = _internship(user, internship_id, action)
    record_read(user, object_type="internship", object_id=internship.pk,
                municipality_id=internship.municipality_id, summary=action)
    return internship


def export_agreement(user, internship_id) -> Internship:
    """The internship agreement as a PDF: an export of the young person's details."""
    internship = _internship(user, internship_id, "company.view")
    record_read(user, action="export", object_type="internship_agreement", object_id=internship.pk,
                municipality_id=internship.municipality_id, summary="agreement PDF")
    return internship


def _courses(user) -> QuerySet:
    internships_for(user, action="internship.manage")
    return Course.objects.filter(municipality_id=user.municipality_id, person__merged_into__isnull=True)


def internship_courses(user) -> QuerySet:
    """The open courses an internship can be created for (checking a posted choice; nothing is shown)."""
    return (_courses(user).filter(status__in=OPEN_STATUSES).select_related("person").defer("person__cpr")
            .order_by("person__first_name", "person__last_name", "pk"))


def internship_course_choices(user) -> list[Course]:
    """The young-person drop-down of the internship form, evaluated and audited."""
    courses = list(internship_courses(user))
    record_list(user, object_type="young_person", summary="internship form: young person drop-down",
                count=len(courses))
    return courses


def access_course_by_id(user, course_id, *, action: str = "internship.manage") -> Course:
    """A course to create an internship for (the API): a read of the young person's course."""
    course = _courses(user).select_related("person").filter(pk=course_id).first()
    if course is None:
        not_found(user, action, object_type="course", object_id=course_id)
    record_read(user, object_type="course", object_id=course.pk, municipality_id=course.municipality_id,
                summary=action)
    return course


# Exports of the lists (nextwork.core.tables): each one an "export" audit row with the count. Companies are
# not personal data; their export is logged for completeness.
def companies_for_export(user, *, fmt: str, search: str = "", sector: str = "", sort: Sort | None = None) -> list:
    companies = selectors.company_list(companies_for(user), search=search, sector=sector, sort=sort)
    return exported(user, companies, object_type="company", place="company list", fmt=fmt)


def internships_for_export(user, *, fmt: str, status: str = "", sort: Sort | None = None) -> list[Internship]:
    internships = selectors.internship_list(internships_for(user), status=status, sort=sort)
    return exported(user, internships, object_type="internship", place="internship list", fmt=fmt)
