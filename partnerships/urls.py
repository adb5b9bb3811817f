from django.urls import path

from partnerships.invitations import urls as invitations
from partnerships.views import charters, contacts, organizations, partnerships, plans

app_name = "partnerships"

urlpatterns = [
    path("partnerships/", partnerships.partnership_list, name="list"),
    path("partnerships/new/", partnerships.partnership_create, name="create"),
    path("partnerships/<int:pk>/", partnerships.partnership_detail, name="detail"),
    path("partnerships/<int:pk>/people/", partnerships.partnership_people, name="people"),
    path("partnerships/<int:pk>/edit/", partnerships.partnership_edit, name="edit"),
    path("partnerships/<int:pk>/status/<slug:status>/", partnerships.partnership_transition, name="transition"),
    path("partnerships/<int:pk>/charter/", charters.charter_edit, name="charter_edit"),
    path("partnerships/<int:pk>/charter/v<int:version>/", charters.charter_version, name="charter_version"),
    path("partnerships/<int:pk>/goals/new/", plans.goal_create, name="goal_create"),
    path("partnerships/<int:pk>/goals/<int:goal_pk>/edit/", plans.goal_edit, name="goal_edit"),
    path("partnerships/<int:pk>/goals/<int:goal_pk>/delete/", plans.goal_delete, name="goal_delete"),
    path("partnerships/<int:pk>/commitments/new/", plans.commitment_create, name="commitment_create"),
    path("partnerships/<int:pk>/commitments/<int:commitment_pk>/edit/", plans.commitment_edit, name="commitment_edit"),
    path(
        "partnerships/<int:pk>/commitments/<int:commitment_pk>/delete/",
        plans.commitment_delete,
        name="commitment_delete",
    ),
    path(
        "partnerships/<int:pk>/commitments/<int:commitment_pk>/delivery/",
        plans.commitment_delivery,
        name="commitment_delivery",
    ),
    path(
        "partnerships/<int:pk>/commitments/changes/<int:change_pk>/approve/",
        plans.commitment_change_approve,
        name="commitment_change_approve",
    ),
    path(
        "partnerships/<int:pk>/commitments/changes/<int:change_pk>/decline/",
        plans.commitment_change_decline,
        name="commitment_change_decline",
    ),
    path("partnerships/<int:pk>/roles/new/", plans.role_create, name="role_create"),
    path("partnerships/<int:pk>/roles/<int:role_pk>/edit/", plans.role_edit, name="role_edit"),
    path("partnerships/<int:pk>/roles/<int:role_pk>/delete/", plans.role_delete, name="role_delete"),
    path("partnerships/<int:pk>/contacts/new/", contacts.poc_add, name="poc_add"),
    path("partnerships/<int:pk>/contacts/<int:poc_pk>/handoff/", contacts.poc_handoff, name="poc_handoff"),
    path("partnerships/<int:pk>/contacts/<int:poc_pk>/remove/", contacts.poc_end, name="poc_end"),
    path("organizations/", organizations.organization_list, name="organization_list"),
    path("organizations/new/", organizations.organization_create, name="organization_create"),
    path("organizations/<int:pk>/", organizations.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", organizations.organization_edit, name="organization_edit"),
    path("organizations/<int:pk>/contacts/new/", organizations.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", organizations.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/deactivate/", organizations.contact_deactivate, name="contact_deactivate"),
    *invitations.urlpatterns,
]
