from django.urls import path

from . import views, views_internships, views_links, views_network

app_name = "companies"
urlpatterns = [
    path("", views.company_list, name="list"),
    path("new/", views.company_create, name="create"),
    path("import/", views.import_view, name="import"),
    path("<int:company_id>/", views.company_detail, name="detail"),
    path("<int:company_id>/edit/", views.company_edit, name="edit"),
    path("<int:company_id>/contacts/", views.company_contact, name="contact"),
    path("<int:company_id>/representatives/", views.company_representative, name="representative"),
    path("<int:company_id>/representatives/<int:representative_id>/link/", views_links.representative_link,
         name="representative_link"),
    path("<int:company_id>/representatives/<int:representative_id>/link/<int:link_id>/revoke/",
         views_links.representative_link_revoke, name="representative_link_revoke"),
    path("<int:company_id>/offers/new/", views.offer_create, name="offer_create"),
    path("offers/", views.offer_list, name="offers"),
    path("offers/<int:offer_id>/edit/", views.offer_edit, name="offer_edit"),
    path("meetings/", views_network.meeting_list, name="meetings"),
    path("meetings/<int:meeting_id>/", views_network.meeting_detail, name="meeting"),
    path("wishes/", views_network.wishes, name="wishes"),
    path("warnings/", views_network.warnings, name="warnings"),
    path("internships/", views_internships.internship_list, name="internships"),
    path("internships/new/", views_internships.internship_create, name="internship_create"),
    path("internships/<int:internship_id>/", views_internships.internship_detail, name="internship"),
    path("internships/<int:internship_id>/agreement.pdf", views_internships.agreement_pdf, name="agreement_pdf"),
    path("internships/<int:internship_id>/<slug:action>/", views_internships.internship_action,
         name="internship_action"),
]
