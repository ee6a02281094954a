from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "nextwork.research"
    verbose_name = _("Trial evaluation")
