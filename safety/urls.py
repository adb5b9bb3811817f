from django.urls import path

from safety import views

app_name = "safety"

urlpatterns = [
    path("safety/", views.dashboard, name="dashboard"),
    path("safety/checks/", views.check_list, name="check_list"),
    path("safety/checks/new/", views.check_create, name="check_create"),
    path("safety/checks/<int:pk>/", views.check_edit, name="check_edit"),
    path("safety/checks/<int:pk>/void/", views.check_void, name="check_void"),
    path("safety/visits/new/", views.visit_create, name="visit_create"),
    path("safety/visits/<int:pk>/", views.visit_edit, name="visit_edit"),
    path("safety/visits/<int:pk>/void/", views.visit_void, name="visit_void"),
    path("safety/check-ins/new/", views.check_in_create, name="check_in_create"),
    path("safety/check-ins/<int:pk>/void/", views.check_in_void, name="check_in_void"),
    path("safety/concerns/new/", views.concern_create, name="concern_create"),
    path("safety/concerns/<int:pk>/", views.concern_detail, name="concern_detail"),
    path("safety/concerns/<int:pk>/void/", views.concern_void, name="concern_void"),
    path("safety/protocols/", views.protocol_list, name="protocol_list"),
    path("safety/protocols/new/", views.protocol_create, name="protocol_create"),
    path("safety/protocols/<int:pk>/", views.protocol_detail, name="protocol_detail"),
    path("safety/policy/", views.policy_edit, name="policy_edit"),
]
