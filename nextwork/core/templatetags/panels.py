"""`{% render_panel panel %}` renders one composed piece of a page with its own context on top of the
page's (request, user, person...)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context, panel):
    piece = context.template.engine.get_template(panel.template)
    with context.push(panel.context):
        return piece.render(context)

