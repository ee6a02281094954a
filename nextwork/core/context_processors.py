from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .permissions import can

# (url name, label, action that shows it; None = every signed-in user)
NAVIGATION = (
    ("start", _("Start"), None),
    ("people:list", _("Young people"), "person.view"),
    ("people:intake", _("Register young person"), "person.create"),
    ("people:caseload", _("Caseload"), "caseload.view"),
    ("people:follow_ups", _("Follow-ups"), "follow_up.view"),
    ("companies:list", _("Companies"), "company.view"),
    ("groups:list", _("Network groups"), "group.view"),
    ("events:list", _("Match events"), "event.view"),
    ("devising:log", _("Devising"), "devising.view"),
    ("devising:library", _("Shared library"), "devising.library"),
    ("people:municipality_stats", _("Key figures"), "stats.municipality"),
    ("people:network_stats", _("Network figures"), "stats.network"),
    ("people:research", _("Research data"), "research.pseudonymised"),
    ("trial:list", _("Randomised trial"), "trial.view"),
    ("research:home", _("Trial evaluation"), "research.view"),
    ("core:audit_log", _("Audit log"), "audit.view"),
    ("scorecards:scorecard", _("Fidelity"), "fidelity.scorecard"),
    ("scorecards:comparison", _("Fidelity comparison"), "fidelity.compare"),
    ("scorecards:dashboard", _("Leader's dashboard"), "fidelity.dashboard"),
)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = [
        {"url": reverse(name), "label": label, "current": False}
        for name, label, action in NAVIGATION
        if action is None or can(user, action)
    ]
    # The longest matching URL is the current page, so /young-people/new/ is not also "Young people".
    matches = [item for item in items if request.path.startswith(item["url"]) and item["url"] != "/"]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["current"] = True
    elif request.path == "/" and items:
        items[0]["current"] = True
    return {"nav_items": items}
