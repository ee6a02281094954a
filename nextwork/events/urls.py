from django.urls import path

from . import views, views_room

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("between/", views.place_between_events, name="between"),
    path("game/", views.event_content, name="content"),
    path("game/print/", views.event_content_print, name="content_print"),
    # The QR code on each table (no login; the code names the event, not a person).
    path("room/<int:event_id>/<str:code>/", views_room.event_room, name="room"),
    path("<int:event_id>/", views.event_detail, name="detail"),
    path("<int:event_id>/invite/", views.event_invite, name="invite"),
    path("<int:event_id>/attendance/", views.event_attendance, name="attendance"),
    path("<int:event_id>/wishes/<int:person_id>/", views.wishes_enter, name="wishes"),
    path("<int:event_id>/invitations/<int:person_id>/", views.invitation_arrange, name="arrangement"),
    path("<int:event_id>/placements/<int:placement_id>/phoned/", views.placement_phoned, name="phoned"),
    path("<int:event_id>/allocation/", views.allocation_run, name="allocate"),
    path("<int:event_id>/allocation/move/<int:person_id>/", views.allocation_move, name="move"),
    path("<int:event_id>/table-plan/", views.table_plan_make, name="table_plan"),
    path("<int:event_id>/table-plan.pdf", views.table_plan_pdf, name="table_plan_pdf"),
    path("<int:event_id>/allocation/<int:run_id>/confirm/", views.allocation_confirm, name="confirm"),
]
