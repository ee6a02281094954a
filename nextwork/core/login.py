"""The login form in the design system's stacked layout (label above the field, full-width inputs)."""

from django.contrib.auth.forms import AuthenticationForm

from .forms import DesignSystemFormMixin


class LoginForm(DesignSystemFormMixin, AuthenticationForm):
    pass
