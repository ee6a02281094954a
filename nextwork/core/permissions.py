"""The one permission matrix: which role may do which action. Views, the API and templates all ask `can`.

Municipal scoping (a record is visible only inside its municipality) is enforced separately by the
access functions; this matrix only answers whether a role may perform an action at all.
"""

from django.core.exceptions import PermissionDenied

from .roles import Role

TL, YC, CC, PS, MG = Role.TEAM_LEAD, Role.YOUTH_CONSULTANT, Role.COMPANY_CONSULTANT, Role.PSYCHOLOGIST, Role.MANAGER
SEC, RES, ADM = Role.SECRETARIAT, Role.RESEARCHER, Role.ADMIN
TEAM = frozenset({TL, YC, CC, PS})

MATRIX: dict[str, frozenset[str]] = {
    # Personal data of young people (own municipality only)
    "person.view": TEAM,
    "person.create": frozenset({TL, YC, CC}),
    "person.edit": frozenset({TL, YC, CC}),
    "person.admit_outside_target_group": frozenset({TL}),
    "person.merge": frozenset({TL}),
    "course.change_status": frozenset({TL, YC}),
    "course.assign_consultant": frozenset({TL, YC}),
    "course.end": frozenset({TL, YC}),
    "course.record_follow_up": frozenset({TL, YC, CC}),
    "note.create": TEAM,
    "psychologist_note.write": frozenset({PS}),
    "psychologist_note.read": frozenset({PS}),
    # Team views
    "caseload.view": frozenset({TL, YC, MG}),
    "audit.view": frozenset({TL}),
    # Aggregates without personal data
    "stats.municipality": frozenset({TL, MG}),
    "stats.network": frozenset({SEC, ADM}),
    # Pseudonymised research data
    "research.pseudonymised": frozenset({RES}),
    # Network groups (nextwork.groups)
    "group.view": TEAM,
    "group.manage": frozenset({TL, YC}),
    "group.take_attendance": frozenset({TL, YC, CC, PS}),
    # Companies, offers and internships (nextwork.companies)
    "company.view": TEAM,
    "company.manage": frozenset({TL, YC, CC}),
    "internship.manage": frozenset({TL, YC, CC}),
    "internship.override": frozenset({TL}),
    # Running the platform
    "platform.admin": frozenset({ADM}),
}


def can(user, action: str) -> bool:
    if action not in MATRIX:
        raise KeyError(f"Unknown action {action!r}: add it to the permission matrix.")
    return bool(getattr(user, "is_authenticated", False)) and user.is_active and user.role in MATRIX[action]


def require(user, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied(action)
