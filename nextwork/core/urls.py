from django.urls import path

from . import views, views_2fa, views_tokens

app_name = "core"
urlpatterns = [
    path("audit/", views.audit_log, name="audit_log"),
    path("jobs/", views.job_list, name="jobs"),
    path("jobs/<int:job_id>/", views.job_status, name="job_status"),
    path("jobs/<int:job_id>/page/", views.job_page, name="job_page"),
    path("jobs/<int:job_id>/download/", views.job_download, name="job_download"),
    path("health/", views.health, name="health"),
    path("tokens/", views_tokens.token_list, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views_tokens.token_revoke, name="token_revoke"),
    path("2fa/", views_2fa.two_factor, name="two_factor"),
    path("2fa/backup/", views_2fa.backup_login, name="backup_login"),
    # Not under /2fa/: the two-factor middleware guards it like any page.
    path("backup-codes/", views_2fa.backup_code_list, name="backup_codes"),
]
