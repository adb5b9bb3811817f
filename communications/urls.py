from django.urls import path

from communications import views

app_name = "communications"

urlpatterns = [
    path("communications/", views.log_list, name="log_list"),
    path("communications/log/new/", views.log_create, name="log_create"),
    path("communications/log/<int:pk>/", views.log_edit, name="log_edit"),
    path("communications/log/<int:pk>/void/", views.log_void, name="log_void"),
    path("communications/stories/", views.story_list, name="story_list"),
    path("communications/stories/new/", views.story_create, name="story_create"),
    path("communications/stories/<int:pk>/", views.story_edit, name="story_edit"),
    path("communications/stories/<int:pk>/approve/", views.story_approve, name="story_approve"),
    path("communications/stories/<int:pk>/publish/", views.story_publish, name="story_publish"),
    path("communications/stories/<int:pk>/photo/", views.story_photo, name="story_photo"),
    path("communications/digest/", views.digest, name="digest"),
]
