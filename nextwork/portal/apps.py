from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "nextwork.portal"
    verbose_name = "Pages composed across apps"
