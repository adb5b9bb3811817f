"""The coordinator's pages for portal access (in the partnerships: namespace)."""

from django.urls import path

from partnerships.invitations import views

urlpatterns = [
    path("organizations/<int:pk>/invite/", views.invitation_create, name="invitation_create"),
    path("invitations/<int:pk>/withdraw/", views.invitation_cancel, name="invitation_cancel"),
    path("memberships/<int:pk>/deactivate/", views.membership_deactivate, name="membership_deactivate"),
]
