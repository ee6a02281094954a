"""Settings for the test suite: PostgreSQL when DATABASE_URL is set (CI), SQLite otherwise; fixed test keys."""

import dj_database_url

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = False
ALLOWED_HOSTS = ["*"]
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"  # noqa: S105
NEXTWORK_ENCRYPTION_KEYS = ["q5kS7zF8mJ3cX1vB9nL2pR6tY4wE0uI8oA7sD5fG3hQ="]
NEXTWORK_LOOKUP_KEY = "test-only-lookup-key"  # noqa: S105
DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{VAR_DIR / 'test.sqlite3'}")}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
