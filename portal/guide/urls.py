from django.urls import path

from portal.guide import views

urlpatterns = [
    path("guide/", views.guide, name="guide"),
]
