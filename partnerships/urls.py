from django.urls import path

from partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("partnerships/", views.partnership_list, name="list"),
    path("partnerships/new/", views.partnership_create, name="create"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="detail"),
    path("partnerships/<int:pk>/edit/", views.partnership_edit, name="edit"),
    path("partnerships/<int:pk>/status/<slug:status>/", views.partnership_transition, name="transition"),
    path("partnerships/<int:pk>/charter/", views.charter_edit, name="charter_edit"),
    path("partnerships/<int:pk>/charter/v<int:version>/", views.charter_version, name="charter_version"),
    path("partnerships/<int:pk>/goals/new/", views.goal_create, name="goal_create"),
    path("partnerships/<int:pk>/goals/<int:goal_pk>/edit/", views.goal_edit, name="goal_edit"),
    path("partnerships/<int:pk>/goals/<int:goal_pk>/delete/", views.goal_delete, name="goal_delete"),
    path("partnerships/<int:pk>/commitments/new/", views.commitment_create, name="commitment_create"),
    path("partnerships/<int:pk>/commitments/<int:commitment_pk>/edit/", views.commitment_edit, name="commitment_edit"),
    path(
        "partnerships/<int:pk>/commitments/<int:commitment_pk>/delete/",
        views.commitment_delete,
        name="commitment_delete",
    ),
    path(
        "partnerships/<int:pk>/commitments/<int:commitment_pk>/delivery/",
        views.commitment_delivery,
        name="commitment_delivery",
    ),
    path("partnerships/<int:pk>/roles/new/", views.role_create, name="role_create"),
    path("partnerships/<int:pk>/roles/<int:role_pk>/edit/", views.role_edit, name="role_edit"),
    path("partnerships/<int:pk>/roles/<int:role_pk>/delete/", views.role_delete, name="role_delete"),
    path("partnerships/<int:pk>/contacts/new/", views.poc_add, name="poc_add"),
    path("partnerships/<int:pk>/contacts/<int:poc_pk>/handoff/", views.poc_handoff, name="poc_handoff"),
    path("partnerships/<int:pk>/contacts/<int:poc_pk>/remove/", views.poc_end, name="poc_end"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("organizations/<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/deactivate/", views.contact_deactivate, name="contact_deactivate"),
]
