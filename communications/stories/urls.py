from django.urls import path

from communications.stories import views

urlpatterns = [
    path("communications/stories/", views.story_list, name="story_list"),
    path("communications/stories/new/", views.story_create, name="story_create"),
    path("communications/stories/<int:pk>/", views.story_edit, name="story_edit"),
    path("communications/stories/<int:pk>/approve/", views.story_approve, name="story_approve"),
    path("communications/stories/<int:pk>/publish/", views.story_publish, name="story_publish"),
    path("communications/stories/<int:pk>/photo/", views.story_photo, name="story_photo"),
]
