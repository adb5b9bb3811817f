from django.urls import path

from communications.digest import views as digest
from communications.feedback import views as feedback_views
from communications.log import views as log
from communications.notifications import views as notification_views
from communications.reminders import views as reminders_views
from communications.stories import views as stories
from communications.thanks import views as thanks_views

app_name = "communications"

urlpatterns = [
    path("communications/", log.log_list, name="log_list"),
    path("communications/log/new/", log.log_create, name="log_create"),
    path("communications/log/<int:pk>/", log.log_edit, name="log_edit"),
    path("communications/log/<int:pk>/void/", log.log_void, name="log_void"),
    path("communications/stories/", stories.story_list, name="story_list"),
    path("communications/stories/new/", stories.story_create, name="story_create"),
    path("communications/stories/<int:pk>/", stories.story_edit, name="story_edit"),
    path("communications/stories/<int:pk>/approve/", stories.story_approve, name="story_approve"),
    path("communications/stories/<int:pk>/publish/", stories.story_publish, name="story_publish"),
    path("communications/stories/<int:pk>/photo/", stories.story_photo, name="story_photo"),
    path("communications/digest/", digest.digest, name="digest"),
    # Feedback surveys (communications.feedback)
    path("communications/feedback/", feedback_views.feedback_list, name="feedback_list"),
    path("communications/feedback/new/", feedback_views.feedback_create, name="feedback_create"),
    path("communications/feedback/<int:pk>/", feedback_views.feedback_detail, name="feedback_detail"),
    path(
        "communications/feedback/partnerships/<int:pk>/",
        feedback_views.feedback_results,
        name="feedback_results",
    ),
    # Thank-you notes (communications.thanks)
    path("communications/thanks/", thanks_views.thanks_list, name="thanks_list"),
    path("communications/thanks/new/", thanks_views.thanks_create, name="thanks_create"),
    path("communications/thanks/<int:pk>/", thanks_views.thanks_detail, name="thanks_detail"),
    path("communications/thanks/<int:pk>/invite/", thanks_views.thanks_invite, name="thanks_invite"),
    path("communications/thanks/<int:pk>/approve/", thanks_views.thanks_approve, name="thanks_approve"),
    path("communications/thanks/<int:pk>/reject/", thanks_views.thanks_reject, name="thanks_reject"),
    # Reminders and each user's notifications (communications.reminders)
    path("communications/reminders/", reminders_views.reminder_list, name="reminder_list"),
    path("notifications/", notification_views.notification_list, name="notification_list"),
    path("notifications/<int:pk>/open/", notification_views.notification_open, name="notification_open"),
    path("notifications/read-all/", notification_views.notification_read_all, name="notification_read_all"),
    path("notifications/settings/", notification_views.notification_settings, name="notification_settings"),
]
