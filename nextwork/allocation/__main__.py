"""Command line: ``python -m nextwork.allocation INSTANCE.json`` writes the result as JSON to stdout."""

from __future__ import annotations

import argparse
import gc
import json
import sys

from . import SolverUnavailable, _solve_valid, check_feasible, parse_instance

_DEPTH_HINT = "an instance is at most four levels deep: the object, a list, an item, its list of ids"


def _keep_freed_memory() -> None:
    """Ask glibc to keep freed memory instead of returning it to the system at once.

    HiGHS allocates and frees large work arrays many times per solve; by default each such block is
    mapped fresh and faulted in page by page, which costs about a second of system time at national
    scale. A no-op where glibc's mallopt is not available.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.mallopt(-1, 1 << 30)  # M_TRIM_THRESHOLD
        libc.mallopt(-3, 1 << 28)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> int:
    # The run builds a few hundred thousand objects and frees almost none, no cycles among them: the
    # cyclic garbage collector would only traverse them again and again (a few tenths of a second).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _main(argv)
    finally:
        if collecting:
            gc.enable()


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nextwork.allocation",
        description="Allocate young people to internship offers (optimal, explained, reproducible).",
    )
    parser.add_argument("instance", help="the instance as a JSON file, or - for standard input")
    parser.add_argument("--indent", type=int, default=None, help="pretty-print the JSON output")
    args = parser.parse_args(argv)
    source = "standard input" if args.instance == "-" else args.instance
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
        print(f"error: {source} is not valid JSON: {e}", file=sys.stderr)
        return 2
    except RecursionError:
        # Valid JSON, but nested deeper than Python's parser goes; an instance needs four levels.
        print(f"error: invalid instance: {source} is nested too deeply ({_DEPTH_HINT})", file=sys.stderr)
        return 1
    except ValueError:
        # The only other ValueError json raises: an integer longer than Python converts (4,300 digits).
        print(
            f"error: invalid instance: {source} holds a number with more than {sys.get_int_max_str_digits()} "
            "digits; capacities and the seed are ordinary integers",
            file=sys.stderr,
        )
        return 1
    try:
        instance = parse_instance(data)
    except RecursionError:
        print(f"error: invalid instance: {source} is nested too deeply ({_DEPTH_HINT})", file=sys.stderr)
        return 1
    except ValueError as e:
        print(f"error: invalid instance: {e}", file=sys.stderr)
        return 1
    _keep_freed_memory()
    try:
        result = _solve_valid(instance)  # parse_instance has validated it
    except SolverUnavailable as e:
        print(f"error: the LP solver is not available: {e}", file=sys.stderr)
        return 1
    check_feasible(instance, result)
    # dumps, not dump: dump streams through the pure-Python encoder, several times slower at scale.
    sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=args.indent) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
