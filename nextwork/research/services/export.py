"""The pseudonymised research export: research IDs only (no CPR number, no name), as a zip of CSV or Parquet
tables with a codebook. Baseline and allocation from the trial, exposure from the programme (group sessions
attended, weeks in company internships), outcomes from the register imports."""

import datetime as dt
import io
import zipfile

import numpy as np
import pandas as pd
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nextwork.companies.choices import InternshipStatus
from nextwork.companies.models import Internship
from nextwork.groups.choices import ATTENDED
from nextwork.groups.models import Attendance
from nextwork.people.choices import BenefitType
from nextwork.people.models import YoungPerson
from nextwork.trial.choices import Arm, Education, Gender
from nextwork.trial.selectors import participants_for_analysis, with_flags

from .. import outcomes as known
from ..models import STATUS_CODES
from .reports import register_frames

FORMATS = ("csv", "parquet")

PARTICIPANT_COLUMNS = (
    "research_id", "municipality", "stratum", "arm", "allocated_on", "batch", "in_error", "lost_to_follow_up",
    "age", "gender", "benefit_type", "months_on_support", "highest_education",
    "received_intervention", "crossover", "group_sessions_attended", "internship_weeks",
)


def _codes(choices) -> str:
    return "; ".join(f"{value} = {label}" for value, label in choices.choices)


def codebook() -> list[dict]:
    """Every variable of every table: its type, meaning and codes."""
    status_codes = "; ".join(f"{code} = {known.STATUS_LABELS[code]}" for code in STATUS_CODES)
    rows = [
        ("participants", "research_id", "text", "The participant's research pseudonym (the key of every table)", ""),
        ("participants", "municipality", "text", "Municipality that randomised the participant", ""),
        ("participants", "stratum", "text", "Randomisation stratum", ""),
        ("participants", "arm", "text", "Arm allocated (intention to treat)", _codes(Arm)),
        ("participants", "allocated_on", "date", "Date of randomisation (YYYY-MM-DD)", ""),
        ("participants", "batch", "boolean", "Randomised in the launch batch", "true; false"),
        ("participants", "in_error", "boolean", "Randomised in error (kept: intention to treat)", "true; false"),
        ("participants", "lost_to_follow_up", "boolean", "Lost to follow-up", "true; false"),
        ("participants", "age", "integer", "Age at randomisation (years)", ""),
        ("participants", "gender", "text", "Gender", _codes(Gender)),
        ("participants", "benefit_type", "text", "Benefit type at randomisation", _codes(BenefitType)),
        ("participants", "months_on_support", "integer", "Months on public support in the year before (0-12)", ""),
        ("participants", "highest_education", "text", "Highest education", _codes(Education)),
        ("participants", "received_intervention", "boolean",
         "Treatment arm: a NExTWORK course was begun (false for the control arm)", "true; false"),
        ("participants", "crossover", "boolean",
         "Control arm: nevertheless in a NExTWORK activity (false for the treatment arm)", "true; false"),
        ("participants", "group_sessions_attended", "integer",
         "Network-group sessions attended (present or late) up to the export", ""),
        ("participants", "internship_weeks", "decimal",
         "Weeks in company internships begun up to the export (from start to end, or to the export date)", ""),
        ("weeks", "research_id", "text", "Research pseudonym", ""),
        ("weeks", "week", "integer", "Week after randomisation (week 1 is the first)", ""),
        ("weeks", "status", "text", "Register status that week", status_codes),
        ("weeks", "earnings", "integer", "Earnings that week in DKK (empty: not in the extract)", ""),
        ("events", "research_id", "text", "Research pseudonym", ""),
        ("events", "week", "integer", "Week after randomisation of the event", ""),
        ("events", "event", "text", "Register event", "; ".join(known.EVENT_CODES)),
    ]
    return [{"table": t, "variable": v, "type": ty, "description": d, "codes": c} for t, v, ty, d, c in rows]


def _persons(participants: list[dict]) -> dict[int, int]:
    """Participant -> the young person's programme record: set for the treatment arm, found by CPR lookup in
    the same municipality for a control who took part anyway (exposure counts for crossovers too)."""
    found = {p["pk"]: p["person_id"] for p in participants if p["person_id"]}
    missing = [p for p in participants if not p["person_id"]]
    if missing:
        lookups = {(row.municipality_id, row.cpr_lookup): row.pk for row in YoungPerson.objects.filter(
            merged_into=None, cpr_lookup__in={p["cpr_lookup"] for p in missing}).only("pk", "municipality_id",
                                                                                      "cpr_lookup")}
        for p in missing:
            person = lookups.get((p["municipality_id"], p["cpr_lookup"]))
            if person:
                found[p["pk"]] = person
    return found


