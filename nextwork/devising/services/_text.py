"""Cleaning the free texts of the devising log: trimmed, bounded, no NUL characters."""

from nextwork.core.errors import DomainError

from ..choices import Principle


def clean_text(value, *, field: str, max_length: int, message: str, required: bool = True) -> str:
    value = (value or "").strip()
    if "\x00" in value or len(value) > max_length or (required and not value):
        raise DomainError(message, field=field)
    return value


def clean_principles(principles, *, message: str, required: bool = True) -> list[str]:
    chosen = list(dict.fromkeys(principles or ()))
    if any(key not in Principle.values for key in chosen) or (required and not chosen):
        raise DomainError(message, field="principles")
    return [key for key in Principle.values if key in chosen]  # in the principles' own order
