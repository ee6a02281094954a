"""Small pieces of the design system used across templates."""

from django import template

register = template.Library()


ALERT_ICONS = {"success": "success", "info": "info", "warning": "warning", "error": "error"}


@register.inclusion_tag("core/_alert_icon.html")
def alert_icon(kind: str) -> dict:
    """The design system's icon at the start of an alert (the colour alone must not carry the meaning)."""
    return {"icon": ALERT_ICONS.get(kind, "info")}
