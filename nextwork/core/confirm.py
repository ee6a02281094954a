"""A confirm step for destructive actions that works without JavaScript: the first post shows what will
happen and re-posts the same fields with confirm=yes; only that second post acts."""

from django.shortcuts import render

CONFIRM_FIELD = "confirm"


def confirmed(request) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "yes"


def confirmation_page(request, *, title: str, lines: list[str], button: str, cancel_url: str,
                      danger: bool = True):
    fields = [(name, value) for name, values in request.POST.lists()
              if name not in ("csrfmiddlewaretoken", CONFIRM_FIELD) for value in values]
    return render(request, "core/confirm.html", {
        "title": title, "lines": lines, "button": button, "cancel_url": cancel_url, "fields": fields,
        "danger": danger,
    })
