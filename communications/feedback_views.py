"""Coordinator pages for feedback surveys. (Being written.)"""

from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("Not built yet.", status=501)


feedback_list = feedback_create = feedback_detail = feedback_results = _todo
