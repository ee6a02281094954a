from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .permissions import can

# (url name, label, action that shows it; None = every signed-in user)
NAVIGATION = (
    ("start", _("Start"), None),
    ("people:list", _("Young people"), "person.view"),
    ("people:intake", _("Register young person"), "person.create"),
    ("people:caseload", _("Caseload"), "caseload.view"),
    ("people:follow_ups", _("Follow-ups"), "person.view"),
    ("companies:list", _("Companies"), "company.view"),
    ("groups:list", _("Network groups"), "group.view"),
    ("people:municipality_stats", _("Key figures"), "stats.municipality"),
    ("people:network_stats", _("Network figures"), "stats.network"),
    ("people:research", _("Research data"), "research.pseudonymised"),
    ("core:audit_log", _("Audit log"), "audit.view"),
    ("api-1.0.0:openapi-view", _("API"), None),
)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = []
    for name, label, action in NAVIGATION:
        if action is None or can(user, action):
            url = reverse(name)
            current = request.path == url if name == "start" else request.path.startswith(url)
            items.append({"url": url, "label": label, "current": current})
    return {"nav_items": items}
