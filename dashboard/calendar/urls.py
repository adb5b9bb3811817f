from django.urls import path

from dashboard.calendar import views

app_name = "calendar"
urlpatterns = [
    path("", views.calendar_home, name="home"),
    path("new-link/", views.calendar_regenerate, name="regenerate"),
    path("turn-off/", views.calendar_revoke, name="revoke"),
    # Public: the only URL under /calendar/ that AccessMiddleware lets through (accounts.middleware.OPEN_PATHS).
    path("feed/<str:token>.ics", views.calendar_feed, name="feed"),
]