def _internship_weeks(person_ids: list[int], today: dt.date) -> dict[int, float]:
    weeks: dict[int, float] = {}
    rows = (Internship.objects.filter(course__person_id__in=person_ids, start_on__lte=today)
            .exclude(status=InternshipStatus.PLANNED).values_list("course__person_id", "start_on", "ended_on",
                                                                  "planned_end_on"))
    for person, start, ended, planned in rows:
        end = ended or min(planned, today)
        weeks[person] = weeks.get(person, 0.0) + max(0, (end - start).days + 1) / 7
    return {person: round(value, 1) for person, value in weeks.items()}


def silent(percent: int, message: str) -> None:
    pass


def tables(trial, *, today: dt.date | None = None, progress=silent) -> dict[str, pd.DataFrame]:
    """`progress(percent, message)` hears how far it is (the export job's bar: 0-70 %)."""
    today = today or dt.date.today()
    progress(5, _("Reading the participants"))
    rows = list(with_flags(participants_for_analysis(trial)).values(
        "pk", "research_id", "municipality__name", "stratum", "arm", "allocated_at", "batch", "in_error",
        "lost_to_follow_up", "age", "gender", "benefit_type", "months_on_support", "highest_education",
        "received", "in_activity", "person_id", "municipality_id", "cpr_lookup"))
    persons = _persons(rows)
    progress(15, _("Counting group sessions and internship weeks"))
    sessions = dict(Attendance.objects.filter(membership__person_id__in=set(persons.values()), status__in=ATTENDED)
                    .values("membership__person_id").annotate(n=Count("pk")).values_list("membership__person_id", "n")
                    .order_by())
    internships = _internship_weeks(list(set(persons.values())), today)
    participants = pd.DataFrame([{
        "research_id": r["research_id"], "municipality": r["municipality__name"], "stratum": r["stratum"],
        "arm": r["arm"], "allocated_on": timezone.localtime(r["allocated_at"]).date().isoformat(),
        "batch": r["batch"], "in_error": r["in_error"], "lost_to_follow_up": r["lost_to_follow_up"], "age": r["age"],
        "gender": r["gender"], "benefit_type": r["benefit_type"], "months_on_support": r["months_on_support"],
        "highest_education": r["highest_education"],
        "received_intervention": bool(r["received"]) and r["arm"] == Arm.TREATMENT,
        "crossover": bool(r["in_activity"]) and r["arm"] == Arm.CONTROL,
        "group_sessions_attended": int(sessions.get(persons.get(r["pk"]), 0)),
        "internship_weeks": float(internships.get(persons.get(r["pk"]), 0.0)),
    } for r in rows], columns=list(PARTICIPANT_COLUMNS))
    progress(30, _("Reading the register outcomes"))
    people = pd.DataFrame({"pk": [r["pk"] for r in rows], "person_id": [r["research_id"] for r in rows]})
    weeks, events = register_frames(trial, people)
    weeks = weeks.rename(columns={"person_id": "research_id"}).sort_values(["research_id", "week"])
    weeks["earnings"] = pd.array(np.round(weeks["earnings"].to_numpy(dtype=float)), dtype="Int64")
    events = events.rename(columns={"person_id": "research_id"}).sort_values(["research_id", "week", "event"])
    return {"participants": participants, "weeks": weeks.reset_index(drop=True),
            "events": events.reset_index(drop=True)}


def export_zip(frames: dict[str, pd.DataFrame], fmt: str, progress=silent) -> bytes:
    """The tables and the codebook in one zip; `progress` hears of each table (the job's bar: 70-95 %)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, (name, frame) in enumerate(frames.items()):
            progress(70 + 25 * index // len(frames), _("Writing the table %(name)s (%(rows)s rows)")
                     % {"name": name, "rows": len(frame)})
            if fmt == "parquet":
                data = io.BytesIO()
                frame.to_parquet(data, index=False)
                archive.writestr(f"{name}.parquet", data.getvalue())
            else:
                archive.writestr(f"{name}.csv", frame.to_csv(index=False, lineterminator="\n"))
        with translation.override("en"):  # data files: codes and English, as the other research exports
            book = pd.DataFrame(codebook())
        archive.writestr("codebook.csv", book.to_csv(index=False, lineterminator="\n"))
    return buffer.getvalue()
