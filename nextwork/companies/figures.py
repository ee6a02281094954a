"""The team's figures: days to the first internship, the share in internships or paid hours now, the
free-labour warning figures per company, and young people's wishes against open offers."""

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from nextwork.people.choices import CourseStatus
from nextwork.people.models import Course, YoungPerson

from . import codes, trades
from .choices import CONVERSIONS, InternshipStatus, Outcome
from .models import Company, Internship, Offer

PROMISE_DAYS = 14
REPLACEMENT_GAP_DAYS = 7
FLAG_MIN_UNPAID = 4
FLAG_MIN_REPLACEMENTS = 2


@dataclass(frozen=True)
class StartFigures:
    """The promise is counted from the young person's wish (start -> meet the companies -> wish ->
    internship within 14 days); time from the start of the course to the first internship is the second,
    separate figure."""

    wishes: int  # wishes in the last year that were started or have had their 14 days
    within_promise: int  # of those, started within 14 days of the wish
    waiting_past_promise: int  # wished more than 14 days ago, not started yet
    started: int  # courses started in the last year that have had an internship or waited 14+ days
    with_internship: int
    median_days: float | None  # from the start of the course to the first internship
    active: int
    in_work_now: int

    @property
    def within_promise_share(self) -> int | None:
        return round(100 * self.within_promise / self.wishes) if self.wishes else None

    @property
    def in_work_share(self) -> int | None:
        return round(100 * self.in_work_now / self.active) if self.active else None


def start_figures(*, municipality_id: int, today: dt.date) -> StartFigures:
    """Two queries. A course counts towards the promise once it has had 14 days to keep it."""
    courses = list(Course.objects.filter(
        municipality_id=municipality_id, started_on__isnull=False, person__merged_into=None,
        started_on__gte=today - dt.timedelta(days=365)).values("pk", "started_on", "status"))
    active_ids = set(Course.objects.filter(municipality_id=municipality_id, status=CourseStatus.ACTIVE,
                                           person__merged_into=None).values_list("pk", flat=True))
    internships = list(Internship.objects.filter(municipality_id=municipality_id).values(
        "course_id", "wished_on", "start_on", "planned_end_on", "ended_on", "status", "outcome"))
    wishes, kept, overdue = _promise(internships, today=today)
    first, working = {}, set()
    for row in internships:
        if row["status"] == InternshipStatus.PLANNED:
            continue
        course_id = row["course_id"]
        first[course_id] = min(first.get(course_id, row["start_on"]), row["start_on"])
        if row["status"] in (InternshipStatus.ACTIVE, InternshipStatus.PAUSED) and row["start_on"] <= today:
            working.add(course_id)
        elif row["outcome"] == Outcome.PAID_HOURS:
            working.add(course_id)  # converted to paid hours: counted while the course is active
    days, counted = [], 0
    for course in courses:
        if course["pk"] in first:
            days.append(max((first[course["pk"]] - course["started_on"]).days, 0))
            counted += 1
        elif (today - course["started_on"]).days > PROMISE_DAYS and course["status"] != CourseStatus.ENDED:
            counted += 1
    return StartFigures(wishes=wishes, within_promise=kept, waiting_past_promise=overdue,
                        started=counted, with_internship=len(days),
                        median_days=statistics.median(days) if days else None, active=len(active_ids),
                        in_work_now=len(working & active_ids))


def _promise(internships: list[dict], *, today: dt.date) -> tuple[int, int, int]:
    """Of the wishes in the last year: how many count (started, or had their 14 days), how many started
    within 14 days of the wish, and how many are still waiting after 14 days."""
    counted = kept = overdue = 0
    for row in internships:
        wished = row["wished_on"]
        if wished is None or wished < today - dt.timedelta(days=365):
            continue
        if row["status"] != InternshipStatus.PLANNED and row["start_on"] <= today:
            counted += 1
            kept += (row["start_on"] - wished).days <= PROMISE_DAYS
        elif (today - wished).days > PROMISE_DAYS:
            counted += 1
            overdue += 1
    return counted, kept, overdue


