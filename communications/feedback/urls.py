from django.urls import path

from communications.feedback import views

urlpatterns = [
    path("communications/feedback/", views.feedback_list, name="feedback_list"),
    path("communications/feedback/new/", views.feedback_create, name="feedback_create"),
    path("communications/feedback/<int:pk>/", views.feedback_detail, name="feedback_detail"),
    path(
        "communications/feedback/partnerships/<int:pk>/",
        views.feedback_results,
        name="feedback_results",
    ),
]
