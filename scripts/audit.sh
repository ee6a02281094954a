#!/usr/bin/env bash
# `make audit`: checks the locked requirements (requirements.txt) for known vulnerabilities with pip-audit,
# against PyPI's vulnerability data (README, "Running in production"). It needs the internet: when PyPI cannot
# be reached it says so and fails, so that an audit that could not run is never taken for a passed one.
set -uo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
PIP_AUDIT=${PIP_AUDIT:-.venv/bin/pip-audit}
REQUIREMENTS=requirements.txt

[[ -x $PIP_AUDIT ]] || { echo "audit: $PIP_AUDIT is missing; run make install." >&2; exit 2; }

# A quick look first, with a short timeout, so that a machine without the internet gets a plain answer
# instead of a long wait and a traceback. It asks for what pip-audit asks for: the vulnerabilities PyPI lists
# for one locked version (Django's), which some mirrors and proxies do not serve even where PyPI's index is.
if ! check=$("$PY" - "$REQUIREMENTS" <<'PYTHON' 2>&1
import json
import re
import sys
import urllib.request

version = re.search(r"^django==(\S+)", open(sys.argv[1], encoding="utf-8").read(), re.I | re.M).group(1)
url = f"https://pypi.org/pypi/django/{version}/json"
try:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (a fixed https URL)
        ok = "vulnerabilities" in json.load(response)
except Exception as error:  # noqa: BLE001
    sys.exit(f"{url}: {error}")
sys.exit(0 if ok else f"{url}: no vulnerability data in the answer")
PYTHON
); then
    echo "Dependency audit NOT done: the vulnerability database cannot be reached from this machine" >&2
    echo "($check). Run make audit on a machine with internet access, e.g. in CI." >&2
    exit 3
fi

# --no-deps --disable-pip: requirements.txt is fully locked, so pip-audit checks exactly those versions
# without resolving them again; --strict: a package that could not be checked fails the audit.
"$PIP_AUDIT" --requirement "$REQUIREMENTS" --no-deps --disable-pip --strict --vulnerability-service pypi \
    --progress-spinner off --desc on
status=$?
if [[ $status -eq 0 ]]; then
    echo "Dependency audit done: no known vulnerabilities in $REQUIREMENTS."
else
    echo "Dependency audit FAILED (exit $status): known vulnerabilities are listed above, or pip-audit" \
         "could not finish (see its message). Upgrade the package in requirements.in and re-lock." >&2
fi
exit $status
