from django.urls import path

from portal.team import views

urlpatterns = [
    path("team/", views.team, name="team"),
    path("team/invite/", views.team_invite, name="team_invite"),
    path("team/<int:pk>/deactivate/", views.team_deactivate, name="team_deactivate"),
    path("team/invitations/<int:pk>/withdraw/", views.team_invitation_cancel, name="team_invitation_cancel"),
]
