"""Reads for companies, offers, meetings and internships. Lists use a fixed number of queries."""

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from .choices import InternshipStatus
from .models import ChangeRecord, Company, Contact, Internship, MeetingInvitation, NetworkMeeting


def company_list(companies: QuerySet, *, search: str = "", sector: str = "") -> QuerySet:
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
    ).order_by("name", "pk")


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


def internship_list(internships: QuerySet, *, status: str = "") -> QuerySet:
    if status:
        internships = internships.filter(status=status)
    return (internships.select_related("company", "course__person").defer("course__person__cpr")
            .order_by("-start_on", "-pk"))


def internships_of_person(person) -> list[Internship]:
    return list(Internship.objects.filter(course__person=person).select_related("company", "offer")
                .prefetch_related(Prefetch("events", to_attr="event_list")).order_by("-start_on", "-pk"))
