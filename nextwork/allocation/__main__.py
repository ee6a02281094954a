"""Command line: ``python -m nextwork.allocation INSTANCE.json`` writes the result as JSON to stdout."""

from __future__ import annotations

import argparse
import json
import sys

from . import check_feasible, parse_instance, solve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nextwork.allocation",
        description="Allocate young people to internship offers (optimal, explained, reproducible).",
    )
    parser.add_argument("instance", help="the instance as a JSON file, or - for standard input")
    parser.add_argument("--indent", type=int, default=None, help="pretty-print the JSON output")
    args = parser.parse_args(argv)
    try:
        if args.instance == "-":
            data = json.load(sys.stdin)
        else:
            with open(args.instance, encoding="utf-8") as f:
                data = json.load(f)
    except OSError as e:
        print(f"error: cannot read {args.instance}: {e.strerror}", file=sys.stderr)
        return 2
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        print(f"error: {args.instance} is not valid JSON: {e}", file=sys.stderr)
        return 2
    try:
        instance = parse_instance(data)
    except ValueError as e:
        print(f"error: invalid instance: {e}", file=sys.stderr)
        return 1
    result = solve(instance)
    check_feasible(instance, result)
    json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=args.indent)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
