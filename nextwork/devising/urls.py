from django.urls import path

from . import views, views_meetings, views_proposals

app_name = "devising"
# The experiment's own page is composed in the portal: portal:experiment at devising/experiments/<id>/.
urlpatterns = [
    path("", views.log, name="log"),
    path("experiments/new/", views.experiment_create, name="experiment_create"),
    path("experiments/<int:experiment_id>/edit/", views.experiment_edit, name="experiment_edit"),
    path("experiments/<int:experiment_id>/share/", views.experiment_share, name="experiment_share"),
    path("proposals/", views_proposals.proposal_list, name="proposals"),
    path("proposals/<int:proposal_id>/", views_proposals.proposal_detail, name="proposal"),
    path("proposals/<int:proposal_id>/take-up/", views_proposals.proposal_take_up, name="proposal_take_up"),
    path("proposals/<int:proposal_id>/respond/", views_proposals.proposal_respond, name="proposal_respond"),
    path("meetings/", views_meetings.meeting_list, name="meetings"),
    path("meetings/new/", views_meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", views_meetings.meeting_detail, name="meeting"),
    path("library/", views.library, name="library"),
    path("library/<int:practice_id>/", views.practice, name="practice"),
]
