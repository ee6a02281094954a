"""`{% can "action" as name %}` asks the permission matrix from a template, so templates need no
per-view flags: `{% load permissions %}{% can "person.edit" as may_edit %}{% if may_edit %}...`."""

from django import template

from nextwork.core.permissions import can as matrix_can

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action: str) -> bool:
    request = context.get("request")
    return matrix_can(request.user if request is not None else context.get("user"), action)
