"""Coordinator pages for thank-you notes. (Being written.)"""

from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("Not built yet.", status=501)


thanks_list = thanks_create = thanks_detail = thanks_invite = thanks_approve = thanks_reject = _todo
