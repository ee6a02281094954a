"""WSGI entry point for production (gunicorn nextwork.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nextwork.settings.production")
application = get_wsgi_application()
