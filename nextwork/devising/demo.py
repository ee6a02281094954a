"""Demo data for the devising log, called by nextwork.demo.builder after the companies and events exist.

Per municipality: three experiments under the frame goal "to create networks" (one reviewed with a decision,
one running, one due for review), a proposal from a young person (taken up) and one from a company
representative (waiting), two devising meetings; the first two municipalities share their reviewed practice
in the network's shared library. Everything goes through the services, so the histories are real."""

import datetime as dt

from django.utils import timezone

from nextwork.companies.models import Representative
from nextwork.core.roles import Role
from nextwork.people.choices import CourseStatus

from .models import ExperimentChange, Proposal
from .services import experiments, meetings, proposals, sharing

EXPERIMENTS = (
    # (title, principles, why, expected, indicators, starts days ago, review in days)
    ("Young people host the check-in round", ["power_shift", "many_to_many"],
     "In the first ten minutes the consultants do most of the talking.",
     "More young people say something in the first round, and the agenda has more of their topics.",
     ["agenda_by_young_people", "groups_took_part"], 84, -14),
    ("A company brings a task to the network group", ["work_identity", "many_to_many"],
     "Talk about internships stays abstract for those who have not had one yet.",
     "More wish for an internship at the next match event, and wishes come true faster.",
     ["days_wish_to_start", "share_in_work_experience"], 40, -2),
    ("Newcomers meet the group with a buddy", ["many_to_many"],
     "Newcomers come once and do not come back.",
     "Newcomers come back the second and third week; attendance holds.",
     ["group_attendance", "turnout_in_range"], 14, 42),
)
REVIEW = ("Two or three young people hosted each week; the round took longer, but more spoke, and they asked "
          "for a card game. We keep it, with the cards.", "keep")


def build(context) -> None:
    """`context` is a nextwork.demo.builder.DemoContext."""
    for index, item in enumerate(context.municipalities):
        _build_municipality(context, item, share=index < 2)


def _build_municipality(context, item, *, share: bool) -> None:
    today = context.today
    lead = item.team[str(Role.TEAM_LEAD)][0]
    consultant = item.team[str(Role.YOUTH_CONSULTANT)][0]
    made = []
    for title, principles, why, expected, indicators, started, review in EXPERIMENTS:
        made.append(experiments.experiment_create(
            actor=lead, title=title, principles=principles, why=why, expected=expected, indicators=indicators,
            starts_on=today - dt.timedelta(days=started), review_on=today + dt.timedelta(days=review)))
    reviewed, due, running = made
    experiments.experiment_review(actor=lead, experiment=reviewed, observed=REVIEW[0], decision=REVIEW[1],
                                  on=today - dt.timedelta(days=12))
    meetings.meeting_create(actor=lead, held_on=today - dt.timedelta(days=42), attendees=[lead, consultant],
                            other_attendees="two young people from the Tuesday group",
                            notes="How do we get the young people to own the check-in? Try hosts for six weeks.",
                            experiments=[reviewed, due])
    meetings.meeting_create(actor=lead, held_on=today - dt.timedelta(days=12), attendees=[lead, consultant],
                            notes="Review of the hosts: keep, with cards. Newcomers: buddy from next week.",
                            experiments=[reviewed, running])
    _proposals(item, lead, today)
    if share:
        sharing.practice_share(actor=lead, experiment=reviewed, title="Young people host the check-in",
                               principles=["power_shift", "many_to_many"],
                               what="Two young people host the first round each week, with conversation cards.",
                               why=reviewed.why, what_we_saw=REVIEW[0])
    # Demo histories look as if they were written on the days they describe.
    ExperimentChange.objects.filter(experiment__in=made, kind="created").update(
        at=timezone.now() - dt.timedelta(days=90))


def _proposals(item, lead, today) -> None:
    course = next((c for c in item.courses if c.status == CourseStatus.ACTIVE), None)
    if course is not None:
        proposal = proposals.proposal_submit(
            person=course.person, title="Meet at the workshop instead of the town hall",
            why="The town hall feels like the job centre.", expected="More of us come every week.")
        proposals.proposal_take_up(
            actor=lead, proposal=proposal, title="Network group at a company's workshop once a month",
            principles=["many_to_many", "work_identity"], why="The town hall feels like the job centre to them.",
            expected="Attendance rises on workshop weeks; more wish for internships in the trades.",
            indicators=["group_attendance"], response="Good idea. We try it once a month from January.")
    representative = (Representative.objects.filter(company__municipality=item.municipality)
                      .select_related("company").order_by("pk").first())
    if representative is not None:
        proposals.proposal_submit(
            representative=representative, title="Fewer papers before the first day",
            why="We lose young people while the agreement goes back and forth.",
            expected="Internships start within the two weeks more often.")
    Proposal.objects.filter(municipality=item.municipality).update(
        created_at=timezone.now() - dt.timedelta(days=5))
