from django.urls import path

from portal.gratitude import views

urlpatterns = [
    path("thanks/", views.thanks, name="thanks"),
]
