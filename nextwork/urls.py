from django.contrib import admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.urls import include, path

from nextwork.core.forms import DesignSystemFormMixin
from nextwork.core.login import LoginForm
from nextwork.core.views import set_language
from nextwork.portal.views import start

from .api import api


class PasswordChangeForm(DesignSystemFormMixin, auth_forms.PasswordChangeForm):
    """Django's own form (old password, new one twice, the validators in settings) in the design system."""


handler404 = "nextwork.api.page_not_found"  # JSON for unknown paths under /api/

urlpatterns = [
    path("", start, name="start"),
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Own names: django.contrib.admin ships registration/password_change_*.html, which would win.
    path("password/", auth_views.PasswordChangeView.as_view(
        form_class=PasswordChangeForm, template_name="registration/password_change.html"), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(
        template_name="registration/password_changed.html"), name="password_change_done"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    path("", include("nextwork.core.urls")),
    path("", include("nextwork.portal.urls")),
    path("", include("nextwork.people.urls")),
    path("groups/", include("nextwork.groups.urls")),
    path("companies/", include("nextwork.companies.urls")),
    path("events/", include("nextwork.events.urls")),
    path("trial/", include("nextwork.trial.urls")),
    path("research/", include("nextwork.research.urls")),
    path("devising/", include("nextwork.devising.urls")),
    path("wellbeing/", include("nextwork.wellbeing.urls")),
    path("fidelity/", include("nextwork.scorecards.urls")),
    path("demo-data/", include("nextwork.demo.urls")),  # 404 unless NEXTWORK_DEMO_TOOLS
]
