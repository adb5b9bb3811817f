from django.urls import path

from portal.gratitude import views

urlpatterns = [
    path("thanks/", views.thanks, name="thanks"),
    path("thanks/stories/", views.stories, name="stories"),
    path("thanks/stories/<int:pk>/photo/", views.story_photo, name="story_photo"),
    path("thanks/recognition/", views.recognition, name="recognition"),
    path("thanks/recognition/change/", views.recognition_change, name="recognition_change"),
]
