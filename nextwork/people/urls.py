from django.urls import path

from . import views, views_dashboards

app_name = "people"
urlpatterns = [
    path("young-people/", views.people_list, name="list"),
    path("young-people/new/", views.intake_view, name="intake"),
    path("young-people/<int:person_id>/edit/", views.person_edit, name="edit"),
    path("young-people/<int:person_id>/consent/", views.person_consent, name="consent"),
    path("young-people/<int:person_id>/new-course/", views.person_new_course, name="new_course"),
    path("courses/<int:course_id>/status/", views.course_status, name="course_status"),
    path("courses/<int:course_id>/assign/", views.course_assign, name="course_assign"),
    path("courses/<int:course_id>/conversations/", views.course_conversation, name="course_conversation"),
    path("courses/<int:course_id>/psychologist/", views.course_psychologist_conversation,
         name="course_psychologist"),
    path("courses/<int:course_id>/exit/", views.course_exit, name="course_exit"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path("follow-ups/<int:follow_up_id>/", views.follow_up_record, name="follow_up_record"),
    path("caseload/", views.caseload_view, name="caseload"),
    path("key-figures/", views_dashboards.municipality_stats, name="municipality_stats"),
    path("network/", views_dashboards.network_stats, name="network_stats"),
    path("research/", views_dashboards.research, name="research"),
]
