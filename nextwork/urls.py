from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from nextwork.core.login import LoginForm
from nextwork.core.views import set_language
from nextwork.portal.views import start

from .api import api

handler404 = "nextwork.api.page_not_found"  # JSON for unknown paths under /api/

urlpatterns = [
    path("", start, name="start"),
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    path("", include("nextwork.core.urls")),
    path("", include("nextwork.portal.urls")),
    path("", include("nextwork.people.urls")),
    path("groups/", include("nextwork.groups.urls")),
    path("companies/", include("nextwork.companies.urls")),
    path("events/", include("nextwork.events.urls")),
]
