"""Demo data for wellbeing, called by nextwork.demo.builder: per municipality its procedure for concerns
(Livslinien 70 201 201 and the emergency number 112 as examples); check-ins for the young people with an open
course, monthly over the last six months (the first municipality improving, the second flat); goals in the
young people's own words with progress; and in the first municipality one open and one closed concern flag.
Rows are written in bulk with the scores computed by scales.py, so the national scale stays quick."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from nextwork.core.roles import Role
from nextwork.people.choices import CourseStatus

from . import scales
from .models import CheckIn, ConcernAction, ConcernFlag, ConcernProcedure, Goal, GoalProgress

MONTHS = 6
WITH_HISTORY = 10  # municipalities with check-ins and goals (all of them except at the national scale)
PROCEDURE = ("Er der fare for liv: ring 112 først. Sig det straks til psykologen og teamlederen (ring, skriv "
             "ikke). Bliv hos den unge, eller sørg for at en anden gør. Skriv bagefter kort hvad der skete og hvad "
             "I aftalte, og følg op næste dag.")
CRISIS_NUMBERS = "Livslinien (selvmordstanker): 70 201 201\nAkut fare: 112\nPsykiatrisk akutmodtagelse: 1813"
GOALS = ("At møde til tiden", "At tage bussen alene", "At sige noget i gruppen hver uge", "At stå op før kl. 8",
         "At finde en praktik med dyr", "At tage kørekort", "At ringe selv til praktikstedet",
         "At gå til fodbold igen")


def build(context) -> None:
    for index, item in enumerate(context.municipalities):
        ConcernProcedure.objects.create(municipality=item.municipality, text=PROCEDURE, crisis_numbers=CRISIS_NUMBERS)
        if index >= WITH_HISTORY:
            continue
        open_courses = [c for c in item.courses if c.status != CourseStatus.ENDED]
        _checkins(context, item.municipality, open_courses, improving=index == 0)
        _goals(context, item.municipality, open_courses[: max(4, len(open_courses) // 2)])
        if index == 0:
            _concerns(context, item)


def _answers(rng, level: float, count: int, low: int, high: int) -> list[int]:
    return [max(low, min(high, round(level + rng.uniform(-1, 1)))) for _ in range(count)]


def _checkins(context, municipality, courses, *, improving: bool) -> None:
    rng, today = context.random, context.today
    rows = []
    for course in courses:
        anchor = course.started_on or course.referred_on
        base = rng.uniform(1.8, 3.6)  # a WHO-5 item level: about 36-72 of 100
        for back in range(MONTHS - 1, -1, -1):
            taken_on = today - relativedelta(months=back) - dt.timedelta(days=rng.randint(0, 9))
            if taken_on < anchor or taken_on > today:
                continue
            step = MONTHS - 1 - back
            level = base + (0.22 * step if improving else 0)
            lonely_level = 2.4 - (0.15 * step if improving else 0) - (base - 2.7) / 3
            who5 = _answers(rng, level, 5, 0, 5)
            loneliness = _answers(rng, lonely_level, 3, 1, 3)
            work = _answers(rng, 2.6 + (0.25 * step if improving else 0.05 * step), 4, 1, 5)
            scores = scales.score(who5=who5, loneliness=loneliness, work_identity=work)
            rows.append(CheckIn(
                person_id=course.person_id, municipality=municipality, taken_on=taken_on,
                by="self" if rng.random() < 0.6 else "consultant",
                recorded_by=course.consultant if course.consultant_id else None, who5_answers=who5,
                loneliness_answers=loneliness, work_identity_answers=work, who5_raw=scores.who5_raw,
                who5_percent=scores.who5_percent, loneliness_score=scores.loneliness_score,
                severe_loneliness=scores.severe_loneliness, work_identity_mean=scores.work_identity_mean,
                flag=scores.flag))
    for row in rows:
        if row.by == "self":
            row.recorded_by = None
    CheckIn.objects.bulk_create(rows, batch_size=2000)


def _goals(context, municipality, courses) -> None:
    rng, today = context.random, context.today
    goals = [Goal(person_id=course.person_id, municipality=municipality, text=rng.choice(GOALS),
                  set_on=max(course.referred_on, today - dt.timedelta(days=rng.randint(30, 150))),
                  written_with=None if rng.random() < 0.5 else course.consultant)
             for course in courses]
    Goal.objects.bulk_create(goals, batch_size=2000)
    marks = []
    for goal in goals:
        level, on = 0, goal.set_on
        while on <= today:
            marks.append(GoalProgress(goal=goal, marked_on=on, level=level))
            level = min(4, level + rng.choice((0, 1, 1)))
            on += dt.timedelta(days=rng.randint(20, 40))
        if level == 4 and marks[-1].level == 4:
            goal.status = "reached"
    GoalProgress.objects.bulk_create(marks, batch_size=5000)
    Goal.objects.bulk_update([g for g in goals if g.status == "reached"], ["status"])


def _concerns(context, item) -> None:
    open_courses = [c for c in item.courses if c.status != CourseStatus.ENDED]
    if len(open_courses) < 2:
        return
    consultant = (item.team.get(str(Role.YOUTH_CONSULTANT)) or item.team["consultants"])[0]
    psychologist = item.team[str(Role.PSYCHOLOGIST)][0]
    now = timezone.now()
    opened = ConcernFlag.objects.create(
        municipality=item.municipality, person_id=open_courses[0].person_id, kind="homelessness",
        note="Fortalte efter gruppen, at han er smidt ud og har sovet hos forskellige venner den sidste uge.",
        raised_by=consultant)
    ConcernFlag.objects.filter(pk=opened.pk).update(raised_at=now - dt.timedelta(hours=20))
    ConcernAction.objects.create(flag=opened, by=psychologist,
                                 text="Talt med ham i telefonen. Aftalt møde med boligsocialt team i morgen kl. 10.")
    closed = ConcernFlag.objects.create(
        municipality=item.municipality, person_id=open_courses[1].person_id, kind="crisis",
        note="Græd i praktikken og sagde, at hun ikke kan mere. Praktikstedet ringede.", raised_by=consultant)
    ConcernFlag.objects.filter(pk=closed.pk).update(raised_at=now - dt.timedelta(days=12))
    ConcernAction.objects.create(flag=closed, by=psychologist, text="Samtale samme dag. Aftalt to ugers pause.")
    ConcernAction.objects.create(flag=closed, kind="closed", by=psychologist,
                                 text="Tilbage i praktikken med færre timer; har selv kontakt til egen læge.")
    ConcernFlag.objects.filter(pk=closed.pk).update(status="closed", closed_by=psychologist,
                                                    closed_at=now - dt.timedelta(days=5))
