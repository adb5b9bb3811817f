from django.urls import path

from communications.reminders import views

urlpatterns = [
    path("communications/reminders/", views.reminder_list, name="reminder_list"),
    path("communications/reminders/<int:pk>/retry/", views.reminder_retry, name="reminder_retry"),
]
