from django.urls import path

from . import views, views_group_life, views_links, views_members, views_sessions

app_name = "groups"
urlpatterns = [
    path("", views.group_list, name="list"),
    path("new/", views.group_create, name="create"),
    path("<int:group_id>/", views.group_detail, name="detail"),
    path("<int:group_id>/edit/", views.group_edit, name="edit"),
    path("<int:group_id>/health/", views.group_health_view, name="health"),
    path("<int:group_id>/members/", views_members.member_add, name="member_add"),
    path("<int:group_id>/sessions/plan/", views_sessions.sessions_plan, name="sessions_plan"),
    path("<int:group_id>/agenda/", views_sessions.agenda_add, name="agenda_add"),
    path("memberships/<int:membership_id>/", views_members.member_page, name="member"),
    path("memberships/<int:membership_id>/move/", views_members.member_move, name="member_move"),
    path("memberships/<int:membership_id>/end/", views_members.member_end, name="member_end"),
    path("memberships/<int:membership_id>/sharing/", views_members.member_sharing, name="member_sharing"),
    path("sessions/<int:session_id>/", views_sessions.session_detail, name="session"),
    path("sessions/<int:session_id>/attendance/<int:membership_id>/", views_sessions.attendance_set,
         name="attendance"),
    path("sessions/<int:session_id>/attendance/rest-present/", views_sessions.attendance_rest_present,
         name="attendance_rest_present"),
    path("sessions/<int:session_id>/record/", views_sessions.session_record, name="session_record"),
    path("sessions/<int:session_id>/observation/", views_sessions.observation_save, name="session_observation"),
    path("<int:group_id>/agreement/", views_group_life.agreement_edit, name="agreement"),
    path("<int:group_id>/agreement/revisited/", views_group_life.agreement_revisited, name="agreement_revisited"),
    path("sessions/<int:session_id>/move/", views_sessions.session_move, name="session_move"),
    path("sessions/<int:session_id>/cancel/", views_sessions.session_cancel, name="session_cancel"),
    path("sessions/<int:session_id>/restore/", views_sessions.session_restore, name="session_restore"),
    path("young-people/<int:person_id>/suggest/", views_members.suggest, name="suggest"),
    path("young-people/<int:person_id>/link/", views_links.personal_link, name="person_link"),
    path("young-people/<int:person_id>/link/<int:link_id>/revoke/", views_links.personal_link_revoke,
         name="person_link_revoke"),
]
