"""Reading and checking a register extract (CSV or Parquet, the evaluation engine's formats) without touching
the database: every refused row is named with its row number, and the checked rows come back as arrays ready
to write. Row numbers are the file's own: in a CSV file the header is row 1, so the first person-week is row 2
(as a spreadsheet shows it); in a Parquet file the first row is row 1."""

import io
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from nextwork.core.errors import DomainError

from .. import outcomes as known
from ..models import STATUS_CODES

MAX_WEEK = 1040  # twenty years after randomisation
MAX_WEEKLY_EARNINGS = 1_000_000
MAX_ERRORS = 100  # listed; the message counts them all
PANEL_COLUMNS = ("person_id", "week", "status")
PANEL_OPTIONAL = ("earnings",)
EVENT_COLUMNS = ("person_id", "week", "event")
PARQUET_MAGIC = b"PAR1"


@dataclass(frozen=True)
class RowError:
    row: int  # as the file counts it (CSV: header = 1)
    column: str
    message: str


class ImportRefused(DomainError):
    def __init__(self, errors: list[RowError], total: int):
        rows = len({e.row for e in errors})
        if total > len(errors):
            message = _("The file was not imported: %(total)d errors; the first %(shown)d are listed.") % {
                "total": total, "shown": len(errors)}
        else:
            message = _("The file was not imported: %(count)d errors in %(rows)d rows.") % {
                "count": total, "rows": rows}
        super().__init__(message, field="file")
        self.errors = errors
        self.total = total


@dataclass(frozen=True)
class Checked:
    kind: str
    participant: np.ndarray  # participant pks
    week: np.ndarray
    status: np.ndarray | None = None  # codes into STATUS_CODES (panel)
    earnings: np.ndarray | None = None  # float with NaN where not given (panel)
    event: np.ndarray | None = None  # event codes (events)
    rows: np.ndarray | None = None  # the file's row numbers, to name duplicates found in the database

    def __len__(self) -> int:
        return len(self.week)


def file_format(filename: str, content: bytes) -> str:
    if content[:4] == PARQUET_MAGIC or (filename or "").lower().endswith(".parquet"):
        return "parquet"
    return "csv"


def read_frame(content: bytes, fmt: str) -> pd.DataFrame:
    if not content:
        raise DomainError(_("The file is empty."), field="file")
    try:
        if fmt == "parquet":
            frame = pd.read_parquet(io.BytesIO(content))
            return frame.astype({c: "string" for c in frame.columns if frame[c].dtype == object})
        if b"\x00" in content[:4096]:
            raise DomainError(_("The file is neither CSV text nor Parquet."), field="file")
        first_line = content[:4096].split(b"\n", 1)[0]
        sep = ";" if first_line.count(b";") > first_line.count(b",") else ","
        return pd.read_csv(io.BytesIO(content), sep=sep, dtype=str, keep_default_na=False, na_filter=False,
                           encoding="utf-8-sig", skipinitialspace=True)
    except DomainError:
        raise
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError, ImportError) as error:
        raise DomainError(_("The file cannot be read as %(format)s: %(error)s") % {
            "format": fmt.upper(), "error": str(error)[:200]}, field="file") from error


class _Errors:
    def __init__(self, first_row: int):
        self.first_row = first_row
        self.found: list[tuple[int, str, str]] = []
        self.total = 0

    def add(self, positions: np.ndarray, column: str, message) -> None:
        """`message` is a text or a function of the position giving one."""
        positions = np.asarray(positions)
        self.total += len(positions)
        for pos in positions[:MAX_ERRORS]:
            text = message(int(pos)) if callable(message) else message
            self.found.append((int(pos) + self.first_row, column, text))

    def raise_if_any(self) -> None:
        if self.total:
            shown = sorted(self.found)[:MAX_ERRORS]
            raise ImportRefused([RowError(row, column, text) for row, column, text in shown], self.total)


def _text(frame: pd.DataFrame, column: str) -> np.ndarray:
    """The column as stripped text ("" where empty). Cleaned per distinct value: a panel has millions of rows
    but only thousands of people, a few hundred weeks and five codes."""
    codes, uniques = pd.factorize(frame[column], use_na_sentinel=True)
    cleaned = np.array(["" if pd.isna(value) else str(value).strip() for value in uniques] + [""], dtype=object)
    return cleaned[codes]


def _columns(frame: pd.DataFrame, required: tuple[str, ...], optional: tuple[str, ...], header_row: int) -> None:
    columns = [str(c).strip() for c in frame.columns]
    frame.columns = columns
    missing = [c for c in required if c not in columns]
    unknown = [c for c in columns if c not in required + optional]
    problems = []
    if missing:
        problems.append(RowError(header_row, ", ".join(missing), _("Missing columns: %(columns)s (needed: %(needed)s).")
                                 % {"columns": ", ".join(missing), "needed": ", ".join(required)}))
    if unknown:
        problems.append(RowError(header_row, ", ".join(unknown)[:100], _("Unknown columns: %(columns)s (allowed: %(allowed)s).")
                                 % {"columns": ", ".join(unknown)[:200], "allowed": ", ".join(required + optional)}))
    if len(set(columns)) < len(columns):
        problems.append(RowError(header_row, "", _("A column is named twice.")))
    if problems:
        raise ImportRefused(problems, len(problems))


