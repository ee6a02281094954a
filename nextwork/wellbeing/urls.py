from django.urls import path

from . import views

app_name = "wellbeing"
urlpatterns = [
    path("people/<int:person_id>/check-in/", views.checkin, name="checkin"),
    path("people/<int:person_id>/goals/", views.goal_add, name="goal_add"),
    path("goals/<int:goal_id>/progress/", views.goal_progress, name="goal_progress"),
    path("people/<int:person_id>/concerns/", views.concern_raise, name="concern_raise"),
    path("concerns/<int:flag_id>/", views.concern, name="concern"),
    path("procedure/", views.procedure, name="procedure"),
    path("trend/", views.trend, name="trend"),
]
