"""Deny by default: every staff page needs a signed-in coordinator.

Only the prefixes below are open; each of them guards itself (the portal has its own
middleware, the admin its own login, signed links their token). So is one exact path shape: a calendar
feed, which calendar apps fetch without signing in and whose long random token is the key.
"""

from __future__ import annotations

import re

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest
from django.shortcuts import redirect

from accounts.models import User
from accounts.roles import is_coordinator

OPEN_PREFIXES = ("/accounts/", "/static/", "/admin/", "/portal/", "/r/", "/healthz")
OPEN_PATHS = re.compile(r"/calendar/feed/[A-Za-z0-9_-]+\.ics")  # whole path only (fullmatch)


class StaffRequest(HttpRequest):
    """For the types only: the request a staff page gets, whose user AccessMiddleware has let in."""

    user: User


class AccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(OPEN_PREFIXES) or OPEN_PATHS.fullmatch(path):
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if is_coordinator(user):
            return self.get_response(request)
        if path == "/":
            return redirect("portal:home")
        # A partner (or anyone else) never learns that a staff page exists.
        raise Http404("Page not found")
