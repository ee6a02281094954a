from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("audit/", views.audit_log, name="audit_log"),
    path("jobs/<int:job_id>/", views.job_status, name="job_status"),
    path("health/", views.health, name="health"),
]
