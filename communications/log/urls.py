from django.urls import path

from communications.log import views

urlpatterns = [
    path("communications/", views.log_list, name="log_list"),
    path("communications/log/new/", views.log_create, name="log_create"),
    path("communications/log/<int:pk>/", views.log_edit, name="log_edit"),
    path("communications/log/<int:pk>/void/", views.log_void, name="log_void"),
]
