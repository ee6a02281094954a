from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevisingConfig(AppConfig):
    name = "nextwork.devising"
    verbose_name = _("Devising")
