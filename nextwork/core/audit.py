"""Writing the append-only audit log. Called from the access functions and services, never from views."""

from contextvars import ContextVar

from django.utils.translation import gettext_lazy as _

from .models import AuditEvent

OBJECT_TYPE_LABELS = {
    "young_person": _("Young person"),
    "course": _("Course"),
    "follow_up": _("Follow-up"),
    "psychologist_note": _("Psychologist's note"),
    "conversation": _("Conversation or note"),
    "caseload": _("Caseload"),
    "match_event": _("Match event"),
    "allocation_run": _("Allocation run"),
    "audit_event": _("Audit log"),
    "api_token": _("API token"),
    "pseudonymised_courses": _("Pseudonymised courses"),
    "company": _("Company"),
    "company_contact": _("Company contact"),
    "offer": _("Internship offer"),
    "internship": _("Internship"),
    "internship_agreement": _("Internship agreement"),
    "network_group": _("Network group"),
    "group_session": _("Group session"),
    "network_meeting": _("Company network meeting"),
    "personal_link": _("Personal link"),
    "municipality": _("Municipality"),
    "user": _("User"),
    "job": _("Background work"),
    "audit_log": _("Audit log"),
    "import_offers": _("Import of offers"),
    "session_observation": _("What the facilitators saw"),
    "group_agreement": _("Group agreement"),
    "trial": _("Randomised trial"),
    "trial_participant": _("Trial participant"),
    "trial_batch": _("Batch randomisation"),
    "trial_figures": _("Trial figures"),
    "trial_log": _("Allocation log"),
    "trial_pseudonymised": _("Pseudonymised trial data"),
    "trial_screening": _("Trial screening"),
    "trial_secret": _("Trial secret"),
    "handover_meeting": _("Hand-over meeting"),
    "analysis_plan": _("Pre-analysis plan"),
    "register_import": _("Register import"),
    "trial_report": _("Trial report"),
    "research_export": _("Research export"),
    "experiment": _("Devising experiment"),
    "devising_proposal": _("Proposal"),
    "devising_meeting": _("Devising meeting"),
    "shared_practice": _("Shared practice"),
    "representative_link": _("Representative's link"),
    "scorecard": _("Fidelity scorecard"),
    "fidelity_review": _("Fidelity review"),
    "wellbeing_checkin": _("Wellbeing check-in"),
    "wellbeing_goal": _("Goal"),
    "wellbeing_trend": _("Wellbeing figures"),
    "concern_flag": _("Concern"),
    "concern_procedure": _("Concern procedure"),
    "demo_data": _("Demo data"),
}
CHANNEL_LABELS = {"web": _("Web"), "api": _("API")}

# Set per request by AuditChannelMiddleware: "web" or "api".
current_channel: ContextVar[str] = ContextVar("audit_channel", default="web")


def record(
    *, actor, action: str, object_type: str, object_id: object = "", municipality_id=None,
    summary: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor,
        municipality_id=municipality_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=summary[:300],
        channel=current_channel.get(),
    )


def record_change(*, actor, object_type: str, object_id: object, municipality_id, changes: dict) -> AuditEvent:
    """After a change succeeded: what changed, as `field: before -> after`. Callers leave out secret values
    (CPR numbers, note texts) by passing None for them, which is written as "(changed)"."""
    return record(actor=actor, action="change", object_type=object_type, object_id=object_id,
                  municipality_id=municipality_id, summary=describe_changes(changes))


def describe_changes(changes: dict) -> str:
    parts = []
    for field, values in changes.items():
        if values is None:
            parts.append(f"{field}: (changed)")
        elif isinstance(values, tuple | list) and len(values) == 2:
            parts.append(f"{field}: {_plain(values[0])} -> {_plain(values[1])}")
        else:  # a value set at creation
            parts.append(f"{field}: {_plain(values)}")
    return "; ".join(parts)


def _plain(value) -> str:
    if value is None or value == "":
        return "-"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(getattr(value, "pk", value))[:60]
