"""Command line: ``python -m nextwork.fidelity MONTH.json`` (or ``-``) prints every indicator as JSON."""

from __future__ import annotations

import argparse
import json
import sys

from . import compute, parse_inputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nextwork.fidelity",
        description="Compute the fidelity indicators for one municipality and one month.",
    )
    parser.add_argument("input", help="the month's records as a JSON file, or - for standard input")
    parser.add_argument("--indent", type=int, default=None, help="pretty-print the JSON output")
    args = parser.parse_args(argv)
    try:
        if args.input == "-":
            data = json.load(sys.stdin)
        else:
            with open(args.input, encoding="utf-8") as f:
                data = json.load(f)
    except OSError as e:
        return _refuse(f"cannot read {args.input}: {e.strerror}")
    except ValueError as e:
        return _refuse(f"{args.input} is not valid JSON: {e}")
    except RecursionError:
        return _refuse(f"{args.input} is nested too deeply")
    try:
        inputs = parse_inputs(data)
    except ValueError as e:
        return _refuse(f"invalid input: {e}")
    out = {
        "start": inputs.start.isoformat(),
        "end": inputs.end.isoformat(),
        "indicators": [r.to_json() for r in compute(inputs)],
    }
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=args.indent) + "\n")
    return 0


def _refuse(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
