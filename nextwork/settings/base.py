"""Settings shared by demo, test and production. Secrets and databases are set in those modules."""

import base64
import datetime as dt
import hashlib
from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "nextwork.core",
    "nextwork.people",
    "nextwork.groups",
    "nextwork.companies",
    "nextwork.events",
    "nextwork.trial",
    "nextwork.research",
    "nextwork.devising",
    "nextwork.wellbeing",
    "nextwork.scorecards",
    "nextwork.portal",
    "nextwork.demo",
]

MIDDLEWARE = [
    # First: the request's id is on every log line written while the request runs (nextwork/core/logging.py).
    "nextwork.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor login (TOTP): which device verified the session, then /2fa/ until it is verified.
    "django_otp.middleware.OTPMiddleware",
    "nextwork.core.middleware.TwoFactorMiddleware",
    "nextwork.core.middleware.SessionIdleTimeoutMiddleware",
    "nextwork.core.middleware.LanguageMiddleware",
    "nextwork.core.middleware.RejectNulCharactersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "nextwork.core.middleware.NoStoreForPersonalDataMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "nextwork.core.middleware.AuditChannelMiddleware",
    # Last, as django-axes asks: turns a locked-out login attempt into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nextwork.urls"
WSGI_APPLICATION = "nextwork.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Project-wide overrides of third-party templates (the API docs page declares its language).
        "DIRS": [BASE_DIR / "nextwork" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nextwork.core.context_processors.navigation",
            ],
        },
    },
]

AUTH_USER_MODEL = "core.User"
# django-axes first: it refuses a locked-out username+address before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"
# Staff confirm each login with a code from an authenticator app (TOTP), enrolled at the first login
# (nextwork/core/views_2fa.py). On unless a settings module turns it off (demo and tests do).
NEXTWORK_REQUIRE_2FA = True
OTP_TOTP_ISSUER = "NExTWORK"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "nextwork" / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
# Unambiguous dates in English ("7 December 2026") and the usual Danish style; one style on every page.
FORMAT_MODULE_PATH = ["nextwork.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login throttling (django-axes): after 5 failed attempts for one username from one address, that pair is
# locked for 15 minutes, also for the right password. Username+address rather than either alone: a town
# hall's staff share one public address (locking the address would lock the whole team out), and locking a
# username alone would let anyone lock a colleague out from anywhere. Failures are kept in the database
# (one row per username+address), so each test starts unlocked; a successful login clears the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Sessions end after an hour without a request (SessionIdleTimeoutMiddleware moves the expiry on, at most
# once a minute) and when the browser closes; the cookie is never readable from JavaScript. Production adds
# the Secure flag.
SESSION_COOKIE_AGE = 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"


def _style_hash(css: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"


# htmx 2 adds this one <style> element for its request indicators; allowed by its hash, nothing else inline.
_HTMX_INDICATOR_STYLE = (".htmx-indicator{opacity:0;visibility: hidden} .htmx-request .htmx-indicator, "
                         ".htmx-request.htmx-indicator{opacity:1;visibility: visible;transition: opacity 200ms ease-in}")

# Content-Security-Policy (django-csp 4): scripts, styles, fonts and images only from this site, no inline
# script or style, no plugins, no framing, forms post only here. The API docs page (Swagger UI) runs under the
# same policy: django-ninja starts it from a static file and its settings are a JSON data block, not a script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, _style_hash(_HTMX_INDICATOR_STYLE)],
        "img-src": [SELF, "data:"],  # Swagger UI's icons are data: SVGs; an image cannot run script
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

NINJA_PAGINATION_PER_PAGE = 50

NEXTWORK_RETENTION_YEARS = 5  # manage.py erase_expired erases courses that ended longer ago (docs/privacy.md)

# Background work (README, "Running in production"): Django's task framework (the django-tasks backport) with
# its queue in the database; `manage.py db_worker` runs the tasks. Each job a user starts has a `core.Job`
# with its progress (nextwork/core/jobs.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# /health/ reports the worker "stale" when it has shown no sign of life (a heartbeat task or a running job's
# progress) for this many seconds.
NEXTWORK_WORKER_MAX_SILENCE = 120
# The page /demo-data/ that adds the national demo's municipalities in the background (nextwork/demo/views.py):
# on in the demo settings only; elsewhere the address answers 404.
NEXTWORK_DEMO_TOOLS = False

# Readable lines for the demo and the tests, with the request's id; production writes JSON (production.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "nextwork.core.logging.RequestIdFilter"}},
    "formatters": {"plain": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
