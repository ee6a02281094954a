"""The headers and export links of sortable, exportable lists (see nextwork.core.tables)."""

from django import template

register = template.Library()


@register.inclusion_tag("core/_sortable_th.html")
def sortable_headers(table) -> dict:
    """Every column's `<th>`: a link that sorts by it (again: the other way), `aria-sort` and an arrow on
    the sorted one."""
    return {"headers": table.headers}


@register.inclusion_tag("core/_export_links.html")
def export_links(table) -> dict:
    return {"table": table}
