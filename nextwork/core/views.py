from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

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