@dataclass
class CompanyFigures:
    hosted: int = 0
    unpaid: int = 0
    total_days: int = 0
    conversions: int = 0
    replacements: int = 0
    finished: int = 0

    @property
    def average_days(self) -> int | None:
        return round(self.total_days / self.hosted) if self.hosted else None

    @property
    def flagged(self) -> bool:
        """For a conversation with the company, never a verdict."""
        return (self.unpaid >= FLAG_MIN_UNPAID and self.conversions == 0) or \
            self.replacements >= FLAG_MIN_REPLACEMENTS


def company_figures(company_ids, *, today: dt.date) -> dict[int, CompanyFigures]:
    """One query. A replacement: a new intern starts in the same function within 7 days after an intern
    left it without being hired."""
    rows = (Internship.objects.filter(company_id__in=company_ids).exclude(status=InternshipStatus.PLANNED)
            .values("company_id", "function", "offer_id", "start_on", "planned_end_on", "ended_on", "paid_hours",
                    "outcome").order_by("start_on"))
    figures: dict[int, CompanyFigures] = defaultdict(CompanyFigures)
    left_unhired: dict[tuple, list[dt.date]] = defaultdict(list)
    for row in rows:
        item = figures[row["company_id"]]
        item.hosted += 1
        item.unpaid += not row["paid_hours"]
        end = row["ended_on"] or min(row["planned_end_on"], today)
        item.total_days += max((end - row["start_on"]).days + 1, 0)
        item.conversions += row["outcome"] in CONVERSIONS
        key = (row["company_id"], row["offer_id"] or row["function"].strip().lower())
        if any(0 <= (row["start_on"] - left).days <= REPLACEMENT_GAP_DAYS for left in left_unhired[key]):
            item.replacements += 1
        if row["ended_on"] and row["outcome"] not in CONVERSIONS:
            left_unhired[key].append(row["ended_on"])
    return dict(figures)


def flagged_companies(*, municipality_id: int, today: dt.date) -> list[tuple[Company, CompanyFigures]]:
    companies = {c.pk: c for c in Company.objects.filter(municipality_id=municipality_id)}
    figures = company_figures(list(companies), today=today)
    return sorted(((companies[pk], f) for pk, f in figures.items() if f.flagged),
                  key=lambda pair: (-pair[1].replacements, -pair[1].unpaid))


@dataclass
class WishRow:
    group: str
    name: str
    wishes: int = 0
    open_places: int = 0
    companies: set = field(default_factory=set)

    @property
    def gap(self) -> int:
        return self.wishes - self.open_places


def wishes_vs_offers(*, municipality_id: int) -> tuple[list[WishRow], Counter]:
    """Rows per DISCO-08 minor group wished for or offered, the biggest shortage first, and the wishes no
    keyword maps (so the list can be extended). Wishes come from the profiles of young people with an
    open course; match-event wishes join here once match events exist."""
    texts = YoungPerson.objects.filter(
        municipality_id=municipality_id, merged_into=None,
        courses__status__in=[CourseStatus.REFERRED, CourseStatus.ACTIVE, CourseStatus.PAUSED],
    ).exclude(dream_trades="").values_list("pk", "dream_trades").distinct()
    rows: dict[str, WishRow] = {}
    unmapped: Counter = Counter()

    def row(group):
        found = codes.occupation(group)
        return rows.setdefault(group, WishRow(group=group, name=found.name if found else group))

    for _pk, text in texts:
        groups: set[str] = set()
        for wish in trades.wishes_in(text):
            matched = trades.groups_for(wish)
            if not matched:
                unmapped[wish.capitalize()] += 1
            groups |= matched
        for group in groups:
            row(group).wishes += 1
    for offer in Offer.objects.filter(company__municipality_id=municipality_id, is_open=True).select_related(
            "company").only("occupation_code", "places", "company__name"):
        found = codes.occupation(offer.occupation_code)
        if found is None:
            continue
        item = row(found.code[:3])
        item.open_places += offer.places
        item.companies.add(offer.company.name)
    return sorted(rows.values(), key=lambda r: (-r.gap, r.group)), unmapped
