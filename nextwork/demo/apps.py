from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "nextwork.demo"
    label = "demo"
