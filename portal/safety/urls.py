from django.urls import path

from portal.safety import checks, concerns, protocols

urlpatterns = [
    path("safety/", protocols.protocols, name="safety"),
    path("safety/protocols/acknowledge/", protocols.protocols_acknowledge, name="protocols_acknowledge"),
    path("safety/checks/", checks.staff_checks, name="staff_checks"),
    path("safety/checks/request/", checks.check_request, name="check_request"),
    path("safety/concerns/new/", concerns.concern_report, name="concern_report"),
    path("safety/concerns/<int:pk>/sent/", concerns.concern_sent, name="concern_sent"),
]