def _people(ids: np.ndarray, research_ids: Mapping[str, int], errors: _Errors) -> np.ndarray:
    codes, uniques = pd.factorize(ids)  # a few thousand people in millions of rows: look each up once
    pks = np.array([research_ids.get(value, 0) for value in uniques] + [0], dtype=np.int64)
    mapped = pks[codes]
    blank = np.flatnonzero(ids == "")
    errors.add(blank, "person_id", _("The research ID is missing."))
    unknown = np.flatnonzero((mapped == 0) & (ids != ""))
    errors.add(unknown, "person_id", lambda pos: _("Unknown person: no participant of this trial has research ID "
                                                   "%(id)s.") % {"id": str(ids[pos])[:40]})
    return mapped


def _weeks(raw: np.ndarray, errors: _Errors) -> np.ndarray:
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    distinct = pd.to_numeric(pd.Series(np.asarray(uniques, dtype=object)), errors="coerce").to_numpy(dtype=float)
    values = np.append(distinct, np.nan)[codes]
    bad = np.flatnonzero(~np.isfinite(values) | (values != np.floor(values)) | (values < 1) | (values > MAX_WEEK))
    errors.add(bad, "week", lambda pos: _("The week must be a whole number from 1 to %(max)d, not %(value)s.")
               % {"max": MAX_WEEK, "value": str(raw[pos])[:20] or "(empty)"})
    return np.where(np.isfinite(values), values, 0).astype(np.int32)


def _codes(raw: np.ndarray, allowed: tuple[str, ...], column: str, errors: _Errors) -> np.ndarray:
    found, uniques = pd.factorize(raw)
    codes = np.append(pd.Index(list(allowed)).get_indexer(pd.Index(uniques, dtype=object)), -1)[found]
    bad = np.flatnonzero(codes < 0)
    errors.add(bad, column, lambda pos: _("Impossible code %(value)s (allowed: %(allowed)s).")
               % {"value": repr(str(raw[pos])[:30]), "allowed": ", ".join(allowed)})
    return codes.astype(np.int16)


def _duplicates(keys: pd.DataFrame, errors: _Errors, describe: str) -> None:
    repeated = keys.duplicated(keep="first").to_numpy()
    if repeated.any():
        first = keys.reset_index(drop=True).groupby(list(keys.columns), sort=False).ngroup().to_numpy()
        first_pos = pd.Series(np.arange(len(keys))).groupby(first).transform("min").to_numpy()
        errors.add(np.flatnonzero(repeated), "week", lambda pos: describe % {"row": int(first_pos[pos]) + errors.first_row})


def check_panel(frame: pd.DataFrame, research_ids: Mapping[str, int], fmt: str) -> Checked:
    header_row = 1 if fmt == "csv" else 0
    _columns(frame, PANEL_COLUMNS, PANEL_OPTIONAL, header_row)
    errors = _Errors(first_row=2 if fmt == "csv" else 1)
    ids = _text(frame, "person_id")
    participant = _people(ids, research_ids, errors)
    week = _weeks(_text(frame, "week"), errors)
    status = _codes(_text(frame, "status"), STATUS_CODES, "status", errors)
    earnings = None
    if "earnings" in frame.columns:
        raw = _text(frame, "earnings")
        codes, uniques = pd.factorize(raw)
        distinct = pd.to_numeric(pd.Series(np.asarray(uniques, dtype=object)).replace("", None), errors="coerce")
        earnings = np.append(distinct.to_numpy(dtype=float), np.nan)[codes]
        bad = np.flatnonzero(((raw != "") & ~np.isfinite(earnings))
                             | (earnings < 0) | (earnings > MAX_WEEKLY_EARNINGS))
        errors.add(bad, "earnings", lambda pos: _("Earnings must be a number of DKK from 0 to %(max)d, not %(value)s.")
                   % {"max": MAX_WEEKLY_EARNINGS, "value": str(raw[pos])[:20]})
    _duplicates(pd.DataFrame({"p": pd.factorize(ids)[0], "w": week}), errors,
                _("Duplicate week: this person's week is already in row %(row)d."))
    errors.raise_if_any()
    return Checked("panel", participant, week, status=status, earnings=earnings,
                   rows=np.arange(len(week)) + errors.first_row)


def check_events(frame: pd.DataFrame, research_ids: Mapping[str, int], fmt: str) -> Checked:
    header_row = 1 if fmt == "csv" else 0
    _columns(frame, EVENT_COLUMNS, (), header_row)
    errors = _Errors(first_row=2 if fmt == "csv" else 1)
    ids = _text(frame, "person_id")
    participant = _people(ids, research_ids, errors)
    week = _weeks(_text(frame, "week"), errors)
    codes = _codes(_text(frame, "event"), known.EVENT_CODES, "event", errors)
    _duplicates(pd.DataFrame({"p": pd.factorize(ids)[0], "w": week, "e": codes}), errors,
                _("Duplicate event: the same event in the same week is already in row %(row)d."))
    errors.raise_if_any()
    event = np.asarray(known.EVENT_CODES, dtype=object)[codes]
    return Checked("events", participant, week, event=event, rows=np.arange(len(week)) + errors.first_row)


def refuse_existing(checked: Checked, existing: pd.DataFrame) -> None:
    """Rows whose person-week (or person-week-event) is already in the database from an earlier import."""
    if existing.empty:
        return
    keys = pd.DataFrame({"participant": checked.participant, "week": checked.week})
    on = ["participant", "week"]
    if checked.kind == "events":
        keys["event"] = checked.event
        on.append("event")
    clash = keys.reset_index().merge(existing, on=on, how="inner")["index"].sort_values().to_numpy()
    if len(clash):
        errors = _Errors(first_row=0)
        message = (_("Duplicate week: this person's week was imported before.") if checked.kind == "panel"
                   else _("Duplicate event: this event was imported before."))
        errors.add(checked.rows[clash], "week", message)
        errors.raise_if_any()
