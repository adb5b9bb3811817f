from django.urls import path

from portal.contacts import views

urlpatterns = [
    path("contacts/", views.contact_list, name="contacts"),
    path("contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/deactivate/", views.contact_deactivate, name="contact_deactivate"),
    path("contacts/points-of-contact/", views.points_of_contact, name="points_of_contact"),
    path("contacts/points-of-contact/<int:pk>/hand-over/", views.poc_handoff, name="poc_handoff"),
]
