"""Pieces of the pages that combine apps (the young person's page, the start page, the young person's own
page). Each app declares its pieces in its `panels.py`; the composition layer (`nextwork.portal`) lists them
explicitly and renders the ones the user's roles allow."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    """A section of a staff page: `context(request, subject)` builds what `template` needs; the panel is
    shown only when the permission matrix grants `permission`. `column` is "main" or "aside"."""

    template: str
    context: Callable[..., dict]
    permission: str
    column: str = "main"


@dataclass(frozen=True)
class SelfSection:
    """A section of the young person's own page (behind the personal link, no account).

    `context(link, today=..., state=...)` builds the section; `state` is what the section's own post
    handler returned for a form with errors (else an empty dict). `handle(request, link, today=...)` takes
    the posts whose `action` is in `actions` and returns a redirect on success or a state dict."""

    template: str
    context: Callable[..., dict]
    actions: tuple[str, ...] = ()
    handle: Callable[..., object] | None = None


@dataclass(frozen=True)
class Rendered:
    template: str
    context: dict
