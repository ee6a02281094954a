from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .audit import CHANNEL_LABELS, OBJECT_TYPE_LABELS
from .decorators import permission_required
from .selectors import audit_events


@login_required
@permission_required("audit.view")
def audit_log(request):
    page = Paginator(audit_events(municipality_id=request.user.municipality_id), 50).get_page(request.GET.get("page"))
    for event in page:
        event.object_label = OBJECT_TYPE_LABELS.get(event.object_type, event.object_type)
        event.channel_label = CHANNEL_LABELS.get(event.channel, event.channel)
    return render(request, "core/audit_log.html", {"page": page})


@require_POST
def set_language(request):
    """The language button: remembered on the user (and in a cookie for the login page)."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600,
                            samesite="Lax", secure=request.is_secure())
        if request.user.is_authenticated and request.user.language != language:
            request.user.language = language
            request.user.save(update_fields=["language"])
    return response
