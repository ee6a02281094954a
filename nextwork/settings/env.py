"""Strict reading of settings from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool | None = None) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        if default is None:
            raise ImproperlyConfigured(f"Set {name} to true or false.")
        return default
    if raw not in ("true", "false"):
        raise ImproperlyConfigured(f"{name} must be 'true' or 'false', not {raw!r}.")
    return raw == "true"


def env_str(name: str, default: str | None = None) -> str:
    raw = os.environ.get(name)
    if raw:
        return raw
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        with open(file_path, encoding="utf-8") as secret:
            return secret.read().strip()
    if default is None:
        raise ImproperlyConfigured(f"Set {name} (or {name}_FILE pointing to a file holding it).")
    return default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int | None = None, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        if default is None:
            raise ImproperlyConfigured(f"Set {name} to a whole number.")
        value = default
    else:
        try:
            value = int(raw.strip())
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value
