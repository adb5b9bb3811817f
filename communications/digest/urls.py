from django.urls import path

from communications.digest import views

urlpatterns = [
    path("communications/digest/", views.digest, name="digest"),
]
