"""python -m nextwork.evaluation analyse --people PEOPLE.csv --weeks WEEKS.csv --spec SPEC.json [--events EVENTS.csv]"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd

from . import EvaluationInputError, Spec, analyse

_TEXT = {"person_id": str, "arm": str, "stratum": str, "status": str, "event": str}


def _read(path: str, fmt: str, name: str) -> pd.DataFrame:
    if fmt == "parquet":
        frame = pd.read_parquet(path)
    else:
        header = pd.read_csv(path, nrows=0).columns
        frame = pd.read_csv(path, dtype={c: t for c, t in _TEXT.items() if c in header}, keep_default_na=True)
    if "person_id" in frame.columns:
        frame["person_id"] = frame["person_id"].astype(str)
    return frame


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m nextwork.evaluation", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser("analyse", help="intention-to-treat estimates as JSON on standard output")
    cmd.add_argument("--people", required=True, help="person_id,arm,stratum[,covariates,earnings_yearN...]")
    cmd.add_argument("--weeks", required=True, help="person_id,week,status")
    cmd.add_argument(
        "--spec", required=True, help="JSON: horizon_weeks, outcomes, covariates, ri_draws, seed"
    )
    cmd.add_argument(
        "--events", help="register events person_id,week,event (charge, conviction) for charged, convicted"
    )
    cmd.add_argument("--format", choices=("csv", "parquet"), default="csv", help="format of PEOPLE and WEEKS")
    cmd.add_argument(
        "--subgroup",
        action="append",
        default=[],
        metavar="COLUMN",
        help="also estimate within each value of this PEOPLE column (repeatable)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        try:
            data = json.loads(Path(args.spec).read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise EvaluationInputError(f"SPEC is not valid JSON: {exc}") from exc
        spec = Spec.from_json(data)
        if args.subgroup:
            spec = replace(spec, subgroups=tuple(dict.fromkeys(spec.subgroups + tuple(args.subgroup))))
        people = _read(args.people, args.format, "PEOPLE")
        weeks = _read(args.weeks, args.format, "WEEKS")
        events = _read(args.events, args.format, "EVENTS") if args.events else None
        result = analyse(people, weeks, spec, events)
    except EvaluationInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"error: cannot read the input: {exc}", file=sys.stderr)
        return 1
    json.dump(result.to_dict(), sys.stdout, indent=2, allow_nan=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
