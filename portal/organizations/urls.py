from django.urls import path

from portal.organizations import views

urlpatterns = [
    path("organizations/", views.choose, name="choose"),
]
