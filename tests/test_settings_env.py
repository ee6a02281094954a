"""Settings read from the environment: NEXTWORK_RETENTION_YEARS (nextwork/settings/env.py, production.py)."""

import importlib
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from nextwork.settings.env import env_int

PRODUCTION = "nextwork.settings.production"
REQUIRED = {
    "NEXTWORK_SECRET_KEY": "x" * 50,
    "NEXTWORK_ENCRYPTION_KEYS": "q5kS7zF8mJ3cX1vB9nL2pR6tY4wE0uI8oA7sD5fG3hQ=",
    "NEXTWORK_LOOKUP_KEY": "lookup",
    "DATABASE_URL": "postgres://nextwork_app@127.0.0.1:5432/nextwork",
}


def _production_settings(monkeypatch, **environment):
    for name, value in {**REQUIRED, **environment}.items():
        monkeypatch.setenv(name, value)
    sys.modules.pop(PRODUCTION, None)
    try:
        return importlib.import_module(PRODUCTION)
    finally:
        sys.modules.pop(PRODUCTION, None)


def test_env_int_reads_default_and_refuses_bad_values(monkeypatch):
    monkeypatch.delenv("NEXTWORK_TEST_INT", raising=False)
    assert env_int("NEXTWORK_TEST_INT", 5, minimum=1) == 5
    monkeypatch.setenv("NEXTWORK_TEST_INT", " 7 ")
    assert env_int("NEXTWORK_TEST_INT", 5, minimum=1) == 7
    for bad in ("0", "-3", "five", "2.5"):
        monkeypatch.setenv("NEXTWORK_TEST_INT", bad)
        with pytest.raises(ImproperlyConfigured, match="NEXTWORK_TEST_INT"):
            env_int("NEXTWORK_TEST_INT", 5, minimum=1)
    monkeypatch.delenv("NEXTWORK_TEST_INT")
    with pytest.raises(ImproperlyConfigured, match="Set NEXTWORK_TEST_INT"):
        env_int("NEXTWORK_TEST_INT")


def test_production_retention_years_defaults_to_five(monkeypatch):
    monkeypatch.delenv("NEXTWORK_RETENTION_YEARS", raising=False)
    assert _production_settings(monkeypatch).NEXTWORK_RETENTION_YEARS == 5


def test_production_retention_years_from_the_environment(monkeypatch):
    assert _production_settings(monkeypatch, NEXTWORK_RETENTION_YEARS="10").NEXTWORK_RETENTION_YEARS == 10


@pytest.mark.parametrize("years", ["0", "-1", "many"])
def test_production_refuses_a_retention_below_one_year(monkeypatch, years):
    with pytest.raises(ImproperlyConfigured, match="NEXTWORK_RETENTION_YEARS"):
        _production_settings(monkeypatch, NEXTWORK_RETENTION_YEARS=years)


def test_production_logs_json_with_the_request_id(monkeypatch):
    logging_config = _production_settings(monkeypatch).LOGGING
    assert logging_config["formatters"]["json"]["()"] == "nextwork.core.logging.JsonFormatter"
    assert logging_config["handlers"]["console"]["filters"] == ["request_id"]
    assert logging_config["root"]["level"] == "INFO"
