"""Production settings: everything comes from the environment, and nothing starts without its secrets."""

import dj_database_url

from .base import *  # noqa: F403
from .env import env_bool, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("NEXTWORK_SECRET_KEY")
NEXTWORK_ENCRYPTION_KEYS = env_str("NEXTWORK_ENCRYPTION_KEYS").split(",")
NEXTWORK_LOOKUP_KEY = env_str("NEXTWORK_LOOKUP_KEY")
ALLOWED_HOSTS = env_list("NEXTWORK_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("NEXTWORK_CSRF_TRUSTED_ORIGINS")
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL"), conn_max_age=60, conn_health_checks=True)}

SECURE_SSL_REDIRECT = env_bool("NEXTWORK_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
