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
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Transactional tests empty the database with TRUNCATE, which the audit log otherwise refuses
    # (migration core 0006); the test of that trigger turns this off for its own transaction.
    DATABASES["default"]["OPTIONS"] = {"options": "-c nextwork.allow_audit_truncate=on"}
# Off for the suite as a whole; nextwork/core/tests/test_2fa.py turns it on.
NEXTWORK_REQUIRE_2FA = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


class AxesBackendForTestClient:
    """django-axes refuses `authenticate()` without a request, and the test client's `client.login()` calls it
    without one. Such a login skips the lockout check (there is no address to count); every login through the
    login form, as in the browser tests and the lockout tests, goes through django-axes as in production."""

    def authenticate(self, request, **credentials):
        if request is None:
            return None
        from axes.backends import AxesStandaloneBackend

        return AxesStandaloneBackend().authenticate(request, **credentials)


AUTHENTICATION_BACKENDS = [
    "nextwork.settings.test.AxesBackendForTestClient",
    "django.contrib.auth.backends.ModelBackend",
]
# The wrapper above runs django-axes' backend but cannot subclass it here (importing axes needs settings).
SILENCED_SYSTEM_CHECKS = ["axes.W003"]

# Background jobs use the database queue as in production (TASKS in base.py): the tests run the queued tasks
# with the worker's own code (nextwork/core/tests/test_jobs.py starts `manage.py db_worker` on PostgreSQL).
