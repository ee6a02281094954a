"""Command line for auditors: ``sequence`` prints a stratum's allocations, ``verify`` checks a log.

    python -m nextwork.randomisation sequence --settings SETTINGS.json --secret-file SECRET --stratum NAME --count N
    python -m nextwork.randomisation verify --log LOG.csv --secret-file SECRET --settings SETTINGS.json

Exit 0 on success; exit 1 with a message on standard error for every refusal (a secret that does not match
the published SHA-256, a malformed file, a log row whose arm is not the derived one).
"""

from __future__ import annotations

import argparse
import json
import sys

from . import RandomisationInputError, load_settings, read_log_csv, sequence, verify
from .model import MAX_POSITION
from .validate import check_secret


class _Refusal(Exception):
    pass


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise _Refusal(f"cannot read {path}: {e.strerror}") from None


def _read_settings(path: str):
    raw = _read_bytes(path)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError) as e:
        raise _Refusal(f"{path} is not valid JSON: {e}") from None
    try:
        return load_settings(data)
    except RandomisationInputError as e:
        raise _Refusal(f"{path}: {e}") from None


def _sequence(args) -> int:
    settings = _read_settings(args.settings)
    secret = _read_bytes(args.secret_file)
    check_secret(settings, secret)
    for arm in sequence(settings, secret, args.stratum, args.count):
        sys.stdout.write(arm + "\n")
    return 0


def _verify(args) -> int:
    settings = _read_settings(args.settings)
    secret = _read_bytes(args.secret_file)
    check_secret(settings, secret)
    try:
        text = _read_bytes(args.log).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Refusal(f"{args.log} is not UTF-8 text") from None
    try:
        rows = read_log_csv(text, settings)
    except RandomisationInputError as e:
        raise _Refusal(f"{args.log}: {e}") from None
    if not rows:
        raise _Refusal(f"{args.log}: the log has a header but no allocations: there is nothing to verify")
    result = verify(settings, secret, rows)
    if not result.ok:
        raise _Refusal(f"{args.log}: {result.summary}")
    print(f"OK: the secret matches secret_sha256 and {result.summary}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nextwork.randomisation",
        description="Re-derive and check the trial's allocations from the revealed secret.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    seq = sub.add_parser("sequence", help="print the first N allocations of a stratum, one arm a line")
    seq.add_argument("--settings", required=True, help="SETTINGS.json as locked at go-live")
    seq.add_argument("--secret-file", required=True, help="the revealed secret (its bytes are the secret)")
    seq.add_argument("--stratum", required=True, help="the stratum's name exactly as in the log")
    seq.add_argument("--count", required=True, type=int, help=f"how many (1 to {MAX_POSITION:,})")
    ver = sub.add_parser("verify", help="check every row of an allocation log against the derivation")
    ver.add_argument("--log", required=True, help="LOG.csv with at least stratum, position, arm")
    ver.add_argument("--secret-file", required=True, help="the revealed secret")
    ver.add_argument("--settings", required=True, help="SETTINGS.json as locked at go-live")
    args = parser.parse_args(argv)
    try:
        return _sequence(args) if args.command == "sequence" else _verify(args)
    except _Refusal as e:
        return _refuse(str(e))
    except RandomisationInputError as e:
        return _refuse(str(e))


def _refuse(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
