"""The partner's notifications and reminder preferences. (Being written.)"""

from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("Not built yet.", status=501)


notification_list = notification_open = notification_settings = _todo
