from django.urls import path

from . import views, views_experiment, views_export, views_merge, views_representative, views_self

app_name = "portal"
urlpatterns = [
    path("young-people/<int:person_id>/", views.person, name="person"),
    # The company page composed with other apps' panels; same address as companies:detail, matched first.
    path("companies/<int:company_id>/", views.company, name="company"),
    path("young-people/<int:person_id>/merge/", views_merge.merge, name="merge"),
    path("young-people/<int:person_id>/export/", views_export.export, name="export"),
    # The path of links already handed to young people: it must not change.
    path("groups/me/<str:token>/", views_self.self_page, name="self"),
    # A company representative's own page behind their personal link.
    path("companies/me/<str:token>/", views_representative.representative_page, name="representative"),
    # An experiment of the devising log, composed with other apps' panels (under /devising/, matched first).
    path("devising/experiments/<int:experiment_id>/", views_experiment.experiment, name="experiment"),
]
