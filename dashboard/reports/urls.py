from django.urls import path

from dashboard.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.charts, name="charts"),
    path("compute/", views.compute, name="compute"),
    path("partnerships/<int:pk>/impact/", views.partnership_impact, name="partnership_impact"),
    path("businesses/<int:pk>/impact/", views.business_impact, name="business_impact"),
]
