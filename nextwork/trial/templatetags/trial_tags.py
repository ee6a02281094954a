from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value, kind: str) -> str:
    """A balance-table figure: a mean with one decimal, a share as a whole percentage."""
    if value is None:
        return "—"
    if kind == "share":
        return f"{number_format(100 * value, 0)} %"
    return number_format(value, 1)
