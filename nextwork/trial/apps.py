from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrialConfig(AppConfig):
    name = "nextwork.trial"
    verbose_name = _("Randomised trial")
