from django import template

from .. import outcomes as known

register = template.Library()


@register.filter
def outcome_label(name: str) -> str:
    return known.label(name)


@register.filter
def covariate_label(name: str) -> str:
    return str(known.COVARIATES.get(name, name))


@register.filter
def subgroup_label(name: str) -> str:
    return str(known.SUBGROUPS.get(name, name))
