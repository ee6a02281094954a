"""The staff roles. Kept apart from models so the permission matrix can import it without Django models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TEAM_LEAD = "team_lead", _("Team lead")
    YOUTH_CONSULTANT = "youth_consultant", _("Youth consultant")
    COMPANY_CONSULTANT = "company_consultant", _("Company consultant")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    CASEWORKER = "caseworker", _("Caseworker (authority)")
    MANAGER = "manager", _("Municipal manager")
    SECRETARIAT = "secretariat", _("Network secretariat")
    RESEARCHER = "researcher", _("Researcher")
    ADMIN = "admin", _("Administrator")


MUNICIPAL_ROLES = frozenset(
    {Role.TEAM_LEAD, Role.YOUTH_CONSULTANT, Role.COMPANY_CONSULTANT, Role.PSYCHOLOGIST, Role.CASEWORKER, Role.MANAGER}
)
CROSS_MUNICIPAL_ROLES = frozenset({Role.SECRETARIAT, Role.RESEARCHER, Role.ADMIN})
