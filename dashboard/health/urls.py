from django.urls import path

from dashboard.health import views

app_name = "health"
urlpatterns = [
    path("", views.help_page, name="help"),
    path("partnerships/<int:pk>/", views.partnership_health, name="partnership"),
]
