from django.urls import path

from communications.guide import views

urlpatterns = [
    path("communications/guide/", views.guide_edit, name="guide_edit"),
]
