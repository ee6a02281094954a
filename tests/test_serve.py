"""`make serve` (scripts/serve.sh): production settings, gunicorn and the background worker, stopped by Ctrl-C."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
pytestmark = [pytest.mark.skipif(connection.vendor != "postgresql", reason="production runs on PostgreSQL"),
              pytest.mark.django_db(transaction=True)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_env(**overrides) -> dict:
    db = connection.settings_dict
    env = {key: value for key, value in os.environ.items() if not key.startswith(("NEXTWORK_", "DJANGO_"))}
    env.update({
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
                        f"{db['PORT'] or 5432}/{db['NAME']}",
        "NEXTWORK_SECRET_KEY": "smoke-test-" + "x" * 50, "NEXTWORK_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "NEXTWORK_LOOKUP_KEY": "smoke-test-lookup", "NEXTWORK_ALLOWED_HOSTS": "127.0.0.1",
        "NEXTWORK_CSRF_TRUSTED_ORIGINS": "https://127.0.0.1", "PORT": str(free_port()), "WEB_WORKERS": "2",
        "RUN_DIR": str(ROOT / "var" / "run" / "smoke"),
    })
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def test_it_refuses_to_start_without_a_secret_and_names_it():
    result = subprocess.run(["scripts/serve.sh"], cwd=ROOT, env=serve_env(NEXTWORK_ENCRYPTION_KEYS=None),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "NEXTWORK_ENCRYPTION_KEYS" in result.stderr and "Traceback" not in result.stderr


def test_it_serves_health_with_a_live_worker_and_stops_both_on_ctrl_c():
    env = serve_env()
    serve = subprocess.Popen(["scripts/serve.sh"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, start_new_session=True)
    body, deadline = None, time.monotonic() + 90
    try:
        while time.monotonic() < deadline and serve.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{env['PORT']}/health/", timeout=5) as response:
                    body = json.loads(response.read())
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):  # not listening yet, 503 until the first beat, or busy
                time.sleep(0.5)
    finally:
        serve.send_signal(signal.SIGINT)  # Ctrl-C
        output = serve.communicate(timeout=40)[0].decode()
    assert body is not None and body["database"] == "ok" and body["worker"] == "ok", output
    assert serve.returncode == 0, output
    assert "Shutting down: Master" in output and "shutting down gracefully" in output
