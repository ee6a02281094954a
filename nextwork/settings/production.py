"""Production settings: everything comes from the environment, and nothing starts without its secrets."""

import dj_database_url

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("NEXTWORK_SECRET_KEY")
NEXTWORK_ENCRYPTION_KEYS = env_str("NEXTWORK_ENCRYPTION_KEYS").split(",")
NEXTWORK_LOOKUP_KEY = env_str("NEXTWORK_LOOKUP_KEY")
ALLOWED_HOSTS = env_list("NEXTWORK_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("NEXTWORK_CSRF_TRUSTED_ORIGINS")
# manage.py erase_expired erases courses that ended more than this many years ago (docs/privacy.md); at least 1.
NEXTWORK_RETENTION_YEARS = env_int("NEXTWORK_RETENTION_YEARS", 5, minimum=1)
# The application connects as a role that owns no table (DATABASE_URL); migrations run as the owner, with
# DATABASE_URL set to the owner's URL for that one command (README, "Running in production").
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL"), conn_max_age=60, conn_health_checks=True)}
# Staff confirm each login with an authenticator app (README, "Running in production").
NEXTWORK_REQUIRE_2FA = env_bool("NEXTWORK_REQUIRE_2FA", True)
# Never the demo tools (the page that adds demo data) in production.
NEXTWORK_DEMO_TOOLS = False

SECURE_SSL_REDIRECT = env_bool("NEXTWORK_SSL_REDIRECT", True)
# Load balancers ask gunicorn for /health/ directly, over plain HTTP: answer them rather than redirect.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS for a year, for the host and its subdomains, and eligible for the browsers' preload list.
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True


def client_address(request) -> str | None:
    """The address django-axes counts failed logins for. Behind the one TLS proxy in front of gunicorn
    (README) REMOTE_ADDR is the proxy's own: the client is the last X-Forwarded-For entry, the one the
    proxy appended (earlier entries come from the client and can be forged)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.rsplit(",", 1)[-1].strip() or request.META.get("REMOTE_ADDR")


AXES_CLIENT_IP_CALLABLE = client_address
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# One JSON object per line on standard output, each with the request's id (nextwork/core/logging.py): for the
# log collector of systemd or the container runtime. Records about a request carry its method, path (never the
# query string), status and user id, never form data, so no CPR number or note reaches the logs.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "nextwork.core.logging.RequestIdFilter"}},
    "formatters": {"json": {"()": "nextwork.core.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "json"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    # Django's own loggers only here, not also through Django's default handlers (mail to ADMINS, plain text).
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
