from django.urls import path

from . import views

app_name = "research"
urlpatterns = [
    path("trials/", views.home, name="home"),  # /research/ itself is the pseudonymised courses page (people)
    path("trials/<int:trial_id>/", views.trial_page, name="trial"),
    path("trials/<int:trial_id>/plan/", views.plan_page, name="plan"),
    path("trials/<int:trial_id>/plan/freeze/", views.plan_freeze, name="plan_freeze"),
    path("trials/<int:trial_id>/imports/", views.import_start, name="import"),
    path("trials/<int:trial_id>/imports/<int:import_id>/withdraw/", views.import_withdraw, name="import_withdraw"),
    path("trials/<int:trial_id>/report/", views.report_page, name="report"),
    path("trials/<int:trial_id>/report.pdf", views.report_pdf, name="report_pdf"),
    path("trials/<int:trial_id>/export/", views.export, name="export"),
]
