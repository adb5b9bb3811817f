from django.urls import path

from students import exports, views
from students.hours import views as hours_views

app_name = "students"

urlpatterns = [
    path("students/", views.student_list, name="student_list"),
    path("students/new/", views.student_create, name="student_create"),
    path("students/<int:pk>/", views.student_detail, name="student_detail"),
    path("students/<int:pk>/edit/", views.student_edit, name="student_edit"),
    path("students/<int:pk>/disclosures.csv", exports.student_disclosures_csv, name="student_disclosures_csv"),
    path("placements/", views.placement_list, name="placement_list"),
    path("placements/new/", views.placement_create, name="placement_create"),
    path("placements/<int:pk>/", views.placement_detail, name="placement_detail"),
    path("placements/<int:pk>/edit/", views.placement_edit, name="placement_edit"),
    path("placements/<int:pk>/status/<slug:status>/", views.placement_transition, name="placement_transition"),
    path("placements/<int:pk>/goals/new/", views.learning_goal_create, name="learning_goal_create"),
    path("placements/<int:pk>/goals/<int:goal_pk>/edit/", views.learning_goal_edit, name="learning_goal_edit"),
    path("placements/<int:pk>/goals/<int:goal_pk>/delete/", views.learning_goal_delete, name="learning_goal_delete"),
    path("placements/<int:pk>/evaluations/new/", views.evaluation_create, name="evaluation_create"),
    path("placements/<int:pk>/evaluations/link/", views.evaluation_link_create, name="evaluation_link_create"),
    path("placements/<int:pk>/hours/new/", hours_views.hours_create, name="hours_create"),
    path("placements/<int:pk>/hours/<int:entry_pk>/verify/", hours_views.hours_verify, name="hours_verify"),
    path("placements/<int:pk>/hours/<int:entry_pk>/edit/", hours_views.hours_edit, name="hours_edit"),
    path("placements/<int:pk>/alignment/", views.placement_alignment, name="placement_alignment"),
    path("partnerships/<int:pk>/alignment/", views.partnership_alignment, name="partnership_alignment"),
]
