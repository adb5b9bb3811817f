from django.urls import path

from portal.calendar import views

urlpatterns = [
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/new-link/", views.calendar_regenerate, name="calendar_regenerate"),
    path("calendar/turn-off/", views.calendar_revoke, name="calendar_revoke"),
]
