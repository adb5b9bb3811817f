"""Each user's notifications and reminder preferences, and the coordinators' view of the outbox. (Being written.)"""

from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("Not built yet.", status=501)


reminder_list = notification_list = notification_open = notification_read_all = notification_settings = _todo
