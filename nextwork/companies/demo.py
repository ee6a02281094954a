"""Demo data for this app, called by nextwork.demo.builder after the young people exist.

Companies with offers, representatives, contact histories, network meetings and internships that follow
the rules (papers before the start, one internship after another). One company per municipality in the
small demo (and in the first municipality otherwise), "Lagerhuset Syd", takes one unpaid intern after
another in the same function and hires none: it triggers the free-labour warning. Everything is written
with bulk_create so the national scale stays fast."""

import datetime as dt
from decimal import Decimal

from nextwork.core.roles import Role
from nextwork.people.choices import CourseStatus

from .choices import AgreementStatus, Attendance, ContactKind, EventKind, InternshipStatus, Outcome
from .models import (
    Company,
    Contact,
    Internship,
    InternshipEvent,
    MeetingInvitation,
    NetworkMeeting,
    Offer,
    Representative,
)

# name, DB07 hovedgruppe, sector, size band, offers: (function, DISCO-08 minor group, tasks)
COMPANIES = (
    ("{town} Smede- og Maskinværksted", "25", "private", "10-49",
     [("Smedelærling", "722", "Svejsning, boring og montage af stålkonstruktioner."),
      ("Svejser", "721", "MIG/MAG-svejsning under opsyn af en svend.")]),
    ("Netto {town} Syd", "47", "private", "10-49",
     [("Butiksmedhjælper", "522", "Varepåfyldning, kunder og kasse."), ("Lagermedhjælper", "933", "Varemodtagelse.")]),
    ("{town} Kommune, Vej og Park", "84", "public", "250+",
     [("Brolægning og grønne områder", "931", "Fliser, kantsten og beplantning."),
      ("Gartnermedhjælper", "611", "Pleje af parker og kirkegårde.")]),
    ("Plejecenter Lindegården", "87", "public", "50-249",
     [("Social- og sundhedsmedhjælper", "532", "Hjælp ved måltider og aktiviteter."),
      ("Køkkenmedhjælper", "941", "Opvask og anretning.")]),
    ("Café Havnen", "56", "private", "1-9",
     [("Køkkenmedhjælper", "941", "Forberedelse og opvask."), ("Tjener", "513", "Servering og kasse.")]),
    ("{town} Auto", "45", "private", "10-49", [("Mekanikermedhjælper", "723", "Dækskift og service.")]),
    ("Tømrerfirmaet Holm & Søn", "43", "private", "10-49",
     [("Tømrermedhjælper", "711", "Tagarbejde og renovering.")]),
    ("Bageriet på Torvet", "10", "private", "1-9", [("Bagermedhjælper", "751", "Dej, bagning og butik.")]),
    ("Børnehuset Solsikken", "88", "public", "10-49", [("Pædagogmedhjælper", "531", "Leg og måltider.")]),
    ("Salon Klip", "96", "private", "1-9", [("Frisørmedhjælper", "514", "Hårvask og rengøring.")]),
    ("El-Service {town}", "43", "private", "10-49", [("Elektrikermedhjælper", "741", "Installationer.")]),
    ("IT-Huset {town}", "62", "private", "10-49", [("IT-supporter", "351", "Opsætning af pc'er og support.")]),
    ("Malerfirmaet Farve & Co", "43", "private", "1-9", [("Malermedhjælper", "713", "Afdækning og maling.")]),
    ("Dyreklinikken {town}", "75", "private", "1-9", [("Dyrepasser", "516", "Pasning og rengøring.")]),
)
FREE_LABOUR = ("Lagerhuset Syd ApS", "52", "private", "50-249",
               [("Lagermedhjælper", "933", "Pluk og pak, truckkort ikke nødvendigt.")])
PEOPLE = ("Mette Jensen", "Lars Nielsen", "Hanne Pedersen", "Jens Hansen", "Susanne Larsen", "Peter Christensen")
ROLES = ("Indehaver", "Værkfører", "HR-konsulent", "Afdelingsleder", "Butikschef")
CONTACT_NOTES = (
    "Gennemgik praktikforløbet og forventninger.", "Besøg på værkstedet; god stemning, plads til én mere.",
    "Opfølgning på praktikanten: går godt, møder stabilt.", "Aftalte at de deltager i næste matchevent.",
    "Spurgte til muligheden for løntimer efter praktikken.", "Ringede om ny praktikplads efter sommerferien.",
)


def _cvr(rng, used: set[str]) -> str:
    while True:
        digits = [rng.randrange(1, 10)] + [rng.randrange(10) for _ in range(6)]
        check = -sum(w * d for w, d in zip((2, 7, 6, 5, 4, 3, 2), digits, strict=True)) % 11
        cvr = "".join(map(str, digits)) + str(check)
        if check < 10 and cvr not in used:
            used.add(cvr)
            return cvr


