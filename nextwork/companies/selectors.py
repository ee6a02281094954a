"""Reads for companies, offers, meetings and internships. Lists use a fixed number of queries."""

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from nextwork.core.tables import Column, Sort, order_by

from .choices import InternshipStatus
from .models import ChangeRecord, Company, Contact, Internship, MeetingInvitation, NetworkMeeting

COMPANY_COLUMNS = (
    Column("name", _("Name"), lambda company: company.name, sort=("name",)),
    Column("cvr", _("CVR number"), lambda company: company.cvr, sort=("cvr",)),
    Column("industry", _("Industry"), lambda company: company.industry_label, sort=("industry_code",)),
    Column("open_offers", _("Open offers"), lambda company: company.open_offers, sort=("open_offers",)),
    Column("current_internships", _("Current internships"), lambda company: company.current_internships,
           sort=("current_internships",)),
    Column("next_follow_up", _("Next follow-up"), lambda company: company.next_follow_up, sort=("next_follow_up",)),
)


def company_list(companies: QuerySet, *, search: str = "", sector: str = "", sort: Sort | None = None) -> QuerySet:
    """The company register, filtered, with its figures; sorted by a column of COMPANY_COLUMNS (by name)."""
    if search:
        for word in search.split():
            companies = companies.filter(Q(name__icontains=word) | Q(cvr__startswith=word))
    if sector:
        companies = companies.filter(sector=sector)
    return companies.annotate(
        open_offers=Count("offers", filter=Q(offers__is_open=True), distinct=True),
        current_internships=Count("internships", filter=Q(internships__status__in=[
            InternshipStatus.ACTIVE, InternshipStatus.PAUSED]), distinct=True),
        next_follow_up=Max("contacts__next_follow_up_on"),
    ).order_by(*(order_by(COMPANY_COLUMNS, sort) if sort else ("name", "pk")))


def offer_list(offers: QuerySet, *, open_only: bool = True, occupation: str = "") -> QuerySet:
    if open_only:
        offers = offers.filter(is_open=True)
    if occupation:
        offers = offers.filter(occupation_code__startswith=occupation)
    return offers.select_related("company").order_by("company__name", "function", "pk")


def company_page(company: Company) -> dict:
    internships = list(company.internships.filter(course__person__merged_into=None)
                       .select_related("course__person", "offer").defer("course__person__cpr")
                       .order_by("-start_on", "-pk"))
    return {
        "representatives": list(company.representatives.all()),
        "offers": list(company.offers.order_by("-is_open", "function", "pk")),
        "internships": internships,
        "contacts": list(company.contacts.select_related("author", "representative")),
        "meetings": list(MeetingInvitation.objects.filter(company=company).select_related("meeting")
                         .order_by("-meeting__held_on")),
        "history": list(ChangeRecord.objects.filter(object_type="company", object_id=company.pk)
                        .select_related("actor")[:50]),
    }


def follow_ups_due(*, municipality_id: int, today) -> QuerySet:
    """Companies whose latest contact asked for a follow-up that is now due."""
    return (Contact.objects.filter(company__municipality_id=municipality_id, next_follow_up_on__lte=today)
            .select_related("company").order_by("next_follow_up_on")[:20])


def meeting_list(meetings: QuerySet) -> QuerySet:
    return meetings.annotate(
        invited=Count("invitations"), attended=Count("invitations", filter=Q(invitations__attendance="attended")))


def meeting_page(meeting: NetworkMeeting) -> list[MeetingInvitation]:
    return list(meeting.invitations.select_related("company"))


def _period(internship: Internship) -> str:
    return (f"{date_format(internship.start_on, 'SHORT_DATE_FORMAT')}–"
            f"{date_format(internship.end_on, 'SHORT_DATE_FORMAT')}")


def _status(internship: Internship) -> str:
    status = internship.get_status_display()
    return f"{status}: {internship.get_outcome_display()}" if internship.outcome else status


INTERNSHIP_COLUMNS = (
    Column("person", _("Young person"), lambda internship: internship.course.person.full_name,
           sort=("course__person__first_name", "course__person__last_name")),
    Column("company", _("Company"), lambda internship: internship.company.name, sort=("company__name",)),
    Column("function", _("Function"), lambda internship: internship.function, sort=("function",)),
    Column("period", _("Period"), _period, sort=("start_on",)),
    Column("hours", _("Hours per week"), lambda internship: internship.hours_per_week, sort=("hours_per_week",)),
    Column("status", _("Status"), _status, sort=("status", "outcome")),
    Column("agreement", _("Agreement"), lambda internship: internship.get_agreement_status_display(),
           sort=("agreement_status",)),
)


def internship_list(internships: QuerySet, *, status: str = "", sort: Sort | None = None) -> QuerySet:
    """Internships with the young person and the company, filtered by status; sorted by a column of
    INTERNSHIP_COLUMNS (newest start first without one)."""
    if status:
        internships = internships.filter(status=status)
    return (internships.select_related("company", "course__person").defer("course__person__cpr")
            .order_by(*(order_by(INTERNSHIP_COLUMNS, sort) if sort else ("-start_on", "-pk"))))


def internships_of_person(person) -> list[Internship]:
    return list(Internship.objects.filter(course__person=person).select_related("company", "offer")
                .prefetch_related(Prefetch("events", to_attr="event_list")).order_by("-start_on", "-pk"))
