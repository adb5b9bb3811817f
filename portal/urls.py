from django.urls import path

from portal import notification_views, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("thanks/", views.thanks, name="thanks"),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path("notifications/<int:pk>/open/", notification_views.notification_open, name="notification_open"),
    path("notifications/settings/", notification_views.notification_settings, name="notification_settings"),
]
