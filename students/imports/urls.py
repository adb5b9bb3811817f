from django.urls import path

from students.imports import views

app_name = "imports"

urlpatterns = [
    path("students/import/", views.students, name="students"),
    path("placements/import/", views.placements, name="placements"),
    path("imports/<int:pk>/", views.job, name="job"),
    path("imports/<int:pk>/status.json", views.job_status, name="job_status"),
    path("imports/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("imports/<int:pk>/retry/", views.retry, name="retry"),
]
