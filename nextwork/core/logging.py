"""Logging for operations: every record carries the id of the request it was written in (RequestIdMiddleware
sets it and sends it back as `X-Request-ID`, so a user's error report or the proxy's log leads to the lines),
and production writes one JSON object per line (settings/production.py).

Standard library only: this module is loaded while the settings configure logging, before the apps are ready.

What a record about a request may carry is fixed here: method, path (never the query string), status and the
user's id. Never the query string, the form data or the request's headers: they can hold CPR numbers, notes
and session cookies.
"""

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

NO_REQUEST = "-"
request_id_var: ContextVar[str] = ContextVar("nextwork_request_id", default=NO_REQUEST)


def _request_id_of(record: logging.LogRecord) -> str:
    request_id = request_id_var.get()
    if request_id == NO_REQUEST:
        # Django logs a 4xx/5xx response that a view returned after the middleware has finished (and reset the
        # context variable): the request object on the record still carries its id.
        request_id = getattr(getattr(record, "request", None), "request_id", NO_REQUEST)
    return request_id


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request: the worker, management commands)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id_of(record)
        return True


def request_fields(request) -> dict:
    """The parts of a request a log line may carry: method, path without the query string, the user's id."""
    user = getattr(request, "user", None)
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    return {"method": request.method, "path": request.path, "user_id": user_id}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request_id and, for records about a
    request (django.request, django.security), its method, path, user id and status."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or _request_id_of(record),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method") and hasattr(request, "path"):
            entry.update(request_fields(request))
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