def build(context) -> None:
    """`context` is a nextwork.demo.builder.DemoContext."""
    small = context.scale_name == "small"
    used: set[str] = set()
    for index, item in enumerate(context.municipalities):
        _build_municipality(context, item, used, full=context.scale_name != "national",
                            free_labour=small or index == 0, history=context.scale_name != "national")


def _build_municipality(context, item, used, *, full: bool, free_labour: bool, history: bool) -> None:
    rng, today, municipality = context.random, context.today, item.municipality
    staff = item.team.get(str(Role.COMPANY_CONSULTANT)) or item.team["consultants"]
    author = staff[0]
    templates = list(COMPANIES if full else COMPANIES[:5])
    if free_labour:
        templates.append(FREE_LABOUR)
    companies = [Company(municipality=municipality, cvr=_cvr(rng, used), name=name.format(town=municipality.name),
                         address=f"Erhvervsvej {rng.randrange(1, 90)}, {municipality.name}", industry_code=code,
                         sector=sector, size_band=size, notes="")
                 for name, code, sector, size, _offers in templates]
    Company.objects.bulk_create(companies)
    offers = [Offer(company=company, function=function, tasks=tasks, occupation_code=disco,
                    industry_code=company.industry_code, kind=rng.choice(["training"] * 4 + ["clarification",
                                                                                          "recruitment"]),
                    paid_hours_possible=company.sector == "private" and rng.random() < 0.5,
                    hours_flexibility="Fra 8 timer om ugen", places=rng.randrange(1, 4),
                    location=company.address, directions="Bus til døren; 10 minutters cykeltur fra stationen.",
                    is_open=rng.random() < 0.85)
              for company, template in zip(companies, templates, strict=True) for function, disco, tasks in template[4]]
    Offer.objects.bulk_create(offers)
    Representative.objects.bulk_create(
        Representative(company=company, name=rng.choice(PEOPLE), role=rng.choice(ROLES),
                       phone=f"+45 {rng.randrange(20, 99)} {rng.randrange(10, 99)} {rng.randrange(10, 99)} "
                             f"{rng.randrange(10, 99)}", email=f"kontakt{company.cvr}@example.dk")
        for company in companies)
    if history:
        _contacts(rng, today, companies, author)
        _meetings(rng, today, municipality, companies)
    by_company = {}
    for offer in offers:
        by_company.setdefault(offer.company_id, []).append(offer)
    courses = [c for c in item.courses if c.started_on is not None]
    reserved = courses[:5] if free_labour else []
    internships = _internships(rng, today, municipality, courses[5:] if free_labour else courses,
                               [o for o in offers if o.company.name != FREE_LABOUR[0]])
    if free_labour:
        internships += _back_to_back(today, municipality, companies[-1], by_company[companies[-1].pk][0], reserved)
    Internship.objects.bulk_create(internships, batch_size=2000)
    if history:
        _events(internships, author)


def _contacts(rng, today, companies, author) -> None:
    contacts = []
    for company in companies:
        days = sorted(rng.sample(range(3, 300), rng.randrange(2, 6)), reverse=True)
        for number, ago in enumerate(days):
            occurred = today - dt.timedelta(days=ago)
            last = number == len(days) - 1
            contacts.append(Contact(company=company, kind=rng.choice(ContactKind.values), occurred_on=occurred,
                                    author=author, note=rng.choice(CONTACT_NOTES),
                                    next_follow_up_on=occurred + dt.timedelta(days=rng.randrange(7, 45)) if last
                                    else None))
    Contact.objects.bulk_create(contacts)


def _meetings(rng, today, municipality, companies) -> None:
    past = NetworkMeeting(municipality=municipality, title="Virksomhedsnetværk: erfaringer med praktikanter",
                          held_on=today - dt.timedelta(days=40), place="Jobcentret, mødelokale 2",
                          agenda="Velkomst, erfaringsrunde, løntimer efter praktik.",
                          notes="Fem virksomheder delte erfaringer; ønske om næste møde hos en virksomhed.")
    upcoming = NetworkMeeting(municipality=municipality, title="Virksomhedsnetværk: morgenmøde",
                              held_on=today + dt.timedelta(days=20), place=companies[0].name,
                              agenda="Rundvisning og kaffe.")
    NetworkMeeting.objects.bulk_create([past, upcoming])
    invited = rng.sample(companies, min(8, len(companies)))
    MeetingInvitation.objects.bulk_create(
        [MeetingInvitation(meeting=past, company=c, attendance=Attendance.ATTENDED if rng.random() < 0.5
                           else Attendance.ABSENT) for c in invited]
        + [MeetingInvitation(meeting=upcoming, company=c) for c in invited[:5]])


