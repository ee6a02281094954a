import re
import time
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from .audit import current_channel
from .logging import request_id_var


class AuditChannelMiddleware:
    """Marks audit rows written during an API request as coming from the API."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_channel.set("api" if request.path.startswith("/api/") else "web")
        try:
            return self.get_response(request)
        finally:
            current_channel.reset(token)


class LanguageMiddleware:
    """Danish unless the user chose English: the choice saved on the user, else the language cookie (set by
    the language button, also before logging in), else Danish. The browser's Accept-Language is ignored on
    purpose: the team's working language is Danish, whatever language the browser was installed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


def chosen_language(request) -> str:
    available = {code for code, _name in settings.LANGUAGES}
    user = getattr(request, "user", None)
    saved = getattr(user, "language", "") if getattr(user, "is_authenticated", False) else ""
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    for candidate in (saved, cookie):
        if candidate in available:
            return candidate
    return settings.LANGUAGE_CODE


class RejectNulCharactersMiddleware:
    """A NUL character in a page's query string (a search, a filter, a page number) is never meant: answer
    400 at once instead of letting it reach the database, which refuses it with an error. Forms refuse it
    next to the field (Django's form fields do), and the API validates its own parameters (422)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/") and _has_nul(request.GET):
            return render(request, "400.html", status=400)
        return self.get_response(request)


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in data.lists())


class NoStoreForPersonalDataMiddleware:
    """Pages and files with personal data never land in a browser's or a proxy's cache: every response to a
    logged-in user, every API response and the young person's own page (/groups/me/) is sent with
    `Cache-Control: no-store`, unless the view chose its own Cache-Control. Static files are served by
    WhiteNoise before this runs and keep their long caching."""

    PATHS = ("/groups/me/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" in response:
            return response
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False) or request.path.startswith(self.PATHS):
            response["Cache-Control"] = "no-store"
        return response


class SessionIdleTimeoutMiddleware:
    """A logged-in session ends SESSION_COOKIE_AGE after its last request. Django's SESSION_SAVE_EVERY_REQUEST
    would do it with a database write on every page; this moves the expiry on at most once a minute, so a
    session ends between SESSION_COOKIE_AGE minus a minute and SESSION_COOKIE_AGE after the last request."""

    REFRESH_SECONDS = 60
    KEY = "_nextwork_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and "_auth_user_id" in session:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= self.REFRESH_SECONDS:
                session[self.KEY] = now  # modified: the session middleware saves it with a new expiry
        return response


class RequestIdMiddleware:
    """First in MIDDLEWARE: gives each request an id for the logs. The proxy's `X-Request-ID` is kept when it
    looks like an id (at most 64 letters, digits and dashes), so the proxy's log and ours share it; anything
    else is replaced by a new one (a uuid4 in hex), as a header is the client's to forge and ends up in the
    logs. The id is on every log record written during the request (nextwork/core/logging.py), on the request
    as `request.request_id`, and sent back in the response's `X-Request-ID` header."""

    HEADER = "X-Request-ID"
    SANE = re.compile(r"[A-Za-z0-9-]{1,64}")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(self.HEADER, "")
        request_id = incoming if self.SANE.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[self.HEADER] = request_id
        return response


class TwoFactorMiddleware:
    """With NEXTWORK_REQUIRE_2FA on, a logged-in user whose session is not yet verified by a code from their
    authenticator app (django-otp's OTPMiddleware, just before this) is sent to /2fa/ from every page: there
    they enrol an app at the first login, and enter a code at every later one. Left alone: logging in and
    out, /2fa/ itself, static files, the health check, the API (its tokens are a login of their own), the
    language button and the young person's own page (no account)."""

    EXEMPT = ("/login/", "/logout/", "/2fa/", "/static/", "/health/", "/api/", "/i18n/", "/groups/me/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.NEXTWORK_REQUIRE_2FA and not request.path.startswith(self.EXEMPT):
            user = getattr(request, "user", None)
            if getattr(user, "is_authenticated", False) and not user.is_verified():
                target = f"{reverse('core:two_factor')}?{urlencode({'next': request.get_full_path()})}"
                if request.headers.get("HX-Request"):
                    return HttpResponse(status=204, headers={"HX-Redirect": target})
                return HttpResponseRedirect(target)
        return self.get_response(request)
