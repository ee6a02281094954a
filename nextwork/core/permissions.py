"""The one permission matrix: which role may do which action. Views, the API and templates (`{% can %}`)
all ask `can`. A staff member may hold several roles; `can` answers for all of them together.

Municipal scoping (a record is visible only inside its municipality) is enforced separately by the
access functions; this matrix only answers whether a role may perform an action at all.
"""

from django.core.exceptions import PermissionDenied

from .roles import Role

TL, YC, CC, PS, MG = Role.TEAM_LEAD, Role.YOUTH_CONSULTANT, Role.COMPANY_CONSULTANT, Role.PSYCHOLOGIST, Role.MANAGER
CW = Role.CASEWORKER
SEC, RES, ADM = Role.SECRETARIAT, Role.RESEARCHER, Role.ADMIN
TEAM = frozenset({TL, YC, CC, PS})

MATRIX: dict[str, frozenset[str]] = {
    # Personal data of young people (own municipality only)
    # The caseworker (authority) sees who is in the programme, status and internships: never notes.
    "person.view": TEAM | {CW},
    "person.create": frozenset({TL, YC, CC, CW}),
    "person.edit": frozenset({TL, YC, CC}),
    "person.admit_outside_target_group": frozenset({TL}),
    "person.merge": frozenset({TL}),
    "person.export_all": frozenset({TL}),  # the data subject's access request: everything, notes included
    "course.change_status": frozenset({TL, YC}),
    "course.assign_consultant": frozenset({TL, YC}),
    "course.end": frozenset({TL, YC}),
    "course.record_follow_up": frozenset({TL, YC, CC}),
    "course.follow": TEAM,
    "follow_up.view": TEAM,  # "my young people": courses one is responsible for
    "course.distribute": frozenset({TL}),  # referrals without a consultant
    "authority.overview": frozenset({CW}),
    "note.create": TEAM,
    "note.read": TEAM,
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
    # The trial's evaluation (nextwork.research): the researchers write and freeze the pre-analysis plan,
    # import register outcomes, compute the report and export person-level data; the secretariat reads the
    # report (aggregates, no person-level outcomes).
    "research.plan": frozenset({RES}),
    "research.import": frozenset({RES}),
    "research.report": frozenset({RES}),
    "research.view": frozenset({RES, SEC}),
    "research.export": frozenset({RES}),
    # Network groups (nextwork.groups)
    "group.view": TEAM,
    "group.manage": frozenset({TL, YC}),
    "group.take_attendance": frozenset({TL, YC, CC, PS}),
    "group.attendance_view": TEAM,  # caseworkers too where the municipality shares it (CONDITIONAL)
    # What happens in the group: the facilitators' observation and the group's own agreement (no personal
    # data; reading them and the suppressed "worth coming" share is group.view)
    "group.observe": frozenset({TL, YC, PS}),
    "group.agreement_edit": frozenset({TL, YC, PS}),
    # Companies, offers and internships (nextwork.companies)
    "company.view": TEAM,
    "company.manage": frozenset({TL, YC, CC}),
    "internship.view": TEAM | {CW},
    "internship.figures": TEAM | {MG},  # periods and hours of a young person's internships
    "internship.manage": frozenset({TL, YC, CC}),
    "internship.override": frozenset({TL}),
    # Match events (nextwork.events)
    "event.view": TEAM,
    "event.manage": frozenset({TL, YC, CC}),
    "event.allocate": frozenset({TL, YC, CC}),
    # Devising (nextwork.devising): the team writes the log; the manager reads it (no personal data in it);
    # proposals name the young person or representative who made them: the team only.
    "devising.view": TEAM | {MG},
    "devising.manage": TEAM,
    "devising.proposals": TEAM,
    "devising.share": TEAM,
    "devising.library": TEAM | {MG, CW, SEC, ADM},  # the network's shared library: every municipality's staff
    "representative_link.manage": frozenset({TL, YC, CC}),
    # Wellbeing, goals and concerns (nextwork.wellbeing). Consultants see the check-in and the "talk to them"
    # flag; only psychologists see the WHO-5 details and the psychologist flag; caseworkers none of it; the
    # manager and the network secretariat only suppressed aggregates.
    "wellbeing.checkin_view": TEAM,
    "wellbeing.checkin_record": TEAM,
    "wellbeing.who5_details": frozenset({PS}),
    "wellbeing.goal_view": TEAM,
    "wellbeing.goal_manage": TEAM,
    "wellbeing.trend": frozenset({TL, PS, MG, SEC}),
    "concern.raise": TEAM | {CW},  # any staff member who sees the young person
    "concern.view": TEAM,
    "concern.follow": frozenset({TL, PS}),  # it reaches them at once; they close it
    "concern.procedure_edit": frozenset({TL}),
    # The randomised trial (nextwork.trial). Entry and participants' personal data: own municipality only.
    "trial.view": TEAM | {CW, MG, SEC, RES, ADM},
    "trial.randomise": frozenset({CW, YC, TL}),
    "trial.participants": frozenset({CW, YC, TL}),
    "trial.batch": frozenset({TL}),
    "trial.mark_in_error": frozenset({TL, ADM}),
    "trial.phase": frozenset({TL, ADM}),
    "trial.lock": frozenset({TL, ADM}),
    "trial.manage": frozenset({ADM}),
    "trial.figures": frozenset({TL, MG, SEC, RES, ADM}),  # CONSORT, balance, recruitment: no names
    "trial.log": frozenset({TL, RES, ADM}),  # the pseudonymised allocation log
    # Fidelity (nextwork.scorecards): the municipality's scorecard (no names) for its team and manager; the
    # records behind a number (names) for the team; the network comparison (suppressed aggregates) and the
    # fidelity reviews for the secretariat, leaders reading them.
    "fidelity.scorecard": TEAM | {MG},
    "fidelity.records": frozenset({TL, YC, CC}),
    "fidelity.compare": frozenset({SEC, ADM, TL, MG}),
    "fidelity.review_view": frozenset({SEC, ADM, TL, MG}),
    "fidelity.review_record": frozenset({SEC, ADM}),
    "fidelity.dashboard": frozenset({MG, TL}),
    # Running the platform
    "platform.admin": frozenset({ADM}),
    # Adding the national demo's municipalities from a page (nextwork.demo; only where NEXTWORK_DEMO_TOOLS)
    "demo.build": frozenset({ADM}),
}


# Actions a role gets only where its municipality has decided so: (action, role) -> municipality flag.
CONDITIONAL: dict[tuple[str, str], str] = {
    ("group.attendance_view", CW): "attendance_shared_with_caseworkers",
}


def can(user, action: str) -> bool:
    if action not in MATRIX:
        raise KeyError(f"Unknown action {action!r}: add it to the permission matrix.")
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    roles = user.roles
    if roles & MATRIX[action]:
        return True
    return any(role in roles and getattr(user.municipality, flag, False)
               for (conditional_action, role), flag in CONDITIONAL.items() if conditional_action == action)


def require(user, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied(action)
