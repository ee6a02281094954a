"""Request ids and the production JSON log lines (nextwork/core/logging.py, RequestIdMiddleware)."""

import json
import logging
import sys

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from nextwork.core.logging import JsonFormatter, RequestIdFilter, request_id_var
from nextwork.core.middleware import RequestIdMiddleware

pytestmark = pytest.mark.django_db


def _record(name="nextwork.test", level=logging.INFO, msg="hello", args=(), exc_info=None, **extra):
    record = logging.LogRecord(name, level, __file__, 1, msg, args, exc_info)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_response_has_a_new_request_id(client):
    response = client.get("/health/")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    assert int(request_id, 16) >= 0
    assert client.get("/health/")["X-Request-ID"] != request_id


def test_a_sane_incoming_request_id_is_echoed(client):
    response = client.get("/health/", headers={"X-Request-ID": "proxy-3f2a9c-0001"})
    assert response["X-Request-ID"] == "proxy-3f2a9c-0001"


@pytest.mark.parametrize(
    "incoming",
    ["a" * 65, "abc def", "id;rm -rf", "id\u00e6", "<script>", "a_b", "x\ny"],
)
def test_an_insane_incoming_request_id_is_replaced(incoming):
    request = RequestFactory().get("/health/", headers={"X-Request-ID": incoming})
    response = RequestIdMiddleware(lambda request: HttpResponse("ok"))(request)
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32
    assert request.request_id == response["X-Request-ID"]


def test_request_id_is_on_records_during_the_request_and_gone_after():
    seen = []

    def view(request):
        seen.append(request_id_var.get())
        return HttpResponse("ok")

    request = RequestFactory().get("/", headers={"X-Request-ID": "abc-123"})
    RequestIdMiddleware(view)(request)
    assert seen == ["abc-123"]
    assert request_id_var.get() == "-"
    record = _record()
    RequestIdFilter().filter(record)
    assert record.request_id == "-"


def test_json_formatter_emits_valid_json_with_request_id():
    token = request_id_var.set("req-42")
    try:
        record = _record(msg="imported %d rows", args=(7,))
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["request_id"] == "req-42"
    assert entry["message"] == "imported 7 rows"
    assert entry["level"] == "INFO"
    assert entry["logger"] == "nextwork.test"
    assert entry["time"].endswith("+00:00")


def test_json_formatter_keeps_a_traceback_in_one_json_line():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = _record(level=logging.ERROR, msg="failed", exc_info=sys.exc_info())
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert "RuntimeError: boom" in json.loads(line)["exception"]


def test_error_log_of_a_500_under_api_has_no_query_string_nor_form_data(django_user_model):
    user = django_user_model(pk=4711, username="anna")
    request = RequestFactory().post(
        "/api/people/?cpr=0101901234&q=secret-search",
        data={"note": "private note text", "cpr": "0101901234"},
        headers={"X-Request-ID": "edge-1"},
    )
    request.user = user
    request.request_id = "edge-1"
    # As django.utils.log.log_response writes it for a 500: the message has the path, the record the request.
    record = _record(
        name="django.request",
        level=logging.ERROR,
        msg="%s: %s",
        args=("Internal Server Error", request.path),
        request=request,
        status_code=500,
    )
    RequestIdFilter().filter(record)  # outside the middleware: the id comes from the request on the record
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["message"] == "Internal Server Error: /api/people/"
    assert entry["method"] == "POST"
    assert entry["path"] == "/api/people/"
    assert entry["user_id"] == 4711
    assert entry["status"] == 500
    assert entry["request_id"] == "edge-1"
    for secret in ("0101901234", "secret-search", "private note text", "cpr=", "?"):
        assert secret not in line


def test_a_real_500_is_logged_with_the_request_id_and_without_the_query_string(rf, caplog, settings):
    from django.core.handlers.base import BaseHandler
    from django.urls import path

    def broken(request):
        raise RuntimeError("broken view")

    class Urls:
        urlpatterns = [path("api/broken/", broken)]

    settings.ROOT_URLCONF = Urls
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    handler = BaseHandler()
    handler.load_middleware()
    request = rf.get("/api/broken/?cpr=0101901234", headers={"X-Request-ID": "trace-9"})
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = handler.get_response(request)
    assert response.status_code == 500
    assert response["X-Request-ID"] == "trace-9"
    records = [record for record in caplog.records if record.name == "django.request"]
    assert records
    line = JsonFormatter().format(records[0])
    entry = json.loads(line)
    assert entry["request_id"] == "trace-9"
    assert entry["path"] == "/api/broken/"
    assert entry["status"] == 500
    assert "RuntimeError: broken view" in entry["exception"]
    assert "0101901234" not in line
