from django.urls import path

from portal.placements import hours, views

urlpatterns = [
    path("placements/", views.placement_list, name="placements"),
    path("placements/<int:pk>/", views.placement_detail, name="placement"),
    path("placements/<int:pk>/evaluations/<slug:phase>/", views.placement_evaluate, name="placement_evaluate"),
    path("placements/<int:pk>/hours/", hours.hours_list, name="placement_hours"),
    path("placements/<int:pk>/hours/confirm/", hours.hours_confirm, name="placement_hours_confirm"),
    path("placements/<int:pk>/hours/send-back/", hours.hours_reject, name="placement_hours_reject"),
]
