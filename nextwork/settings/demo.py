"""Settings for `make demo` and local development: SQLite by default, generated secrets kept in var/."""

import json
import secrets

import dj_database_url
from cryptography.fernet import Fernet

from .base import *  # noqa: F403
from .base import VAR_DIR
from .env import env_str

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
# The demo's personas log in with their password alone.
NEXTWORK_REQUIRE_2FA = False
# /demo-data/: an administrator adds the national demo's municipalities in the background.
NEXTWORK_DEMO_TOOLS = True


def _demo_secrets() -> dict[str, str]:
    """Generates the demo's secrets once and keeps them, so restarts can still decrypt the demo data."""
    path = VAR_DIR / "demo-secrets.json"
    if path.exists():
        return json.loads(path.read_text())
    VAR_DIR.mkdir(exist_ok=True)
    values = {
        "secret_key": secrets.token_urlsafe(50),
        "encryption_key": Fernet.generate_key().decode(),
        "lookup_key": secrets.token_urlsafe(32),
    }
    path.write_text(json.dumps(values))
    path.chmod(0o600)
    return values


_secrets = _demo_secrets()
SECRET_KEY = env_str("NEXTWORK_SECRET_KEY", _secrets["secret_key"])
NEXTWORK_ENCRYPTION_KEYS = env_str("NEXTWORK_ENCRYPTION_KEYS", _secrets["encryption_key"]).split(",")
NEXTWORK_LOOKUP_KEY = env_str("NEXTWORK_LOOKUP_KEY", _secrets["lookup_key"])

DATABASES = {
    "default": dj_database_url.config(default=f"sqlite:///{VAR_DIR / 'demo.sqlite3'}", conn_max_age=60)
}
