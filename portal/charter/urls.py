from django.urls import path

from portal.charter import views

urlpatterns = [
    path("charter/", views.charter_list, name="charter"),
    path("charter/<int:pk>/", views.charter_version, name="charter_version"),
    path("charter/<int:pk>/changes/", views.charter_changes_page, name="charter_changes"),
    path("charter/<int:pk>/acknowledge/", views.charter_acknowledge, name="charter_acknowledge"),
]
