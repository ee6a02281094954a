from django.urls import path

from . import views

app_name = "scorecards"
urlpatterns = [
    path("", views.scorecard, name="scorecard"),
    path("records/<slug:key>/", views.records, name="records"),
    path("comparison/", views.comparison, name="comparison"),
    path("reviews/", views.reviews, name="reviews"),
    path("dashboard/", views.leader_dashboard, name="dashboard"),
    path("dashboard.pdf", views.leader_dashboard_pdf, name="dashboard_pdf"),
]
