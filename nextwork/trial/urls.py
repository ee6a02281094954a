from django.urls import path

from . import views, views_manage

app_name = "trial"
urlpatterns = [
    path("", views.trial_list, name="list"),
    path("new/", views_manage.trial_create, name="create"),
    path("phase/", views_manage.phase, name="phase"),
    path("<int:trial_id>/", views.trial_detail, name="detail"),
    path("<int:trial_id>/randomise/", views.randomise, name="randomise"),
    path("<int:trial_id>/batch/", views_manage.batch_view, name="batch"),
    path("<int:trial_id>/screening/", views_manage.screening, name="screening"),
    path("<int:trial_id>/sites/", views_manage.site_add, name="site_add"),
    path("<int:trial_id>/figures/", views_manage.figures, name="figures"),
    path("<int:trial_id>/log.csv", views_manage.log_csv, name="log_csv"),
    path("<int:trial_id>/settings.json", views_manage.settings_file, name="settings_json"),
    path("<int:trial_id>/secret.bin", views_manage.secret_file, name="secret"),
    path("<int:trial_id>/<str:step>/", views_manage.trial_lifecycle, name="lifecycle"),
    path("participants/<int:participant_id>/", views.participant_detail, name="participant"),
    path("participants/<int:participant_id>/letter.<str:fmt>", views.letter, name="letter"),
    path("participants/<int:participant_id>/handover/", views.handover, name="handover"),
    path("participants/<int:participant_id>/in-error/", views.mark_in_error, name="in_error"),
    path("participants/<int:participant_id>/follow-up/", views.follow_up, name="follow_up"),
]
