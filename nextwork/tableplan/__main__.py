"""Command line: ``python -m nextwork.tableplan PLAN.json`` (or ``-``) writes the plan as JSON to stdout."""

from __future__ import annotations

import argparse
import json
import sys

from . import _solve_valid, check_plan, parse_instance


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nextwork.tableplan",
        description="Plan the tables of a match event: who meets which company in which round.",
    )
    parser.add_argument("plan", help="the event as a JSON file, or - for standard input")
    parser.add_argument("--indent", type=int, default=None, help="pretty-print the JSON output")
    args = parser.parse_args(argv)
    try:
        if args.plan == "-":
            data = json.load(sys.stdin)
        else:
            with open(args.plan, encoding="utf-8") as f:
                data = json.load(f)
    except OSError as e:
        return _refuse(f"cannot read {args.plan}: {e.strerror}")
    except ValueError as e:  # JSONDecodeError, UnicodeDecodeError, an integer of over 4,300 digits
        return _refuse(f"{args.plan} is not valid JSON: {e}")
    except RecursionError:
        return _refuse(f"{args.plan} is nested too deeply")
    try:
        instance = parse_instance(data)
    except ValueError as e:
        return _refuse(f"invalid plan: {e}")
    plan = _solve_valid(instance)
    check_plan(instance, plan)  # a broken plan is a bug: better a traceback than a wrong plan
    sys.stdout.write(json.dumps(plan.to_json(), ensure_ascii=False, indent=args.indent) + "\n")
    return 0


def _refuse(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
