from django.urls import path

from dashboard.home import views

app_name = "exports"
urlpatterns: list = [path("", views.home, name="list")]  # TEMP stub until the exports branch merges
