from django.urls import path

from dashboard.exports import views

app_name = "exports"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("<slug:kind>.csv", views.export, name="export"),
    path("<int:pk>/", views.job, name="job"),
    path("<int:pk>/status.json", views.job_status, name="job_status"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/retry/", views.retry, name="retry"),
]
