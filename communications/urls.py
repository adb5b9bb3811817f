"""Every communications page, one feature at a time: each feature package lists its own URLs."""

from communications.digest import urls as digest
from communications.feedback import urls as feedback
from communications.guide import urls as guide
from communications.log import urls as log
from communications.notifications import urls as notifications
from communications.reminders import urls as reminders
from communications.stories import urls as stories
from communications.thanks import urls as thanks

app_name = "communications"

urlpatterns = [
    *log.urlpatterns,
    *stories.urlpatterns,
    *digest.urlpatterns,
    *feedback.urlpatterns,
    *thanks.urlpatterns,
    *reminders.urlpatterns,
    *notifications.urlpatterns,
    *guide.urlpatterns,
]
