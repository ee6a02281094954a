from django import template

from nextwork.scorecards import present

register = template.Library()


@register.filter
def indicator_value(result):
    return present.value_text(result.value, result.indicator.unit)


@register.filter
def unit_value(value, unit):
    return present.value_text(value, unit)


@register.filter
def light_label(light):
    return present.light_label(light)


@register.filter
def target_text(result):
    ind = result.indicator
    text = present.value_text(result.target, ind.unit)
    return f"≥ {text}" if ind.direction == "higher" else f"≤ {text}"


@register.inclusion_tag("scorecards/_sparkline.html")
def sparkline(row, label):
    values = [r.value for _m, r in row.trend]
    return {"chart": present.sparkline(values), "label": label}