def _internship(municipality, course, offer, start, days, hours, *, today, outcome=None, paid=False):
    end = start + dt.timedelta(days=days)
    signed = start - dt.timedelta(days=3)
    internship = Internship(
        municipality=municipality, course=course, company=offer.company, offer=offer, function=offer.function,
        start_on=start, planned_end_on=end, hours_per_week=Decimal(hours), kind=offer.kind, paid_hours=paid,
        meeting_on=start - dt.timedelta(days=4),
        # Most start within the promised 14 days of the wish; every fourth takes three weeks.
        wished_on=min(start - dt.timedelta(days=21 if course.pk % 4 == 0 else 9), today))
    if start > today:
        internship.status = InternshipStatus.PLANNED
        internship.meeting_on = None
        if start - today < dt.timedelta(days=5):
            internship.agreement_status, internship.agreement_signed_on = AgreementStatus.SIGNED, min(signed, today)
        return internship
    internship.agreement_status = AgreementStatus.INSURED
    internship.agreement_signed_on = internship.insurance_confirmed_on = signed
    if end < today or outcome:
        internship.status, internship.ended_on = InternshipStatus.ENDED, min(end, today)
        internship.outcome = outcome or Outcome.COMPLETED
    else:
        internship.status = InternshipStatus.ACTIVE
    return internship


def _internships(rng, today, municipality, courses, offers) -> list[Internship]:
    internships = []
    for course in courses:
        if rng.random() > 0.75 or not offers:
            continue
        start = course.started_on + dt.timedelta(days=rng.choice([3, 5, 7, 9, 12, 14, 18, 25, 40]))
        limit = course.ended_on or (today + dt.timedelta(days=20))
        for _round in range(2):
            if start > limit:
                break
            days = rng.randrange(28, 120)
            end = start + dt.timedelta(days=days)
            outcome = None
            if end < today or (course.ended_on and end >= course.ended_on):
                outcome = rng.choice([Outcome.COMPLETED] * 5 + [Outcome.INTERRUPTED] * 2 + [Outcome.PAID_HOURS] * 2
                                     + [Outcome.JOB])
                if course.ended_on:
                    days = max(min(days, (course.ended_on - start).days), 1)
            elif course.status == CourseStatus.PAUSED:
                outcome = Outcome.INTERRUPTED
            internship = _internship(municipality, course, rng.choice(offers), start, days,
                                     rng.choice(["8", "12", "15", "20", "25", "30"]), today=today, outcome=outcome,
                                     paid=rng.random() < 0.15)
            if outcome == Outcome.INTERRUPTED:
                internship.interruption_reason = rng.choice([
                    "Den unge ønskede en anden branche.", "For lange dage i starten; vi finder et nyt sted.",
                    "Virksomheden havde ikke opgaver nok."])
                internship.initiative = rng.choice(["young_person", "company", "mutual"])
            internships.append(internship)
            if internship.status != InternshipStatus.ENDED or internship.outcome in (Outcome.JOB, Outcome.PAID_HOURS):
                break
            start = internship.ended_on + dt.timedelta(days=rng.randrange(3, 30))
    return internships


def _back_to_back(today, municipality, company, offer, courses) -> list[Internship]:
    """Five unpaid interns in the same function, each starting two days after the last one left."""
    start = today - dt.timedelta(days=5 * 58 + 20)
    internships = []
    for course in courses:
        internships.append(_internship(municipality, course, offer, start, 55, "30", today=today,
                                       outcome=Outcome.COMPLETED if start + dt.timedelta(days=55) < today else None))
        start += dt.timedelta(days=58)
    return internships


def _events(internships, actor) -> None:
    events = []
    for internship in internships:
        events.append(InternshipEvent(internship=internship, kind=EventKind.CREATED, actor=actor,
                                      occurred_on=internship.start_on - dt.timedelta(days=10),
                                      summary=f"{internship.company.name}: {internship.function}"))
        if internship.status == InternshipStatus.PLANNED:
            continue
        events.append(InternshipEvent(internship=internship, kind=EventKind.STARTED, actor=actor,
                                      occurred_on=internship.start_on, summary="Startet."))
        if internship.ended_on:
            kind = {Outcome.INTERRUPTED: EventKind.INTERRUPTED, Outcome.COMPLETED: EventKind.ENDED}.get(
                internship.outcome, EventKind.CONVERTED)
            events.append(InternshipEvent(internship=internship, kind=kind, actor=actor,
                                          occurred_on=internship.ended_on,
                                          summary=internship.interruption_reason or str(
                                              Outcome(internship.outcome).label)))
    InternshipEvent.objects.bulk_create(events, batch_size=5000)
