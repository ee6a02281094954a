"""A trial with participants in two municipalities, and register files in the engine's formats, for the tests."""

import datetime as dt
import io

import numpy as np
import pandas as pd
from django.utils import timezone

from nextwork.core.crypto import lookup_hash
from nextwork.trial.models import Participant, Trial, TrialSite

STATUSES = ("public_support", "internship", "employment", "education", "other")


def make_trial(*, municipalities, entered_by, per_municipality: int = 20, name: str = "NExTWORK trial 2") -> Trial:
    """Two strata per municipality (age bands), exactly half of each stratum treated."""
    trial = Trial.objects.create(name=name, registry_record="ISRCTN00000000", status="live")
    serial = 0
    for municipality in municipalities:
        TrialSite.objects.create(trial=trial, municipality=municipality, joined_on=dt.date.today() - dt.timedelta(days=900))
        for index in range(per_municipality):
            serial += 1
            band = "18-24" if index % 2 else "25-29"
            cpr = f"0101{95 + serial % 5:02d}{1000 + serial:04d}"
            Participant.objects.create(
                trial=trial, municipality=municipality, first_name=f"Navn{serial}", last_name="Efternavnsen",
                cpr=cpr, cpr_lookup=lookup_hash(cpr), birth_date=dt.date(1999, 1, 1), age=20 + index % 9,
                gender="female" if index % 3 else "male", benefit_type="cash_benefit",
                months_on_support=index % 12, highest_education="primary",
                stratum=f"{municipality.slug}|{band}", position=index // 2 + 1,
                arm="treatment" if (index // 2) % 2 else "control",
                allocated_at=timezone.now() - dt.timedelta(days=800 - serial), entered_by=entered_by)
    return trial


def panel_frame(trial, *, weeks: int = 20, effect: float = 0.3, seed: int = 1) -> pd.DataFrame:
    """A weekly panel: treated people are more often employed."""
    rng = np.random.default_rng(seed)
    rows = []
    for research_id, arm in Participant.objects.filter(trial=trial, is_test=False).values_list("research_id", "arm"):
        p_employed = 0.3 + (effect if arm == "treatment" else 0)
        for week in range(1, weeks + 1):
            status = "employment" if rng.random() < p_employed * week / weeks else "public_support"
            rows.append((research_id, week, status, int(rng.integers(0, 4000)) if status == "employment" else 0))
    return pd.DataFrame(rows, columns=["person_id", "week", "status", "earnings"])


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode()


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()
