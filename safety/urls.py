from django.urls import path

from safety.views import check_ins, checks, concerns, dashboard, partnership, placement, policy, protocols, visits

app_name = "safety"

urlpatterns = [
    path("safety/", dashboard.dashboard, name="dashboard"),
    path("safety/checks/", checks.check_list, name="check_list"),
    path("safety/checks/new/", checks.check_create, name="check_create"),
    path("safety/checks/<int:pk>/", checks.check_edit, name="check_edit"),
    path("safety/checks/<int:pk>/void/", checks.check_void, name="check_void"),
    path("safety/visits/new/", visits.visit_create, name="visit_create"),
    path("safety/visits/<int:pk>/", visits.visit_edit, name="visit_edit"),
    path("safety/visits/<int:pk>/void/", visits.visit_void, name="visit_void"),
    path("safety/check-ins/new/", check_ins.check_in_create, name="check_in_create"),
    path("safety/check-ins/<int:pk>/void/", check_ins.check_in_void, name="check_in_void"),
    path("safety/concerns/new/", concerns.concern_create, name="concern_create"),
    path("safety/concerns/<int:pk>/", concerns.concern_detail, name="concern_detail"),
    path("safety/concerns/<int:pk>/void/", concerns.concern_void, name="concern_void"),
    path("safety/protocols/", protocols.protocol_list, name="protocol_list"),
    path("safety/protocols/new/", protocols.protocol_create, name="protocol_create"),
    path("safety/protocols/<int:pk>/", protocols.protocol_detail, name="protocol_detail"),
    path("partnerships/<int:pk>/safety/", partnership.partnership_safety, name="partnership"),
    path("placements/<int:pk>/safety/", placement.placement_safety, name="placement"),
    path("safety/policy/", policy.policy_edit, name="policy_edit"),
]
